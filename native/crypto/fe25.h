/* The field mod p = 2^255 - 19 in radix 2^25.5: ten signed 32-bit limbs alternately 26 and 25 bits
 * wide (limb i weighs 2^ceil(25.5 i)), 64-bit products, for targets without a 64x64 -> 128-bit
 * multiply (wasm32: each 128-bit product would be a call doing four 64-bit multiplications). One of
 * the two field back-ends of ed25519.c (see FAST_FIELD there; fe51.h is the other), included once.
 *
 * Bounds. A carried element has |limb| <= 2^25 (26-bit limbs) or 2^24 (25-bit limbs), plus 2^15 on
 * the limbs the last carries land on: the carries round to nearest, so limbs are centred on 0.
 * fe_add and fe_sub_lazy do not carry: the group formulas of ed25519.c multiply sums and
 * differences of at most three carried elements (fe51.h's analysis: "lazy" results only feed
 * fe_mul / fe_sq). fe_mul's largest column is f0 g0 + 38 (f1 g9 + f3 g7 + f5 g5 + f7 g3 + f9 g1)
 * + 19 (f2 g8 + f4 g6 + f6 g4 + f8 g2), at most 498 * 2^48 < 2^57 for carried inputs, so inputs of
 * s and t times the carried bound stay below 2^63 while s t < 60 (the formulas reach s t = 9). */
/* Not clang-formatted: the limb arithmetic is laid out as tables (a carry step, a column a line). */
/* clang-format off */
typedef int32_t fe_limb;
typedef fe_limb fe[10];
#define FE_NAME "25.5"

/* d = -121665/121666, 2d, sqrt(-1) and the base point (y = 4/5, x even) mod p, computed from their
 * definitions with exact integer arithmetic, in centred limbs. */
static const fe D = {-10913610, 13857413, -15372611, 6949391, 114729, -8787816, -6275908, -3247719, -18696448, -12055116};
static const fe D2 = {-21827239, -5839606, -30745221, 13898782, 229458, 15978800, -12551817, -6495438, 29715968, 9444199};
static const fe SQRTM1 = {-32595792, -7943725, 9377950, 3500415, 12389472, -272473, -25146209, -2005654, 326686, 11406482};
static const fe BASE_X = {-14297830, -7645148, 16144683, -16471763, 27570974, -2696100, -26142465, 8378389, 20764389, 8758491};
static const fe BASE_Y = {-26843541, -6710886, 13421773, -13421773, 26843546, 6710886, -13421773, 13421773, -26843546, -6710886};

static void fe_copy(fe h, const fe f) { memcpy(h, f, sizeof(fe)); }
static void fe_0(fe h) { memset(h, 0, sizeof(fe)); }
static void fe_1(fe h) { fe_0(h); h[0] = 1; }

static inline void fe_add(fe h, const fe f, const fe g) {
    for (int i = 0; i < 10; i++) h[i] = f[i] + g[i];
}

static inline void fe_sub_lazy(fe h, const fe f, const fe g) {
    for (int i = 0; i < 10; i++) h[i] = f[i] - g[i];
}

/* Carries limb i into limb i + 1, rounding to nearest, so the limb ends in [-2^(w-1), 2^(w-1)).
 * Multiplication, not a left shift, puts the carry back: c may be negative. */
#define FE25_CARRY(t, i, w)                                          \
    do {                                                             \
        int64_t c_ = ((t)[i] + ((int64_t)1 << ((w) - 1))) >> (w);   \
        (t)[(i) + 1] += c_;                                          \
        (t)[i] -= c_ * ((int64_t)1 << (w));                          \
    } while (0)

/* Column sums (below 2^63) to a carried element: two interleaved chains (0-1-2-3-4, 4-5-6-7-8-9),
 * the carry out of limb 9 folded into limb 0 times 19 (2^255 = 19 mod p), then limb 0 once more. */
static inline __attribute__((always_inline)) void fe_reduce_wide(fe h, int64_t t[10]) {
    FE25_CARRY(t, 0, 26); FE25_CARRY(t, 4, 26);
    FE25_CARRY(t, 1, 25); FE25_CARRY(t, 5, 25);
    FE25_CARRY(t, 2, 26); FE25_CARRY(t, 6, 26);
    FE25_CARRY(t, 3, 25); FE25_CARRY(t, 7, 25);
    FE25_CARRY(t, 4, 26); FE25_CARRY(t, 8, 26);
    {
        int64_t c = (t[9] + ((int64_t)1 << 24)) >> 25;
        t[0] += 19 * c;
        t[9] -= c * ((int64_t)1 << 25);
    }
    FE25_CARRY(t, 0, 26);
    for (int i = 0; i < 10; i++) h[i] = (int32_t)t[i];
}

static inline void fe_carry(fe h) {
    int64_t t[10];
    for (int i = 0; i < 10; i++) t[i] = h[i];
    fe_reduce_wide(h, t);
}

static inline void fe_sub(fe h, const fe f, const fe g) {
    fe_sub_lazy(h, f, g);
    fe_carry(h);
}

static inline void fe_neg(fe h, const fe f) {
    for (int i = 0; i < 10; i++) h[i] = -f[i];
}

/* Not inlined (unlike fe51.h's): a hundred products per call, so the call costs little, and the
 * WASM module was 156,918 bytes with them inlined at every use, 92,044 without, at the same speed
 * in the benchmark. */
/* Schoolbook: t_k = sum f_i g_j over i + j = k (times 19 for i + j = k + 10: 2^255 = 19), doubled
 * when i and j are both odd (two 25-bit limbs: 2^ceil(25.5 i) 2^ceil(25.5 j) = 2 * 2^ceil(25.5 (i + j))). */
static __attribute__((noinline)) void fe_mul(fe h, const fe f, const fe g) {
    int64_t f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4], f5 = f[5], f6 = f[6], f7 = f[7], f8 = f[8], f9 = f[9];
    int64_t g0 = g[0], g1 = g[1], g2 = g[2], g3 = g[3], g4 = g[4], g5 = g[5], g6 = g[6], g7 = g[7], g8 = g[8], g9 = g[9];
    int64_t f1_2 = 2 * f1, f3_2 = 2 * f3, f5_2 = 2 * f5, f7_2 = 2 * f7, f9_2 = 2 * f9;
    int64_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4, g5_19 = 19 * g5;
    int64_t g6_19 = 19 * g6, g7_19 = 19 * g7, g8_19 = 19 * g8, g9_19 = 19 * g9;
    int64_t t0 = f0 * g0 + f1_2 * g9_19 + f2 * g8_19 + f3_2 * g7_19 + f4 * g6_19 + f5_2 * g5_19 + f6 * g4_19 + f7_2 * g3_19 + f8 * g2_19 + f9_2 * g1_19;
    int64_t t1 = f0 * g1 + f1 * g0 + f2 * g9_19 + f3 * g8_19 + f4 * g7_19 + f5 * g6_19 + f6 * g5_19 + f7 * g4_19 + f8 * g3_19 + f9 * g2_19;
    int64_t t2 = f0 * g2 + f1_2 * g1 + f2 * g0 + f3_2 * g9_19 + f4 * g8_19 + f5_2 * g7_19 + f6 * g6_19 + f7_2 * g5_19 + f8 * g4_19 + f9_2 * g3_19;
    int64_t t3 = f0 * g3 + f1 * g2 + f2 * g1 + f3 * g0 + f4 * g9_19 + f5 * g8_19 + f6 * g7_19 + f7 * g6_19 + f8 * g5_19 + f9 * g4_19;
    int64_t t4 = f0 * g4 + f1_2 * g3 + f2 * g2 + f3_2 * g1 + f4 * g0 + f5_2 * g9_19 + f6 * g8_19 + f7_2 * g7_19 + f8 * g6_19 + f9_2 * g5_19;
    int64_t t5 = f0 * g5 + f1 * g4 + f2 * g3 + f3 * g2 + f4 * g1 + f5 * g0 + f6 * g9_19 + f7 * g8_19 + f8 * g7_19 + f9 * g6_19;
    int64_t t6 = f0 * g6 + f1_2 * g5 + f2 * g4 + f3_2 * g3 + f4 * g2 + f5_2 * g1 + f6 * g0 + f7_2 * g9_19 + f8 * g8_19 + f9_2 * g7_19;
    int64_t t7 = f0 * g7 + f1 * g6 + f2 * g5 + f3 * g4 + f4 * g3 + f5 * g2 + f6 * g1 + f7 * g0 + f8 * g9_19 + f9 * g8_19;
    int64_t t8 = f0 * g8 + f1_2 * g7 + f2 * g6 + f3_2 * g5 + f4 * g4 + f5_2 * g3 + f6 * g2 + f7_2 * g1 + f8 * g0 + f9_2 * g9_19;
    int64_t t9 = f0 * g9 + f1 * g8 + f2 * g7 + f3 * g6 + f4 * g5 + f5 * g4 + f6 * g3 + f7 * g2 + f8 * g1 + f9 * g0;
    int64_t t[10] = {t0, t1, t2, t3, t4, t5, t6, t7, t8, t9};
    fe_reduce_wide(h, t);
}

/* fe_mul(h, f, f) with each cross product once, doubled. */
static __attribute__((noinline)) void fe_sq(fe h, const fe f) {
    int64_t f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4], f5 = f[5], f6 = f[6], f7 = f[7], f8 = f[8], f9 = f[9];
    int64_t f0_2 = 2 * f0, f1_2 = 2 * f1, f2_2 = 2 * f2, f3_2 = 2 * f3, f4_2 = 2 * f4, f5_2 = 2 * f5, f6_2 = 2 * f6;
    int64_t f7_2 = 2 * f7, f8_2 = 2 * f8, f9_2 = 2 * f9, f1_4 = 4 * f1, f3_4 = 4 * f3, f5_4 = 4 * f5, f7_4 = 4 * f7;
    int64_t f5_19 = 19 * f5, f6_19 = 19 * f6, f7_19 = 19 * f7, f8_19 = 19 * f8, f9_19 = 19 * f9;
    int64_t t0 = f0 * f0 + f1_4 * f9_19 + f2_2 * f8_19 + f3_4 * f7_19 + f4_2 * f6_19 + f5_2 * f5_19;
    int64_t t1 = f0_2 * f1 + f2_2 * f9_19 + f3_2 * f8_19 + f4_2 * f7_19 + f5_2 * f6_19;
    int64_t t2 = f0_2 * f2 + f1_2 * f1 + f3_4 * f9_19 + f4_2 * f8_19 + f5_4 * f7_19 + f6 * f6_19;
    int64_t t3 = f0_2 * f3 + f1_2 * f2 + f4_2 * f9_19 + f5_2 * f8_19 + f6_2 * f7_19;
    int64_t t4 = f0_2 * f4 + f1_4 * f3 + f2 * f2 + f5_4 * f9_19 + f6_2 * f8_19 + f7_2 * f7_19;
    int64_t t5 = f0_2 * f5 + f1_2 * f4 + f2_2 * f3 + f6_2 * f9_19 + f7_2 * f8_19;
    int64_t t6 = f0_2 * f6 + f1_4 * f5 + f2_2 * f4 + f3_2 * f3 + f7_4 * f9_19 + f8 * f8_19;
    int64_t t7 = f0_2 * f7 + f1_2 * f6 + f2_2 * f5 + f3_2 * f4 + f8_2 * f9_19;
    int64_t t8 = f0_2 * f8 + f1_4 * f7 + f2_2 * f6 + f3_4 * f5 + f4 * f4 + f9_2 * f9_19;
    int64_t t9 = f0_2 * f9 + f1_2 * f8 + f2_2 * f7 + f3_2 * f6 + f4_2 * f5;
    int64_t t[10] = {t0, t1, t2, t3, t4, t5, t6, t7, t8, t9};
    fe_reduce_wide(h, t);
}

/* h = f * n for a small constant n (121665 in the X25519 ladder). */
static inline void fe_mul_small(fe h, const fe f, int32_t n) {
    int64_t t[10];
    for (int i = 0; i < 10; i++) t[i] = (int64_t)f[i] * n;
    fe_reduce_wide(h, t);
}

static const uint8_t FE25_POS[11] = {0, 26, 51, 77, 102, 128, 153, 179, 204, 230, 255}; /* ceil(25.5 i) */

static void fe_frombytes(fe h, const uint8_t s[32]) { /* the top bit is ignored, as libolm does */
    uint64_t w[5] = {0};
    for (int i = 0; i < 4; i++) {
        uint64_t v = 0;
        for (int j = 7; j >= 0; j--) v = v << 8 | s[8 * i + j];
        w[i] = v;
    }
    for (int i = 0; i < 10; i++) {
        int pos = FE25_POS[i], width = FE25_POS[i + 1] - pos, bit = pos % 64;
        uint64_t v = w[pos / 64] >> bit;
        if (bit + width > 64) v |= w[pos / 64 + 1] << (64 - bit);
        h[i] = (int32_t)(v & (((uint64_t)1 << width) - 1));
    }
}

static void fe_tobytes(uint8_t s[32], const fe f) { /* the canonical encoding, below p */
    fe h;
    fe_copy(h, f);
    fe_carry(h);
    /* h = 2^255 q + r with q = floor(h / 2^255), found by a carry pass that only tracks the carry
     * (h is within about 2^255 of 0: q is -1, 0 or 1); starting it from 19 h9 / 2^25 (rounded)
     * makes q = floor((h + 19 q) / 2^255), that is, q = floor(h / p) on this range. Then
     * h - q p = r + 19 q, carried with floor shifts, is in [0, p); the carry out of limb 9 is
     * q 2^255, dropped. */
    int32_t q = (19 * h[9] + ((int32_t)1 << 24)) >> 25;
    for (int i = 0; i < 10; i++) q = (h[i] + q) >> (FE25_POS[i + 1] - FE25_POS[i]);
    h[0] += 19 * q;
    for (int i = 0; i < 9; i++) {
        int width = FE25_POS[i + 1] - FE25_POS[i];
        int32_t c = h[i] >> width;
        h[i + 1] += c;
        h[i] -= c * ((int32_t)1 << width);
    }
    h[9] &= ((int32_t)1 << 25) - 1;
    uint64_t w[4] = {0, 0, 0, 0};
    for (int i = 0; i < 10; i++) {
        int pos = FE25_POS[i], bit = pos % 64;
        uint64_t v = (uint64_t)(uint32_t)h[i];
        w[pos / 64] |= v << bit;
        if (bit + (FE25_POS[i + 1] - pos) > 64) w[pos / 64 + 1] |= v >> (64 - bit);
    }
    for (int i = 0; i < 32; i++) s[i] = (uint8_t)(w[i / 8] >> (8 * (i % 8)));
}

static inline void fe_cmov(fe f, const fe g, uint64_t bit) {
    int32_t mask = (int32_t)(0 - (uint32_t)bit);
    for (int i = 0; i < 10; i++) f[i] ^= mask & (f[i] ^ g[i]);
}
/* clang-format on */
