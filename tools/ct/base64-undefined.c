/* valgrind memcheck harness for base64 (libolm's src/base64.cpp): the bytes to encode and the
 * text to decode are marked undefined (VALGRIND_MAKE_MEM_UNDEFINED), so every branch or table
 * address computed from them is reported. Linked by tools/ct/run.sh once with the constant-time
 * code (libolm patch 0013) and once with the table code (OLM_UNIVERSAL_STOCK_BASE64).
 * Lengths 0..100 (whole groups and both remainders); the outputs are made defined again before
 * anything looks at them, so only what the code itself does with the secret counts. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "olm/base64.h"

int main(void) {
    uint8_t raw[100], text[140], back[100];
    unsigned long checksum = 0;
    for (size_t length = 0; length <= sizeof(raw); length++) {
        for (size_t i = 0; i < length; i++) raw[i] = (uint8_t)(i * 37 + length);
        VALGRIND_MAKE_MEM_UNDEFINED(raw, length);
        size_t n = _olm_encode_base64(raw, length, text);
        VALGRIND_MAKE_MEM_DEFINED(text, n);
        VALGRIND_MAKE_MEM_UNDEFINED(text, n);
        size_t m = _olm_decode_base64(text, n, back);
        VALGRIND_MAKE_MEM_DEFINED(back, length);
        VALGRIND_MAKE_MEM_DEFINED(raw, length);
        if (m != length || memcmp(raw, back, length)) { printf("round trip FAILED at length %zu\n", length); return 1; }
        for (size_t i = 0; i < length; i++) checksum += back[i];
    }
    printf("base64 round trips 0..100 bytes, checksum %lu\n", checksum);
    return 0;
}
