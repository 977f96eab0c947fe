/* The operations that follow one pattern, each defined once: text getters sized by libolm's
 * length query, pickles, and initialisers that take only random bytes. */
#ifndef OLM_UNIVERSAL_OP_PATTERNS_H
#define OLM_UNIVERSAL_OP_PATTERNS_H

#include "op.h"

/* olm_op_<name>(object, out, out_length): `get` writes the text `length_of` sizes. */
#define OP_TEXT_GETTER(name, Type, kind, length_of, get)                   \
    int olm_op_##name(Type *object, void *out, size_t out_length) {        \
        OP_SIZED(kind, object, length_of(object), get(object, out, need)); \
    }

/* olm_op_pickle_<kind>(object, key, key_length, out, out_length). */
#define OP_PICKLE(kind, Type)                                                                                  \
    int olm_op_pickle_##kind(Type *object, const void *key, size_t key_length, void *out, size_t out_length) { \
        OP_SIZED(kind, object, olm_pickle_##kind##_length(object),                                             \
                 olm_pickle_##kind(object, key, key_length, out, need));                                       \
    }

/* olm_op_<name>(object, random_state, random_state_length): `init` takes `length_of`'s random bytes. */
#define OP_RANDOM_INIT(name, Type, kind, length_of, init)                                          \
    int olm_op_##name(Type *object, void *random_state, size_t random_state_length) {              \
        OP_BURN_ONCE;                                                                              \
        op_random random;                                                                          \
        int error = op_random_take(&random, random_state, random_state_length, length_of(object)); \
        if (error != 0) return error;                                                              \
        size_t r = init(object, random.bytes, random.length);                                      \
        op_random_release(&random);                                                                \
        return OP_RESULT(kind, object, r, 0);                                                      \
    }

#endif
