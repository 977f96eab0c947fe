/* ChaCha20 (chacha20.c) as a deterministic generator (see drbg.h). */
#include "drbg.h"

#include <string.h>

#include "chacha20.h"
#include "wipe.h"

size_t olm_universal_drbg_generate(void *state, size_t state_length, void *output, size_t output_length) {
    static const uint8_t nonce[12] = {0};
    uint8_t *key = (uint8_t *)state, *out = (uint8_t *)output, block[64];
    uint8_t next[32];
    if (state_length != OLM_UNIVERSAL_DRBG_STATE_LENGTH) return (size_t)-1;
    /* Keystream bytes 0-31 are the next key, the rest the output. */
    uint32_t counter = 0;
    size_t done = 0;
    olm_universal_chacha20_block(key, counter++, nonce, block);
    memcpy(next, block, 32);
    size_t take = output_length < 32 ? output_length : 32;
    memcpy(out, block + 32, take);
    done = take;
    while (done < output_length) {
        olm_universal_chacha20_block(key, counter++, nonce, block);
        take = output_length - done < 64 ? output_length - done : 64;
        memcpy(out + done, block, take);
        done += take;
    }
    memcpy(key, next, 32);
    fast_wipe(block, sizeof(block));
    fast_wipe(next, sizeof(next));
    return 0;
}
