/* Ed25519 key generation and signing, X25519 key generation and shared secret, with the secrets
 * marked undefined: valgrind memcheck reports any branch or memory index that depends on them (the
 * outputs are marked defined before use). Run by hand:
 *   cc -O3 -gdwarf-4 -Inative/crypto -Ivendor/olm/include -Ivendor/olm/lib -DOLM_STATIC_DEFINE \
 *     tools/ct/ed25519-undefined.c native/crypto/ed25519.c native/crypto/sha512.c native/crypto/x25519.c \
 *     native/crypto/wipe.c -lpthread -o build/ct/ed25519-undefined && valgrind build/ct/ed25519-undefined
 * (add -DFAST_FIELD=25 for the WASM field back-end and its scalar table selection). */
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>
#include "fast-crypto.h"
#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))
int main(void) {
    uint8_t seed[32] = {7}, msg[100] = {1}, sig[64], out[32];
    struct _olm_ed25519_key_pair kp;
    struct _olm_curve25519_key_pair cp;
    for (int round = 0; round < 3; round++) {
        seed[1] = (uint8_t)round;
        SECRET(seed, 32);
        fast_crypto_ed25519_generate_key(seed, &kp);
        PUBLIC(kp.public_key.public_key, 32);
        SECRET(kp.private_key.private_key, 64);
        fast_crypto_ed25519_sign(&kp, msg, sizeof(msg), sig);
        PUBLIC(sig, 64);
        SECRET(seed, 32);
        fast_crypto_curve25519_generate_key(seed, &cp);
        PUBLIC(cp.public_key.public_key, 32);
        SECRET(cp.private_key.private_key, 32);
        fast_crypto_curve25519_shared_secret(&cp, &cp.public_key, out);
        PUBLIC(out, 32);
        PUBLIC(seed, 32);
        msg[0] ^= sig[0];
    }
    printf("ok %02x\n", msg[0]);
    return 0;
}
