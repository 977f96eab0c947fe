/* libolm's own portable crypto (src/crypto.cpp over lib/): the stock native core, and a stock WASM
 * build (cmake -DOLM_CRYPTO=stock; the module runs the fast core by default), where libolm patch
 * 0010 forwards AES to the constant-time aes-ct (OLM_UNIVERSAL_HARDENED). */
#include "primitives.h"

const char *olm_universal_primitives(void) {
#ifdef OLM_UNIVERSAL_HARDENED
    return "portable: x25519-donna, ed25519-ref10, sha256-c, aes-ct";
#else
    return "stock: x25519-donna, ed25519-ref10, sha256-c, aes-table";
#endif
}
