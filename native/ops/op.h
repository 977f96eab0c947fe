/* What every operation of the layer shares (internal, not exported): its result convention,
 * the randomness it takes and the wiping of it. */
#ifndef OLM_UNIVERSAL_OP_H
#define OLM_UNIVERSAL_OP_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../crypto/wipe.h"
#include "olm/error.h"
#include "olm/olm.h"

/* An operation's result (see ops.h): a libolm size_t r of an object of `kind` becomes -code when
 * it is olm_error(), else `value`. */
#define OP_RESULT(kind, object, r, value) \
    ((r) == olm_error() ? -(int)olm_##kind##_last_error_code(object) : (int)(value))

/* An output that does not fit: the operation returns the length it needs, having done nothing. */
#define OP_NEED(need, out_length)                      \
    do {                                               \
        if ((need) > (out_length)) return (int)(need); \
    } while (0)

/* Decryption uses its output twice: first for a copy of the message, on which libolm's length
 * query runs (it decodes in place), then for the plaintext. This zeroes what the plaintext (r
 * bytes, none when r is olm_error()) did not overwrite, so `out` holds only the plaintext, as the
 * WASM backend's copy of the result's bytes does. */
static inline void op_clear_message_copy(void *out, size_t r, size_t message_length) {
    size_t kept = r == olm_error() ? 0 : r;
    memset((uint8_t *)out + kept, 0, message_length - kept);
}

/* The first statement of every operation: the primitives it runs defer their stack burns, and
 * one burn, as deep as the deepest of them, runs when the operation returns (wipe.h). */
#if defined(__GNUC__) || defined(__clang__)
#define OP_BURN_ONCE int op_burn_scope __attribute__((cleanup(fast_burn_deferred), unused)) = fast_burn_defer()
#else
#define OP_BURN_ONCE ((void)0)
#endif

/* The whole body of an operation with one output of `length` bytes, written by `call` (which
 * names that length `need`): a short `out_length` gets the length back, having done nothing. */
#define OP_SIZED(kind, object, length, call) \
    OP_BURN_ONCE;                            \
    size_t need = (length);                  \
    OP_NEED(need, out_length);               \
    size_t r = (call);                       \
    return OP_RESULT(kind, object, r, need)

/* The random bytes of one operation: on the stack when short, else on the heap; wiped either way. */
typedef struct {
    uint8_t *bytes;
    size_t length;
    uint8_t small[256];
} op_random;

/* Fills `random` with `length` bytes: from the seeded generator when `state` holds its state
 * (load({ insecureSeed })), else from the operating system's CSPRNG. 0 or -OLM_NOT_ENOUGH_RANDOM. */
int op_random_take(op_random *random, void *state, size_t state_length, size_t length);

/* Wipes and releases what op_random_take() took. */
void op_random_release(op_random *random);

#endif
