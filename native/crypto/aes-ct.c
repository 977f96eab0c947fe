/* Constant-time AES-256, bitsliced over 64-bit words.
 *
 * State layout: eight words q[0..7], q[b] holding bit b of every state byte of up to four
 * blocks. Byte (row r, column c) of block slot s sits at bit 16*r + 4*c + s, so each row is a
 * 16-bit lane: ShiftRows rotates inside a lane, MixColumns combines lanes by rotating the whole
 * word by 16 bits. SubBytes is the Boyar-Peralta combinational circuit (XOR/AND/XNOR only) run on
 * the eight bit planes; InvSubBytes is the same circuit between two copies of the inverse affine
 * map. Everything is straight-line word arithmetic: no table, no secret-dependent branch or
 * address. Key schedules, state words and block buffers are wiped (fast_wipe, wipe.c); register
 * spills the compiler makes are left to the caller's stack burn (wipe.h). */
#include "aes-ct.h"

#include <string.h>

#include "cbc-padding.h"
#include "wipe.h"

/* GCC's SLP vectorizer packs the bit-plane XOR networks into SSE registers and spends more on
 * shuffles than it saves (CBC encrypt 92 -> 67 cycles/byte without it, gcc 12 -O3). */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-tree-slp-vectorize")
#endif

/* Scalar code under emcc -msimd128 too: with SIMD128 on, emcc 3.1.6's SLP vectorizer miscompiles
 * aes_ct_decrypt_blocks (FIPS-197 C.3 decrypt fails in aes-ct-kat; -fno-slp-vectorize fixes it).
 * The WASM build's AES is aes-simd128.c there, but the stock WASM build and the tests still run
 * this file with the module's flags. */
#if defined(__wasm_simd128__)
#pragma clang attribute push(__attribute__((target("no-simd128"))), apply_to = function)
#endif

#define BLOCK 16

/* SubBytes on all 64 bytes at once: the Boyar-Peralta 113-gate S-box circuit (top linear
 * layer, shared GF(2^4) inversion, bottom linear layer). U0 is the most significant bit. */
static void sub_bytes(uint64_t q[8]) {
    const uint64_t U0 = q[7], U1 = q[6], U2 = q[5], U3 = q[4];
    const uint64_t U4 = q[3], U5 = q[2], U6 = q[1], U7 = q[0];

    const uint64_t T1 = U0 ^ U3, T2 = U0 ^ U5, T3 = U0 ^ U6, T4 = U3 ^ U5, T5 = U4 ^ U6;
    const uint64_t T6 = T1 ^ T5, T7 = U1 ^ U2, T8 = U7 ^ T6, T9 = U7 ^ T7, T10 = T6 ^ T7;
    const uint64_t T11 = U1 ^ U5, T12 = U2 ^ U5, T13 = T3 ^ T4, T14 = T6 ^ T11, T15 = T5 ^ T11;
    const uint64_t T16 = T5 ^ T12, T17 = T9 ^ T16, T18 = U3 ^ U7, T19 = T7 ^ T18, T20 = T1 ^ T19;
    const uint64_t T21 = U6 ^ U7, T22 = T7 ^ T21, T23 = T2 ^ T22, T24 = T2 ^ T10, T25 = T20 ^ T17;
    const uint64_t T26 = T3 ^ T16, T27 = T1 ^ T12;

    const uint64_t M1 = T13 & T6, M2 = T23 & T8, M3 = T14 ^ M1, M4 = T19 & U7, M5 = M4 ^ M1;
    const uint64_t M6 = T3 & T16, M7 = T22 & T9, M8 = T26 ^ M6, M9 = T20 & T17, M10 = M9 ^ M6;
    const uint64_t M11 = T1 & T15, M12 = T4 & T27, M13 = M12 ^ M11, M14 = T2 & T10, M15 = M14 ^ M11;
    const uint64_t M16 = M3 ^ M2, M17 = M5 ^ T24, M18 = M8 ^ M7, M19 = M10 ^ M15, M20 = M16 ^ M13;
    const uint64_t M21 = M17 ^ M15, M22 = M18 ^ M13, M23 = M19 ^ T25, M24 = M22 ^ M23;
    const uint64_t M25 = M22 & M20, M26 = M21 ^ M25, M27 = M20 ^ M21, M28 = M23 ^ M25;
    const uint64_t M29 = M28 & M27, M30 = M26 & M24, M31 = M20 & M23, M32 = M27 & M31;
    const uint64_t M33 = M27 ^ M25, M34 = M21 & M22, M35 = M24 & M34, M36 = M24 ^ M25;
    const uint64_t M37 = M21 ^ M29, M38 = M32 ^ M33, M39 = M23 ^ M30, M40 = M35 ^ M36;
    const uint64_t M41 = M38 ^ M40, M42 = M37 ^ M39, M43 = M37 ^ M38, M44 = M39 ^ M40, M45 = M42 ^ M41;
    const uint64_t M46 = M44 & T6, M47 = M40 & T8, M48 = M39 & U7, M49 = M43 & T16, M50 = M38 & T9;
    const uint64_t M51 = M37 & T17, M52 = M42 & T15, M53 = M45 & T27, M54 = M41 & T10;
    const uint64_t M55 = M44 & T13, M56 = M40 & T23, M57 = M39 & T19, M58 = M43 & T3;
    const uint64_t M59 = M38 & T22, M60 = M37 & T20, M61 = M42 & T1, M62 = M45 & T4, M63 = M41 & T2;

    const uint64_t L0 = M61 ^ M62, L1 = M50 ^ M56, L2 = M46 ^ M48, L3 = M47 ^ M55, L4 = M54 ^ M58;
    const uint64_t L5 = M49 ^ M61, L6 = M62 ^ L5, L7 = M46 ^ L3, L8 = M51 ^ M59, L9 = M52 ^ M53;
    const uint64_t L10 = M53 ^ L4, L11 = M60 ^ L2, L12 = M48 ^ M51, L13 = M50 ^ L0, L14 = M52 ^ M61;
    const uint64_t L15 = M55 ^ L1, L16 = M56 ^ L0, L17 = M57 ^ L1, L18 = M58 ^ L8, L19 = M63 ^ L4;
    const uint64_t L20 = L0 ^ L1, L21 = L1 ^ L7, L22 = L3 ^ L12, L23 = L18 ^ L2, L24 = L15 ^ L9;
    const uint64_t L25 = L6 ^ L10, L26 = L7 ^ L9, L27 = L8 ^ L10, L28 = L11 ^ L14, L29 = L11 ^ L17;

    q[7] = L6 ^ L24;
    q[6] = ~(L16 ^ L26);
    q[5] = ~(L19 ^ L28);
    q[4] = L6 ^ L21;
    q[3] = L20 ^ L22;
    q[2] = L25 ^ L29;
    q[1] = ~(L13 ^ L27);
    q[0] = ~(L6 ^ L23);
}

/* y -> A^-1(y ^ 0x63): the S-box's affine map undone. InvSubBytes(y) = g(SubBytes(g(y))),
 * since SubBytes(z) = A(z^-1) ^ 0x63 gives z^-1 = g(SubBytes(z)). */
static void inv_affine(uint64_t q[8]) {
    const uint64_t q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3], q4 = q[4], q5 = q[5], q6 = q[6], q7 = q[7];
    q[0] = ~(q2 ^ q5 ^ q7); /* A^-1(0x63) = 0x05: planes 0 and 2 complemented */
    q[1] = q3 ^ q6 ^ q0;
    q[2] = ~(q4 ^ q7 ^ q1);
    q[3] = q5 ^ q0 ^ q2;
    q[4] = q6 ^ q1 ^ q3;
    q[5] = q7 ^ q2 ^ q4;
    q[6] = q0 ^ q3 ^ q5;
    q[7] = q1 ^ q4 ^ q6;
}

static void inv_sub_bytes(uint64_t q[8]) {
    inv_affine(q);
    sub_bytes(q);
    inv_affine(q);
}

/* Rows 2 and 3 (bits 32..63) rotated by 8 bits inside their 16-bit lanes; then rows 1 and 3
 * by 4 bits: together row r turns by 4r bits (r columns). */
static uint64_t rotate_rows_2_3_by_8(uint64_t x) {
    return (x & 0x00000000FFFFFFFFull) | ((x >> 8) & 0x00FF00FF00000000ull) | ((x << 8) & 0xFF00FF0000000000ull);
}

/* Row r rotated right by 4r bits: new column c = old column c + r. */
static uint64_t shift_rows_word(uint64_t x) {
    x = rotate_rows_2_3_by_8(x);
    return (x & 0x0000FFFF0000FFFFull) | ((x >> 4) & 0x0FFF00000FFF0000ull) | ((x << 12) & 0xF0000000F0000000ull);
}

/* Row r rotated left by 4r bits: new column c = old column c - r (row 3: right 8, left 4). */
static uint64_t inv_shift_rows_word(uint64_t x) {
    x = rotate_rows_2_3_by_8(x);
    return (x & 0x0000FFFF0000FFFFull) | ((x << 4) & 0xFFF00000FFF00000ull) | ((x >> 12) & 0x000F0000000F0000ull);
}

/* The row below, for every row at once (row 3 gets row 0). */
static uint64_t rot16(uint64_t x) { return (x >> 16) | (x << 48); }
static uint64_t rot32(uint64_t x) { return (x >> 32) | (x << 32); }

/* out_r = 2 a_r + 3 a_r+1 + a_r+2 + a_r+3 = 2 (a_r + a_r+1) + a_r+1 + (a_r+2 + a_r+3), where
 * 2 t is multiplication by x modulo x^8 + x^4 + x^3 + x + 1 on the bit planes t0..t7.
 * Spelled out in scalars: GCC keeps array versions in memory. */
static void mix_columns(uint64_t q[8]) {
    const uint64_t q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3], q4 = q[4], q5 = q[5], q6 = q[6], q7 = q[7];
    const uint64_t r0 = rot16(q0), r1 = rot16(q1), r2 = rot16(q2), r3 = rot16(q3);
    const uint64_t r4 = rot16(q4), r5 = rot16(q5), r6 = rot16(q6), r7 = rot16(q7);
    const uint64_t t0 = q0 ^ r0, t1 = q1 ^ r1, t2 = q2 ^ r2, t3 = q3 ^ r3;
    const uint64_t t4 = q4 ^ r4, t5 = q5 ^ r5, t6 = q6 ^ r6, t7 = q7 ^ r7;
    q[0] = t7 ^ r0 ^ rot32(t0);
    q[1] = t0 ^ t7 ^ r1 ^ rot32(t1);
    q[2] = t1 ^ r2 ^ rot32(t2);
    q[3] = t2 ^ t7 ^ r3 ^ rot32(t3);
    q[4] = t3 ^ t7 ^ r4 ^ rot32(t4);
    q[5] = t4 ^ r5 ^ rot32(t5);
    q[6] = t5 ^ r6 ^ rot32(t6);
    q[7] = t6 ^ r7 ^ rot32(t7);
}

/* InvMixColumns = MixColumns after the circulant (5, 0, 4, 0): a_r += 4 (a_r + a_r+2).
 * 4 t on bit planes: (t6, t6+t7, t7+t0, t1+t6, t2+t6+t7, t3+t7, t4, t5). */
static void inv_mix_columns(uint64_t q[8]) {
    const uint64_t t0 = q[0] ^ rot32(q[0]), t1 = q[1] ^ rot32(q[1]), t2 = q[2] ^ rot32(q[2]);
    const uint64_t t3 = q[3] ^ rot32(q[3]), t4 = q[4] ^ rot32(q[4]), t5 = q[5] ^ rot32(q[5]);
    const uint64_t t6 = q[6] ^ rot32(q[6]), t7 = q[7] ^ rot32(q[7]);
    q[0] ^= t6;
    q[1] ^= t6 ^ t7;
    q[2] ^= t7 ^ t0;
    q[3] ^= t1 ^ t6;
    q[4] ^= t2 ^ t6 ^ t7;
    q[5] ^= t3 ^ t7;
    q[6] ^= t4;
    q[7] ^= t5;
    mix_columns(q);
}

static void add_round_key(uint64_t q[8], const uint64_t rk[8]) {
    for (int i = 0; i < 8; i++) q[i] ^= rk[i];
}

/* Swaps bit d of the word index with bit d of the in-byte bit index (d = 0, 1, 2 for shift
 * 1, 2, 4): three rounds transpose every 8x8 bit matrix formed by byte m of the eight words.
 * It is its own inverse. */
#define SWAP(a, b, s, mask)                            \
    do {                                               \
        uint64_t t_ = ((w[a] >> (s)) ^ w[b]) & (mask); \
        w[b] ^= t_;                                    \
        w[a] ^= t_ << (s);                             \
    } while (0)
static void transpose(uint64_t w[8]) {
    const uint64_t m1 = 0x5555555555555555ull, m2 = 0x3333333333333333ull, m4 = 0x0F0F0F0F0F0F0F0Full;
    /* clang-format off */
    SWAP(0, 1, 1, m1); SWAP(2, 3, 1, m1); SWAP(4, 5, 1, m1); SWAP(6, 7, 1, m1);
    SWAP(0, 2, 2, m2); SWAP(1, 3, 2, m2); SWAP(4, 6, 2, m2); SWAP(5, 7, 2, m2);
    SWAP(0, 4, 4, m4); SWAP(1, 5, 4, m4); SWAP(2, 6, 4, m4); SWAP(3, 7, 4, m4);
    /* clang-format on */
}
#undef SWAP

/* Byte k (row r = k % 4, column c = k / 4) of block slot s goes to bit p = 16 r + 4 c + s of
 * every plane. Writing p = 8 m + j (m = 2 r + c / 2, j = 4 (c % 2) + s), it is placed in byte
 * m of word j, and the transpose moves bit b of that byte to bit p of word b. So word s holds
 * columns 0 and 2 with their bytes spread to even and odd byte positions, word 4 + s columns 1
 * and 3. Missing slots are zero. */
static uint64_t spread(const uint8_t *column) {
    uint64_t x =
        (uint64_t)column[0] | (uint64_t)column[1] << 16 | (uint64_t)column[2] << 32 | (uint64_t)column[3] << 48;
    return x;
}

static void load_blocks(const uint8_t *in, size_t blocks, uint64_t q[8]) {
    for (int j = 0; j < 8; j++) q[j] = 0;
    for (size_t s = 0; s < blocks; s++) {
        const uint8_t *block = in + BLOCK * s;
        q[s] = spread(block) | spread(block + 8) << 8;
        q[4 + s] = spread(block + 4) | spread(block + 12) << 8;
    }
    transpose(q);
}

static void gather(uint64_t x, uint8_t *column) {
    for (int r = 0; r < 4; r++) column[r] = (uint8_t)(x >> (16 * r));
}

static void store_blocks(uint64_t q[8], uint8_t *out, size_t blocks) {
    transpose(q);
    for (size_t s = 0; s < blocks; s++) {
        uint8_t *block = out + BLOCK * s;
        gather(q[s], block);
        gather(q[s] >> 8, block + 8);
        gather(q[4 + s], block + 4);
        gather(q[4 + s] >> 8, block + 12);
    }
}

/* One block in slot 0 copied to the other three: slot s is bit s of every nibble. */
static void load_replicated(const uint8_t *in, uint64_t q[8]) {
    load_blocks(in, 1, q);
    for (int i = 0; i < 8; i++) q[i] *= 0xF; /* only bit 0 of each nibble is set: no carries */
}

/* SubWord of the key schedule through the same circuit: bit b of byte j of the word becomes
 * bit j of plane b (the other 60 positions carry S(0) and are dropped). */
static uint32_t sub_word(uint32_t w) {
    uint64_t q[8];
    uint32_t r = 0;
    for (int b = 0; b < 8; b++) {
        uint32_t x = (w >> b) & 0x01010101u; /* bit b of each byte, at bits 0, 8, 16, 24 */
        q[b] = (x | x >> 7 | x >> 14 | x >> 21) & 0xF;
    }
    sub_bytes(q);
    for (int b = 0; b < 8; b++) {
        uint32_t x = (uint32_t)q[b] & 0xF;
        r |= ((x & 1) | (x & 2) << 7 | (x & 4) << 14 | (x & 8) << 21) << b;
    }
    fast_wipe(q, sizeof(q));
    return r;
}

/* FIPS 197 section 5.2 for Nk = 8, then each round key bitsliced into all four slots. */
void aes_ct_expand_key(const uint8_t key[32], aes_ct_schedule *schedule) {
    uint32_t w[60];
    uint8_t bytes[BLOCK];
    uint32_t rcon = 1;
    for (int i = 0; i < 8; i++)
        w[i] = (uint32_t)key[4 * i] << 24 | (uint32_t)key[4 * i + 1] << 16 | (uint32_t)key[4 * i + 2] << 8 |
               key[4 * i + 3];
    for (int i = 8; i < 60; i++) {
        uint32_t t = w[i - 1];
        if (i % 8 == 0) { /* public index */
            t = sub_word((t << 8) | (t >> 24)) ^ (rcon << 24);
            rcon <<= 1;
        } else if (i % 8 == 4) {
            t = sub_word(t);
        }
        w[i] = w[i - 8] ^ t;
    }
    for (int round = 0; round < 15; round++) {
        for (int k = 0; k < BLOCK; k++) bytes[k] = (uint8_t)(w[4 * round + k / 4] >> (24 - 8 * (k % 4)));
        load_replicated(bytes, schedule->rk[round]);
    }
    fast_wipe(w, sizeof(w));
    fast_wipe(bytes, sizeof(bytes));
}

void aes_ct_wipe_schedule(aes_ct_schedule *schedule) { fast_wipe(schedule, sizeof(*schedule)); }

void aes_ct_encrypt_blocks(const aes_ct_schedule *schedule, const uint8_t *in, uint8_t *out, size_t blocks) {
    uint64_t q[8];
    load_blocks(in, blocks, q);
    add_round_key(q, schedule->rk[0]);
    for (int round = 1; round < 14; round++) {
        sub_bytes(q);
        for (int i = 0; i < 8; i++) q[i] = shift_rows_word(q[i]);
        mix_columns(q);
        add_round_key(q, schedule->rk[round]);
    }
    sub_bytes(q);
    for (int i = 0; i < 8; i++) q[i] = shift_rows_word(q[i]);
    add_round_key(q, schedule->rk[14]);
    store_blocks(q, out, blocks);
    fast_wipe(q, sizeof(q));
}

/* The straightforward inverse cipher (FIPS 197 section 5.3). */
void aes_ct_decrypt_blocks(const aes_ct_schedule *schedule, const uint8_t *in, uint8_t *out, size_t blocks) {
    uint64_t q[8];
    load_blocks(in, blocks, q);
    add_round_key(q, schedule->rk[14]);
    for (int round = 13; round > 0; round--) {
        for (int i = 0; i < 8; i++) q[i] = inv_shift_rows_word(q[i]);
        inv_sub_bytes(q);
        add_round_key(q, schedule->rk[round]);
        inv_mix_columns(q);
    }
    for (int i = 0; i < 8; i++) q[i] = inv_shift_rows_word(q[i]);
    inv_sub_bytes(q);
    add_round_key(q, schedule->rk[0]);
    store_blocks(q, out, blocks);
    fast_wipe(q, sizeof(q));
}

size_t aes_ct_encrypt_cbc_length(size_t input_length) { return input_length + BLOCK - input_length % BLOCK; }

/* Each block chains on the previous ciphertext, so encryption runs one block per pass. */
void aes_ct_encrypt_cbc(const struct _olm_aes256_key *key, const struct _olm_aes256_iv *iv, const uint8_t *input,
                        size_t input_length, uint8_t *output) {
    aes_ct_schedule schedule;
    uint8_t block[BLOCK], last[BLOCK];
    aes_ct_expand_key(key->key, &schedule);
    memcpy(block, iv->iv, BLOCK);
    size_t full = input_length / BLOCK;
    for (size_t i = 0; i < full; i++) {
        for (int j = 0; j < BLOCK; j++) block[j] ^= input[BLOCK * i + (size_t)j];
        aes_ct_encrypt_blocks(&schedule, block, block, 1);
        memcpy(output + BLOCK * i, block, BLOCK);
    }
    cbc_padded_tail(input, input_length, last);
    for (int j = 0; j < BLOCK; j++) block[j] ^= last[j];
    aes_ct_encrypt_blocks(&schedule, block, output + BLOCK * full, 1);
    aes_ct_wipe_schedule(&schedule);
    fast_wipe(block, sizeof(block));
    fast_wipe(last, sizeof(last));
}

/* Blocks are independent through the cipher: four per pass, then XOR with the previous
 * ciphertext (kept aside, since input and output may be the same buffer). */
size_t aes_ct_decrypt_cbc(const struct _olm_aes256_key *key, const struct _olm_aes256_iv *iv, const uint8_t *input,
                          size_t input_length, uint8_t *output) {
    if (input_length == 0 || input_length % BLOCK != 0) return (size_t)-1; /* public lengths */
    aes_ct_schedule schedule;
    uint8_t chain[5 * BLOCK], plain[4 * BLOCK];
    aes_ct_expand_key(key->key, &schedule);
    memcpy(chain + 4 * BLOCK, iv->iv, BLOCK);
    for (size_t i = 0; i < input_length; i += 4 * BLOCK) {
        size_t blocks = (input_length - i) / BLOCK;
        if (blocks > 4) blocks = 4;
        memcpy(chain, chain + 4 * BLOCK, BLOCK); /* the previous pass's last ciphertext */
        memcpy(chain + BLOCK, input + i, BLOCK * blocks);
        aes_ct_decrypt_blocks(&schedule, chain + BLOCK, plain, blocks);
        for (size_t j = 0; j < BLOCK * blocks; j++) output[i + j] = plain[j] ^ chain[j];
        memmove(chain + 4 * BLOCK, chain + BLOCK * blocks, BLOCK); /* may be itself */
    }
    aes_ct_wipe_schedule(&schedule);
    fast_wipe(plain, sizeof(plain));
    return cbc_unpadded_length(output, input_length);
}

#if defined(__wasm_simd128__)
#pragma clang attribute pop
#endif
