/* Constant-time AES-256 on WebAssembly SIMD128: one block per 128-bit vector, in FIPS-197 byte
 * order (byte 4c + r is row r of column c).
 *
 * SubBytes looks up all 16 bytes at once with i8x16.swizzle, which the engine compiles to a
 * register shuffle (tbl on arm64, pshufb on x86): no memory access, so no cache line or timing
 * depends on the byte. The 256-byte S-box is 16 rows of 16 (aes-simd128-tables.h, generated); row
 * h is swizzled by x ^ 16h, an index < 16 (the low nibble) exactly where x's high nibble is h and
 * >= 16 elsewhere, where swizzle gives 0; the 16 results are ORed. Every row is read for every
 * byte, whatever its value. ShiftRows and the byte rotations of MixColumns are constant shuffles,
 * multiplication by x is add/compare/and/xor: straight-line code, no secret-dependent branch or
 * address, in the key schedule too. Schedules and block buffers are wiped (fast_wipe); register
 * spills are left to the caller's stack burn (seam.c, wipe.h).
 *
 * CBC encryption chains every block on the previous one, so it runs one block at a time: here one
 * vector, where the bitsliced aes-ct.c computes four slots to use one (tools/ct/aes-bench, 4 KiB
 * messages, node 20 on x86-64: 10.2 ns/B here, 29.7 aes-ct, 16.4 libolm's table AES).
 * Decryption interleaves four independent blocks, but aes-ct.c's four-block pass is faster there
 * (10.2 ns/B against 11.7-12.0), so aes.c decrypts with aes-ct.c; this decryption is kept for the
 * block-level known answers and for that measurement. */
#include "aes-simd128.h"

#ifdef __wasm_simd128__
#include <string.h>
#include <wasm_simd128.h>

#include "aes-simd128-tables.h"
#include "cbc-padding.h"
#include "wipe.h"

#define BLOCK  16
#define INLINE static inline __attribute__((always_inline))

/* Constants are loaded through launder(), which hides where the pointer points: clang otherwise
 * folds them into v128.const (V8 on x86-64 builds each through general registers) and turns the
 * compare with zero in xtime into i8x16.shr_s (several instructions on x86-64). Measured: key
 * expansion 2x faster, CBC encryption 10%. Public addresses only. */
/* Row h: 16 bytes of 16 h, XORed into the index of S-box row h. */
#define SPLAT(b) \
    { b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b }
static const uint8_t index_keys[16][16] __attribute__((aligned(16))) = {
    SPLAT(0x00), SPLAT(0x10), SPLAT(0x20), SPLAT(0x30), SPLAT(0x40), SPLAT(0x50), SPLAT(0x60), SPLAT(0x70),
    SPLAT(0x80), SPLAT(0x90), SPLAT(0xa0), SPLAT(0xb0), SPLAT(0xc0), SPLAT(0xd0), SPLAT(0xe0), SPLAT(0xf0),
};
static const uint8_t xtime_keys[2][16] __attribute__((aligned(16))) = {SPLAT(0x00), SPLAT(0x1B)};
#undef SPLAT
INLINE const v128_t *launder(const void *p) {
    __asm__("" : "+r"(p));
    return (const v128_t *)p;
}

/* The S-box (or its inverse) and the index keys, as launder() gives them. */
typedef struct {
    const v128_t *rows, *keys;
} tables;

INLINE tables sbox_tables(const uint8_t rows[16][16]) {
    tables t = {launder(rows), launder(index_keys)};
    return t;
}

/* rows[x >> 4][x & 15] for each byte x, by 16 swizzles (see the top comment), ORed in a tree
 * (depth 4, not a chain of 15: CBC encryption waits on it). Spelled out: clang kept loops over
 * arrays in memory. */
#define X    wasm_v128_xor
#define OR   wasm_v128_or
#define S(h) wasm_i8x16_swizzle(t.rows[h], X(x, t.keys[h]))
INLINE v128_t lookup(tables t, v128_t x) {
    const v128_t a = OR(OR(OR(S(0), S(1)), OR(S(2), S(3))), OR(OR(S(4), S(5)), OR(S(6), S(7))));
    const v128_t b = OR(OR(OR(S(8), S(9)), OR(S(10), S(11))), OR(OR(S(12), S(13)), OR(S(14), S(15))));
    return OR(a, b);
}
#undef S
#undef OR
#undef X

/* Row r of the state rotated left by r columns: byte 4c + r from column c + r. */
INLINE v128_t shift_rows(v128_t x) {
    return wasm_i8x16_shuffle(x, x, 0, 5, 10, 15, 4, 9, 14, 3, 8, 13, 2, 7, 12, 1, 6, 11);
}
INLINE v128_t inv_shift_rows(v128_t x) {
    return wasm_i8x16_shuffle(x, x, 0, 13, 10, 7, 4, 1, 14, 11, 8, 5, 2, 15, 12, 9, 6, 3);
}

/* Inside each column, row r gets row r + 1 (rot1) or r + 2 (rot2). */
INLINE v128_t rot1(v128_t x) { return wasm_i8x16_shuffle(x, x, 1, 2, 3, 0, 5, 6, 7, 4, 9, 10, 11, 8, 13, 14, 15, 12); }
INLINE v128_t rot2(v128_t x) { return wasm_i8x16_shuffle(x, x, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13); }

/* Every byte times x modulo x^8 + x^4 + x^3 + x + 1: doubled, 0x1B folded in where the top bit
 * was set (a compare makes the mask, no branch). */
INLINE v128_t xtime(v128_t x) {
    const v128_t *k = launder(xtime_keys);
    const v128_t zero = k[0], carry = wasm_i8x16_lt(x, zero);
    return wasm_v128_xor(wasm_i8x16_add(x, x), wasm_v128_and(carry, k[1]));
}

/* out_r = 2 a_r + 3 a_r+1 + a_r+2 + a_r+3 = 2 t_r + a_r+1 + t_r+2 with t_r = a_r + a_r+1. */
INLINE v128_t mix_columns(v128_t a) {
    v128_t a1 = rot1(a), t = wasm_v128_xor(a, a1);
    return wasm_v128_xor(wasm_v128_xor(xtime(t), a1), rot2(t));
}

/* InvMixColumns = MixColumns after a_r += 4 (a_r + a_r+2) (the circulant (5, 0, 4, 0)). */
INLINE v128_t inv_mix_columns(v128_t a) {
    v128_t u = wasm_v128_xor(a, rot2(a));
    return mix_columns(wasm_v128_xor(a, xtime(xtime(u))));
}

INLINE v128_t encrypt_block(tables sbox, const v128_t rk[15], v128_t x) {
    x = wasm_v128_xor(x, rk[0]);
    for (int round = 1; round < 14; round++) x = wasm_v128_xor(mix_columns(lookup(sbox, shift_rows(x))), rk[round]);
    return wasm_v128_xor(lookup(sbox, shift_rows(x)), rk[14]);
}

/* The straightforward inverse cipher (FIPS 197 section 5.3) on n (a constant: 1 or 4) blocks,
 * round by round, so the blocks' instructions interleave. */
INLINE void decrypt4(const v128_t rk[15], v128_t x[4], int n) {
    const tables inv = sbox_tables(aes_inv_sbox_rows);
    for (int j = 0; j < n; j++) x[j] = wasm_v128_xor(x[j], rk[14]);
    for (int round = 13; round > 0; round--)
        for (int j = 0; j < n; j++) x[j] = inv_mix_columns(wasm_v128_xor(lookup(inv, inv_shift_rows(x[j])), rk[round]));
    for (int j = 0; j < n; j++) x[j] = wasm_v128_xor(lookup(inv, inv_shift_rows(x[j])), rk[0]);
}

/* SubWord on a little-endian word (its bytes in memory order), through the same lookup. */
static uint32_t sub_word(uint32_t w) {
    return (uint32_t)wasm_i32x4_extract_lane(lookup(sbox_tables(aes_sbox_rows), wasm_i32x4_splat((int32_t)w)), 0);
}

/* FIPS 197 section 5.2 for Nk = 8, on words in memory byte order: RotWord is a right rotation. */
void aes_simd128_expand_key(const uint8_t key[32], aes_simd128_schedule *schedule) {
    uint32_t w[60];
    uint32_t rcon = 1;
    memcpy(w, key, 32);
    for (int i = 8; i < 60; i++) {
        uint32_t t = w[i - 1];
        if (i % 8 == 0) { /* public index */
            t = sub_word((t >> 8) | (t << 24)) ^ rcon;
            rcon <<= 1; /* 0x01 .. 0x40: no reduction for AES-256 */
        } else if (i % 8 == 4) {
            t = sub_word(t);
        }
        w[i] = w[i - 8] ^ t;
    }
    memcpy(schedule->rk, w, sizeof(schedule->rk));
    fast_wipe(w, sizeof(w));
}

void aes_simd128_wipe_schedule(aes_simd128_schedule *schedule) { fast_wipe(schedule, sizeof(*schedule)); }

#define ROUND_KEYS(schedule) ((const v128_t *)(schedule)->rk)

void aes_simd128_encrypt_blocks(const aes_simd128_schedule *schedule, const uint8_t *in, uint8_t *out, size_t blocks) {
    const tables sbox = sbox_tables(aes_sbox_rows);
    for (size_t i = 0; i < blocks; i++)
        wasm_v128_store(out + BLOCK * i, encrypt_block(sbox, ROUND_KEYS(schedule), wasm_v128_load(in + BLOCK * i)));
}

void aes_simd128_decrypt_blocks(const aes_simd128_schedule *schedule, const uint8_t *in, uint8_t *out, size_t blocks) {
    size_t i = 0;
    for (; i + 4 <= blocks; i += 4) {
        v128_t x[4];
        for (int j = 0; j < 4; j++) x[j] = wasm_v128_load(in + BLOCK * (i + (size_t)j));
        decrypt4(ROUND_KEYS(schedule), x, 4);
        for (int j = 0; j < 4; j++) wasm_v128_store(out + BLOCK * (i + (size_t)j), x[j]);
    }
    for (; i < blocks; i++) {
        v128_t x[1] = {wasm_v128_load(in + BLOCK * i)};
        decrypt4(ROUND_KEYS(schedule), x, 1);
        wasm_v128_store(out + BLOCK * i, x[0]);
    }
}

void aes_simd128_encrypt_cbc(const struct _olm_aes256_key *key, const struct _olm_aes256_iv *iv, const uint8_t *input,
                             size_t input_length, uint8_t *output) {
    aes_simd128_schedule schedule;
    uint8_t last[BLOCK];
    aes_simd128_expand_key(key->key, &schedule);
    const v128_t *rk = ROUND_KEYS(&schedule);
    const tables sbox = sbox_tables(aes_sbox_rows);
    v128_t chain = wasm_v128_load(iv->iv);
    size_t full = input_length / BLOCK;
    for (size_t i = 0; i < full; i++) {
        chain = encrypt_block(sbox, rk, wasm_v128_xor(chain, wasm_v128_load(input + BLOCK * i)));
        wasm_v128_store(output + BLOCK * i, chain);
    }
    cbc_padded_tail(input, input_length, last);
    chain = encrypt_block(sbox, rk, wasm_v128_xor(chain, wasm_v128_load(last)));
    wasm_v128_store(output + BLOCK * full, chain);
    aes_simd128_wipe_schedule(&schedule);
    fast_wipe(last, sizeof(last));
}

/* Four blocks per pass, each XORed with the ciphertext before it (loaded before the stores, as
 * input and output may be the same buffer). */
size_t aes_simd128_decrypt_cbc(const struct _olm_aes256_key *key, const struct _olm_aes256_iv *iv, const uint8_t *input,
                               size_t input_length, uint8_t *output) {
    if (input_length == 0 || input_length % BLOCK != 0) return (size_t)-1; /* public lengths */
    aes_simd128_schedule schedule;
    aes_simd128_expand_key(key->key, &schedule);
    const v128_t *rk = ROUND_KEYS(&schedule);
    v128_t chain = wasm_v128_load(iv->iv);
    size_t blocks = input_length / BLOCK, i = 0;
    for (; i + 4 <= blocks; i += 4) {
        v128_t c[4], x[4];
        for (int j = 0; j < 4; j++) x[j] = c[j] = wasm_v128_load(input + BLOCK * (i + (size_t)j));
        decrypt4(rk, x, 4);
        for (int j = 0; j < 4; j++) {
            wasm_v128_store(output + BLOCK * (i + (size_t)j), wasm_v128_xor(x[j], chain));
            chain = c[j];
        }
    }
    for (; i < blocks; i++) { /* the last 0..3 blocks, one at a time */
        v128_t c = wasm_v128_load(input + BLOCK * i), x[1] = {c};
        decrypt4(rk, x, 1);
        wasm_v128_store(output + BLOCK * i, wasm_v128_xor(x[0], chain));
        chain = c;
    }
    aes_simd128_wipe_schedule(&schedule);
    return cbc_unpadded_length(output, input_length);
}
#endif
