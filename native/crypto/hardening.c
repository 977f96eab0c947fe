/* Which hardening measures a build has, for `olm.hardening` and `olm-universal info`: the libolm
 * patches its tree was built with (vendor/olm/fetch.sh writes universal-patches.h) and the core
 * it runs (olm_universal_primitives). Read from the build, so a stock or unpatched build says so. */
#include "olm/universal-patches.h"
#include "primitives.h"

#include <string.h>

static void add(char *text, size_t size, const char *word) {
    if (text[0]) strncat(text, ", ", size - strlen(text) - 1);
    strncat(text, word, size - strlen(text) - 1);
}

const char *olm_universal_hardening(void) {
    static char text[160];
    if (!text[0]) {
        const char *core = olm_universal_primitives();
        /* The fast core's own Ed25519 refuses S >= L; libolm's ref10 does with patch 0011. */
        int fast = strncmp(core, "fast:", 5) == 0;
        int strict_ed25519 = fast;
#ifdef OLM_UNIVERSAL_PATCH_0011
        strict_ed25519 = 1;
#endif
        /* AES-NI and the bitsliced aes-ct are constant time; libolm's table AES is not. */
        if (!strstr(core, "aes-table")) add(text, sizeof(text), "constant-time-aes");
#if defined(OLM_UNIVERSAL_PATCH_0013) && !defined(OLM_UNIVERSAL_STOCK_BASE64)
        add(text, sizeof(text), "constant-time-base64");
#endif
        if (strict_ed25519) add(text, sizeof(text), "strict-ed25519");
#ifdef OLM_UNIVERSAL_PATCH_0012
        add(text, sizeof(text), "contributory-x25519");
#endif
        if (!text[0]) strcpy(text, "none");
    }
    return text;
}
