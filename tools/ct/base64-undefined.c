/* valgrind memcheck harness for base64 (libolm's src/base64.cpp): the bytes to encode and the
 * text to decode are marked undefined (VALGRIND_MAKE_MEM_UNDEFINED), so every branch or table
 * address computed from them is reported. Linked by tools/ct/run.sh once with the constant-time
 * code (libolm patch 0013) and once with the table code (OLM_UNIVERSAL_STOCK_BASE64).
 * Lengths 0..200 (whole groups and both remainders, several vector blocks), and any bytes as
 * text (characters outside the alphabet); the outputs are made defined again before anything
 * looks at them, so only what the code itself does with the secret counts.
 * Usage: base64-undefined [portable]   (portable: force the portable path, in a base64.cpp built
 * with OLM_UNIVERSAL_BASE64_TESTING; otherwise the path the CPU selects). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "olm/base64.h"

/* base64.cpp's test switch (1 forces the portable path), where the build has it. */
int olm_universal_base64_force_portable(int portable) __attribute__((weak));

int main(int argc, char **argv) {
    uint8_t raw[200], text[280], back[210];
    unsigned long checksum = 0;
    const char *path = "table";
    int portable = argc > 1 && strcmp(argv[1], "portable") == 0;
    if (olm_universal_base64_force_portable) {
        path = olm_universal_base64_force_portable(portable) && !portable ? "vector" : "portable";
    } else if (portable) {
        printf("no test switch: build base64.cpp with OLM_UNIVERSAL_BASE64_TESTING\n");
        return 1;
    }
    for (size_t length = 0; length <= sizeof(raw); length++) {
        for (size_t i = 0; i < length; i++) raw[i] = (uint8_t)(i * 37 + length);
        VALGRIND_MAKE_MEM_UNDEFINED(raw, length);
        size_t n = _olm_encode_base64(raw, length, text);
        VALGRIND_MAKE_MEM_DEFINED(text, n);
        VALGRIND_MAKE_MEM_UNDEFINED(text, n);
        size_t m = _olm_decode_base64(text, n, back);
        VALGRIND_MAKE_MEM_DEFINED(back, length);
        VALGRIND_MAKE_MEM_DEFINED(raw, length);
        if (m != length || memcmp(raw, back, length)) {
            printf("round trip FAILED at length %zu\n", length);
            return 1;
        }
        for (size_t i = 0; i < length; i++) checksum += back[i];
        /* Any bytes as text: invalid characters decode as 0xFF ORed in, without a branch. */
        if (length % 4 != 1) {
            VALGRIND_MAKE_MEM_UNDEFINED(raw, length);
            size_t k = _olm_decode_base64(raw, length, back);
            VALGRIND_MAKE_MEM_DEFINED(back, k);
            VALGRIND_MAKE_MEM_DEFINED(raw, length);
            for (size_t i = 0; i < k; i++) checksum += back[i];
        }
    }
    printf("base64 round trips 0..200 bytes (%s path), checksum %lu\n", path, checksum);
    return 0;
}
