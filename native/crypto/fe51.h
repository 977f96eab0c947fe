/* The field mod p = 2^255 - 19 in radix 2^51: five 64-bit limbs, 128-bit products, for targets that
 * multiply 64x64 -> 128 bits in hardware (x86-64, arm64). One of the two field back-ends of
 * ed25519.c (see FAST_FIELD there; fe25.h is the other), included once, by it. */
/* Not clang-formatted: the limb arithmetic is laid out as tables (a carry step, a column a line). */
/* clang-format off */
typedef uint64_t fe_limb;
typedef fe_limb fe[5]; /* value = sum limb[i] * 2^(51 i); limbs kept below ~2^53 between operations */

#define M51 ((UINT64_C(1) << 51) - 1)
#define FE_NAME "51"

/* d = -121665/121666, 2d, sqrt(-1) and the base point (y = 4/5, x even) mod p, computed from their
 * definitions with exact integer arithmetic. */
static const fe D = {0x34dca135978a3, 0x1a8283b156ebd, 0x5e7a26001c029, 0x739c663a03cbb, 0x52036cee2b6ff};
static const fe D2 = {0x69b9426b2f159, 0x35050762add7a, 0x3cf44c0038052, 0x6738cc7407977, 0x2406d9dc56dff};
static const fe SQRTM1 = {0x61b274a0ea0b0, 0x0d5a5fc8f189d, 0x7ef5e9cbd0c60, 0x78595a6804c9e, 0x2b8324804fc1d};
static const fe BASE_X = {0x62d608f25d51a, 0x412a4b4f6592a, 0x75b7171a4b31d, 0x1ff60527118fe, 0x216936d3cd6e5};
static const fe BASE_Y = {0x6666666666658, 0x4cccccccccccc, 0x1999999999999, 0x3333333333333, 0x6666666666666};

static void fe_copy(fe h, const fe f) { memcpy(h, f, sizeof(fe)); }
static void fe_0(fe h) { memset(h, 0, sizeof(fe)); }
static void fe_1(fe h) { fe_0(h); h[0] = 1; }

static inline void fe_add(fe h, const fe f, const fe g) {
    for (int i = 0; i < 5; i++) h[i] = f[i] + g[i];
}

static inline void fe_carry(fe h) {
    h[1] += h[0] >> 51; h[0] &= M51;
    h[2] += h[1] >> 51; h[1] &= M51;
    h[3] += h[2] >> 51; h[2] &= M51;
    h[4] += h[3] >> 51; h[3] &= M51;
    h[0] += 19 * (h[4] >> 51); h[4] &= M51;
}

/* f - g + 4p keeps every limb positive for g below 2^53; the result is carried. */
static inline void fe_sub(fe h, const fe f, const fe g) {
    h[0] = f[0] + UINT64_C(0x1FFFFFFFFFFFB4) - g[0];
    for (int i = 1; i < 5; i++) h[i] = f[i] + UINT64_C(0x1FFFFFFFFFFFFC) - g[i];
    fe_carry(h);
}

/* f - g + 4p without the carry, for a result that only feeds fe_mul / fe_sq: g's limbs must stay
 * below 4p's (2^53 - 76), f's below 2^53; then every limb is below 2^54, and fe_mul's column sums
 * stay below 77 * 2^108 < 2^115, so its carries fit 64 bits. */
static inline void fe_sub_lazy(fe h, const fe f, const fe g) {
    h[0] = f[0] + UINT64_C(0x1FFFFFFFFFFFB4) - g[0];
    for (int i = 1; i < 5; i++) h[i] = f[i] + UINT64_C(0x1FFFFFFFFFFFFC) - g[i];
}

static inline void fe_neg(fe h, const fe f) {
    static const fe zero = {0};
    fe_sub(h, zero, f);
}

/* Carries the five column sums in two interleaved chains (0-1-2-3, 3-4-0-1) for a shorter
 * dependency path. Sums stay below 77 * 2^108 (inputs below 2^54), so every carry fits 64 bits
 * and 19 times r4's (below 2^60) does too; limbs 1 and 4 end below 2^51 + 2^13, the rest below 2^51. */
static inline void fe_reduce_wide(fe h, u128 r0, u128 r1, u128 r2, u128 r3, u128 r4) {
    uint64_t h0, h1, h2, h3, h4;
    r1 += (uint64_t)(r0 >> 51); h0 = (uint64_t)r0 & M51;
    r4 += (uint64_t)(r3 >> 51); h3 = (uint64_t)r3 & M51;
    r2 += (uint64_t)(r1 >> 51); h1 = (uint64_t)r1 & M51;
    h0 += 19 * (uint64_t)(r4 >> 51); h4 = (uint64_t)r4 & M51;
    h3 += (uint64_t)(r2 >> 51); h2 = (uint64_t)r2 & M51;
    h1 += h0 >> 51; h0 &= M51;
    h4 += h3 >> 51; h3 &= M51;
    h[0] = h0; h[1] = h1; h[2] = h2; h[3] = h3; h[4] = h4;
}

static inline __attribute__((always_inline)) void fe_mul(fe h, const fe f, const fe g) {
    uint64_t f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4];
    uint64_t g0 = g[0], g1 = g[1], g2 = g[2], g3 = g[3], g4 = g[4];
    uint64_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
    u128 r0 = (u128)f0 * g0 + (u128)f1 * g4_19 + (u128)f2 * g3_19 + (u128)f3 * g2_19 + (u128)f4 * g1_19;
    u128 r1 = (u128)f0 * g1 + (u128)f1 * g0 + (u128)f2 * g4_19 + (u128)f3 * g3_19 + (u128)f4 * g2_19;
    u128 r2 = (u128)f0 * g2 + (u128)f1 * g1 + (u128)f2 * g0 + (u128)f3 * g4_19 + (u128)f4 * g3_19;
    u128 r3 = (u128)f0 * g3 + (u128)f1 * g2 + (u128)f2 * g1 + (u128)f3 * g0 + (u128)f4 * g4_19;
    u128 r4 = (u128)f0 * g4 + (u128)f1 * g3 + (u128)f2 * g2 + (u128)f3 * g1 + (u128)f4 * g0;
    fe_reduce_wide(h, r0, r1, r2, r3, r4);
}

static inline __attribute__((always_inline)) void fe_sq(fe h, const fe f) {
    uint64_t f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4];
    uint64_t d0 = 2 * f0, d1 = 2 * f1, d2 = 2 * f2, d3 = 2 * f3, f3_19 = 19 * f3, f4_19 = 19 * f4;
    u128 r0 = (u128)f0 * f0 + (u128)d1 * f4_19 + (u128)d2 * f3_19;
    u128 r1 = (u128)d0 * f1 + (u128)d2 * f4_19 + (u128)f3 * f3_19;
    u128 r2 = (u128)d0 * f2 + (u128)f1 * f1 + (u128)d3 * f4_19;
    u128 r3 = (u128)d0 * f3 + (u128)d1 * f2 + (u128)f4 * f4_19;
    u128 r4 = (u128)d0 * f4 + (u128)d1 * f3 + (u128)f2 * f2;
    fe_reduce_wide(h, r0, r1, r2, r3, r4);
}

static void fe_frombytes(fe h, const uint8_t s[32]) { /* the top bit is ignored, as libolm does */
    uint64_t w[4];
    for (int i = 0; i < 4; i++) {
        uint64_t v = 0;
        for (int j = 7; j >= 0; j--) v = v << 8 | s[8 * i + j];
        w[i] = v;
    }
    h[0] = w[0] & M51;
    h[1] = (w[0] >> 51 | w[1] << 13) & M51;
    h[2] = (w[1] >> 38 | w[2] << 26) & M51;
    h[3] = (w[2] >> 25 | w[3] << 39) & M51;
    h[4] = (w[3] >> 12) & M51;
}

static void fe_tobytes(uint8_t s[32], const fe f) { /* the canonical encoding, below p */
    fe h;
    fe_copy(h, f);
    fe_carry(h);
    fe_carry(h);
    /* h < 2p now: subtract p when h + 19 reaches 2^255. */
    uint64_t q = (h[0] + 19) >> 51;
    q = (h[1] + q) >> 51;
    q = (h[2] + q) >> 51;
    q = (h[3] + q) >> 51;
    q = (h[4] + q) >> 51;
    h[0] += 19 * q;
    h[1] += h[0] >> 51; h[0] &= M51;
    h[2] += h[1] >> 51; h[1] &= M51;
    h[3] += h[2] >> 51; h[2] &= M51;
    h[4] += h[3] >> 51; h[3] &= M51;
    h[4] &= M51;
    uint64_t w[4] = {h[0] | h[1] << 51, h[1] >> 13 | h[2] << 38, h[2] >> 26 | h[3] << 25, h[3] >> 39 | h[4] << 12};
    for (int i = 0; i < 32; i++) s[i] = (uint8_t)(w[i / 8] >> (8 * (i % 8)));
}

static inline void fe_cmov(fe f, const fe g, uint64_t bit) {
    uint64_t mask = (uint64_t)0 - bit;
    for (int i = 0; i < 5; i++) f[i] ^= mask & (f[i] ^ g[i]);
}

/* h = f * n for a small constant n (121665 in the X25519 ladder). */
static inline void fe_mul_small(fe h, const fe f, uint32_t n) {
    fe_reduce_wide(h, (u128)f[0] * n, (u128)f[1] * n, (u128)f[2] * n, (u128)f[3] * n, (u128)f[4] * n);
}
/* clang-format on */
