/* The stock native build runs libolm's own portable crypto (src/crypto.cpp over lib/). */
#include "primitives.h"

const char *olm_universal_primitives(void) {
    return "stock: x25519-donna, ed25519-ref10, sha256-c, aes-table";
}
