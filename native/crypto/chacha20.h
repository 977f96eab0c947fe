/* ChaCha20's block function (RFC 8439 section 2.3): the seeded generator's keystream (drbg.c). */
#ifndef OLM_UNIVERSAL_CHACHA20_H
#define OLM_UNIVERSAL_CHACHA20_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One 64-byte block of keystream for key, block counter and nonce. */
void olm_universal_chacha20_block(const uint8_t key[32], uint32_t counter, const uint8_t nonce[12], uint8_t out[64]);

#ifdef __cplusplus
}
#endif
#endif
