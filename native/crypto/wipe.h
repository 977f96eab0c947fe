/* Wiping secrets: buffers (fast_wipe) and the stack a call has used (fast_stack_burn). The one
 * wipe of the project: native/crypto, native/ops, the addon (native/addon.cc) and the C baseline
 * (bench/baseline.c) all call fast_wipe, in every build (native, WASM, test programs). */
#ifndef OLM_UNIVERSAL_WIPE_H
#define OLM_UNIVERSAL_WIPE_H

#include <stddef.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Zeroes `length` bytes in a way the compiler keeps: memset, then an asm that may read the
 * buffer, so the stores stay. Inline: a per-byte volatile loop or a call showed in the profiles
 * of sign and verify (SHA-512 wipes its schedule per block). */
static inline void fast_wipe(void *buffer, size_t length) {
    memset(buffer, 0, length);
    __asm__ __volatile__("" : : "r"(buffer) : "memory");
}

/* Zeroes `length` bytes of stack below the caller's frame: what a secret-bearing call just
 * returned from left there (spilled registers, copies the compiler made, locals its own wipes
 * miss). Call it right after such a call, from the frame that made it (as libsodium's
 * sodium_stackzero); the depths below are tools/ct/stack-scan's measurements, with margin. */
void fast_stack_burn(size_t length);

/* One burn per operation: between fast_burn_defer() and fast_burn_deferred(), fast_stack_burn only
 * notes how deep its burn would reach, and fast_burn_deferred burns once, from its caller's frame
 * down to the deepest of them (a Megolm ratchet advance of 10,000 steps otherwise burns after each
 * of its ~60 HMACs). The operations layer brackets every operation with them (native/ops/op.h,
 * OP_BURN_ONCE); nested brackets burn when the outermost closes. Per thread. */
int fast_burn_defer(void);
void fast_burn_deferred(int *scope);

/* Stack depth to burn after each kind of call: the deepest use stack-scan measured for the
 * primitive (native fast core, portable fallbacks, libolm's stock core), doubled, rounded up.
 * The AES-NI and SHA-NI paths use far less, and a burn costs about 1 ns per 80 bytes (a 4 KiB
 * burn was 5% of a session pickle): the fast core's seam burns those depths when it ran them. */
#define WIPE_BURN_AES     4096 /* measured 1,808 (aes-ct decrypt) */
#define WIPE_BURN_AES_NI  1536 /* measured 696 (AES-NI decrypt) */
#define WIPE_BURN_SHA     2560 /* measured 1,128 (HKDF, portable SHA-256) */
#define WIPE_BURN_SHA_NI  1536 /* measured 744 (HKDF, SHA-NI) */
#define WIPE_BURN_X25519  8192 /* measured 3,432 (libolm's 32-bit donna) */
#define WIPE_BURN_ED25519 8704 /* measured 4,136 (sign) */

#ifdef __cplusplus
}
#endif
#endif
