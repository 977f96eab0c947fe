/* libolm's base64: decoding any text stays within _olm_decode_base64_length, and bytes survive
 * an encode/decode round trip. */
#include "../fuzz-common.h"

static void fuzz_setup(void) {}
static void fuzz_seeds(void) {
    fuzz_seed("SGVsbG8gd29ybGQ", 15);
    fuzz_seed("AAAA", 4);
    fuzz_seed("A", 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    uint8_t *text = fuzz_copy(data, size);
    size_t max = _olm_decode_base64_length(size);
    if (max != (size_t)-1) {
        uint8_t *decoded = (uint8_t *)fuzz_malloc(max);
        size_t n = _olm_decode_base64(text, size, decoded);
        FUZZ_CHECK(n == (size_t)-1 || n <= max);
        free(decoded);
    } else {
        FUZZ_CHECK(size % 4 == 1);
    }
    size_t encoded_length = _olm_encode_base64_length(size);
    uint8_t *encoded = (uint8_t *)fuzz_malloc(encoded_length);
    FUZZ_CHECK(_olm_encode_base64(data, size, encoded) == encoded_length);
    uint8_t *back = (uint8_t *)fuzz_malloc(_olm_decode_base64_length(encoded_length));
    FUZZ_CHECK(_olm_decode_base64(encoded, encoded_length, back) == size);
    FUZZ_CHECK(size == 0 || memcmp(back, data, size) == 0);
    free(back);
    free(encoded);
    free(text);
    return 0;
}
