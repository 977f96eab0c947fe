/* The seeded generator behind `load({ insecureSeed })` (src/api/library.ts): reproducible runs for test
 * harnesses, never the default. Listed with libolm's functions by scripts/olm-functions.cjs, so
 * both bindings reach it the way they reach libolm. */
#ifndef OLM_UNIVERSAL_DRBG_H
#define OLM_UNIVERSAL_DRBG_H

#include <stddef.h>
#include <stdint.h>

#include "olm/olm_export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The length of the generator's state: one ChaCha20 key. */
#define OLM_UNIVERSAL_DRBG_STATE_LENGTH 32

/** Fills output with ChaCha20 (RFC 8439) keystream under the key in state (nonce 0, block
 * counter from 0) and replaces the key by the keystream's first 32 bytes ("fast key erasure"):
 * the same seed and the same requests give the same bytes on every build. Returns 0, or
 * olm_error() when state_length is not OLM_UNIVERSAL_DRBG_STATE_LENGTH. */
OLM_EXPORT size_t olm_universal_drbg_generate(void *state, size_t state_length, void *output, size_t output_length);

#ifdef __cplusplus
}
#endif
#endif
