/* Which primitives a build runs: the addon exports this as `primitives`, the WASM module as a
 * function. Defined by seam.c (fast core) or stock-primitives.c (libolm's portable crypto). */
#ifndef OLM_UNIVERSAL_PRIMITIVES_H
#define OLM_UNIVERSAL_PRIMITIVES_H
#ifdef __cplusplus
extern "C" {
#endif
const char *olm_universal_primitives(void);
/* "constant-time-aes, constant-time-base64, strict-ed25519, contributory-x25519" (hardening.c). */
const char *olm_universal_hardening(void);
/* Names of the parts the fast build chose at compile time. */
const char *fast_x25519_name(void);
const char *fast_ed25519_name(void);
#ifdef __cplusplus
}
#endif
#endif
