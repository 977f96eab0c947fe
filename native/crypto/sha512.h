/* SHA-512 (FIPS 180-4) for the fast core's Ed25519 (sha512.c). Incremental: Ed25519 hashes a key
 * or a nonce prefix, then the message, without copying them together. fast_sha512_final wipes the
 * context (it held the secret key's hash while signing). */
#ifndef OLM_UNIVERSAL_SHA512_H
#define OLM_UNIVERSAL_SHA512_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    uint64_t h[8];
    uint64_t length;
    uint8_t buffer[128];
    size_t buffered;
} fast_sha512_ctx;

void fast_sha512_init(fast_sha512_ctx *ctx);
void fast_sha512_update(fast_sha512_ctx *ctx, const uint8_t *data, size_t length);
void fast_sha512_final(fast_sha512_ctx *ctx, uint8_t out[64]);

#ifdef __cplusplus
}
#endif
#endif
