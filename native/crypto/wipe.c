/* See wipe.h. */
#include "wipe.h"

/* Not inlined (its frame must sit where the callee's frames were) and not a tail call target. */
__attribute__((noinline)) void fast_stack_burn(size_t length) {
    unsigned char fodder[length];
    fast_wipe(fodder, length);
}
