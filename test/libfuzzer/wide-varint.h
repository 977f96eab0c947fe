/* For the structure-aware sender targets: whether a message body holds a varint of 2^32 or more
 * (a tag, a value or a length). Such a message must not decrypt: what it means depends on the
 * width of size_t (64-bit native and 32-bit WASM read different fields). */
#ifndef OLM_UNIVERSAL_FUZZ_WIDE_VARINT_H
#define OLM_UNIVERSAL_FUZZ_WIDE_VARINT_H

#include <stdint.h>

/* Whether any varint in the protobuf fields (after the version byte) is 2^32 or more. */
static int has_wide_varint(const uint8_t *p, const uint8_t *end) {
    while (p < end) {
        uint64_t value = 0;
        int shift = 0, wide = 0;
        uint8_t tag = *p;
        for (int part = 0; part < 2; part++) { /* the tag, then a varint value or a length */
            value = 0;
            shift = 0;
            for (;;) {
                if (p == end) return wide;
                uint8_t byte = *p++;
                if (shift < 64) value |= (uint64_t)(byte & 0x7f) << shift;
                if (shift >= 32 && (byte & 0x7f)) wide = 1;
                shift += 7;
                if (!(byte & 0x80)) break;
            }
            if (value >> 32) wide = 1;
            if (wide) return 1;
            if (part == 0 && (tag & 7) != 0 && (tag & 7) != 2) return 0; /* libolm stops at other wire types */
        }
        if ((tag & 7) == 2) {
            if (value > (uint64_t)(end - p)) return 0;
            p += value;
        }
    }
    return 0;
}

#endif
