/* See wipe.h. */
#include <stdint.h>

#include "wipe.h"

/* The operations open on this thread, and the lowest stack address a burn deferred meanwhile
 * would have reached (0: none). */
static _Thread_local int burn_scopes;
static _Thread_local uintptr_t burn_low;

/* Not inlined (its frame must sit where the callee's frames were) and not a tail call target. */
__attribute__((noinline)) static void burn(size_t length) {
    unsigned char fodder[length];
    fast_wipe(fodder, length);
}

__attribute__((noinline)) void fast_stack_burn(size_t length) {
    if (burn_scopes > 0) {
        /* Where burn(length) called from here would have reached. */
        unsigned char here;
        uintptr_t low = (uintptr_t)&here - length;
        if (burn_low == 0 || low < burn_low) burn_low = low;
        return;
    }
    burn(length);
}

int fast_burn_defer(void) {
    burn_scopes++;
    return 0;
}

__attribute__((noinline)) void fast_burn_deferred(int *scope) {
    (void)scope;
    if (--burn_scopes > 0 || burn_low == 0) return;
    unsigned char here;
    uintptr_t top = (uintptr_t)&here;
    size_t length = top > burn_low ? (size_t)(top - burn_low) : 0;
    burn_low = 0;
    if (length > 0) burn(length);
}
