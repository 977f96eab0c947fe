/* The stock builds run libolm's own portable crypto (src/crypto.cpp over lib/); the stock WASM
 * build's AES is the constant-time one (OLM_UNIVERSAL_HARDENED, libolm patch 0010). */
#include "primitives.h"

const char *olm_universal_primitives(void) {
#ifdef OLM_UNIVERSAL_HARDENED
    return "stock: x25519-donna, ed25519-ref10, sha256-c, aes-ct";
#else
    return "stock: x25519-donna, ed25519-ref10, sha256-c, aes-table";
#endif
}
