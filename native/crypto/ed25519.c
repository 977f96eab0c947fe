/* Ed25519 (RFC 8032) for the fast build: field arithmetic mod 2^255-19 in radix 2^51 (five
 * 64-bit limbs, 128-bit products) in place of libolm's ten 32-bit limbs, written here from the
 * RFC and the extended twisted Edwards formulas (Hisil-Wong-Carter-Dawson 2008). Results are
 * libolm's bit for bit: keys and signatures (deterministic) and the verifier's acceptance, which
 * follows libolm's lib/ed25519/src/verify.c rather than RFC 8032's strict rules:
 *   - S must be below L (RFC 8032's rule, as patched libolm, vendor/olm/patches/0011): S + L
 *     would give the same [S]B, a second valid form of every signature (CVE-2024-45193);
 *   - R is compared as the canonical encoding of [S]B - [h]A, so a non-canonical R never verifies;
 *   - the public key's y is taken mod p (non-canonical encodings accepted), x = 0 with the sign
 *     bit set is accepted, small-order and mixed-order keys are not refused;
 *   - the check is cofactorless: encode([S]B - [h]A) must equal the 32 bytes of R.
 * crypto-diff checks this acceptance against libolm's on valid, altered, S + L and random-key
 * signatures. Everything that touches a secret (key generation, signing) is constant time:
 * fixed-window base-point multiplication with masked table selection, branch-free scalar
 * arithmetic mod L; only verification (public data) is variable time: [S]B - [h]A in one
 * double-and-add over width-8 (B, 64-entry tables) and width-5 (A) non-adjacent forms, with A's
 * decoding and odd multiples kept in a small per-thread cache of recent keys; from a key's second
 * use on, both scalars are split in four 64-bit pieces over B, 2^64 B, 2^128 B, 2^192 B and the
 * same multiples of A (a quarter of the doublings). Its hash, SHA-512, is sha512.c. */
#include "fast-crypto.h"
#include "primitives.h"
#include "sha512.h"

#include <string.h>

#if !defined(__SIZEOF_INT128__)
/* No 128-bit integers (e.g. MSVC): libolm's lib/ed25519, also in the fast source list. */
#include "ed25519/src/ed25519.h"

const char *fast_ed25519_name(void) { return "ed25519-ref10"; }
void fast_crypto_ed25519_generate_key(const uint8_t *random_bytes, struct _olm_ed25519_key_pair *key_pair) {
    ed25519_create_keypair(key_pair->public_key.public_key, key_pair->private_key.private_key, random_bytes);
}
void fast_crypto_ed25519_sign(const struct _olm_ed25519_key_pair *our_key, const uint8_t *message,
                              size_t message_length, uint8_t *output) {
    ed25519_sign(output, message, message_length, our_key->public_key.public_key, our_key->private_key.private_key);
}
int fast_crypto_ed25519_verify(const struct _olm_ed25519_public_key *their_key, const uint8_t *message,
                               size_t message_length, const uint8_t *signature) {
    return 0 != ed25519_verify(signature, message, message_length, their_key->public_key);
}
#else
#include <pthread.h>

/* The field back-end, chosen at build time (-DFAST_FIELD=25 or 51): radix 2^51 (fe51.h) where the
 * CPU multiplies 64x64 -> 128 bits, radix 2^25.5 (fe25.h: ten signed limbs, 64-bit products)
 * elsewhere, e.g. wasm32, where each 128-bit product is a call to a four-multiplication routine.
 * The algorithms below are written once over either. */
#ifndef FAST_FIELD
#if defined(__x86_64__) || defined(__aarch64__)
#define FAST_FIELD 51
#else
#define FAST_FIELD 25
#endif
#endif
#if FAST_FIELD == 51 && defined(__SSE2__)
#define SELECT_SSE2 1
#include <emmintrin.h>
#endif

typedef unsigned __int128 u128; /* scalars mod L (emulated on wasm32: a small share of the work) */
/* Constants computed from their definitions (tools: exact integer arithmetic; the field constants
 * d = -121665/121666, 2d, sqrt(-1) and the base point, y = 4/5 with x even, are in the field
 * back-ends): the group order L and floor(2^512 / L) for Barrett reduction, in 64-bit limbs. */
/* clang-format off */
static const uint64_t L_LIMBS[5] = {0x5812631a5cf5d3edULL, 0x14def9dea2f79cd6ULL, 0x0000000000000000ULL, 0x1000000000000000ULL, 0x0000000000000000ULL};
static const uint64_t MU[5] = {0xed9ce5a30a2c131bULL, 0x2106215d086329a7ULL, 0xffffffffffffffebULL, 0xffffffffffffffffULL, 0x000000000000000fULL};
/* clang-format on */

/* Little-endian 64-bit words of a byte string (scalars). */
static void load_limbs(uint64_t *w, const uint8_t *s, int count) {
    for (int i = 0; i < count; i++) {
        uint64_t v = 0;
        for (int j = 7; j >= 0; j--) v = v << 8 | s[8 * i + j];
        w[i] = v;
    }
}

/* ---------------------------------------------------------------- field mod p = 2^255 - 19 */

#if FAST_FIELD == 51
#include "fe51.h"
#elif FAST_FIELD == 25
#include "fe25.h"
#else
#error "FAST_FIELD must be 25 or 51"
#endif

const char *fast_ed25519_name(void) { return "ed25519-" FE_NAME; }
const char *fast_x25519_name(void) { return "x25519-" FE_NAME; }

static void fe_sq_times(fe h, const fe f, int n) {
    fe_sq(h, f);
    while (--n > 0) fe_sq(h, h);
}

/* out = a^(2^n) b: one link of the addition chains below (a and b may be out). */
static void fe_sq_times_mul(fe out, const fe a, int n, const fe b) {
    fe t;
    fe_sq_times(t, a, n);
    fe_mul(out, t, b);
}

/* z^(2^250 - 1), and z^11, the common part of inversion and the square root exponent. From
 * 2^5 - 1 on, each link takes the exponent 2^k - 1 to 2^(k + j) - 1: j squarings, then the power
 * whose exponent is 2^j - 1. */
static void fe_pow_2_250_1(fe out, fe z11, const fe z) {
    fe z2, t, z9, a5, a10, a20, a50, a100;
    fe_sq(z2, z);
    fe_sq_times_mul(z9, z2, 2, z);
    fe_mul(z11, z9, z2);
    fe_sq(t, z11);
    fe_mul(a5, t, z9);                   /* 2^5 - 1 */
    fe_sq_times_mul(a10, a5, 5, a5);     /* 2^10 - 1 */
    fe_sq_times_mul(a20, a10, 10, a10);  /* 2^20 - 1 */
    fe_sq_times_mul(t, a20, 20, a20);    /* 2^40 - 1 */
    fe_sq_times_mul(a50, t, 10, a10);    /* 2^50 - 1 */
    fe_sq_times_mul(a100, a50, 50, a50); /* 2^100 - 1 */
    fe_sq_times_mul(t, a100, 100, a100); /* 2^200 - 1 */
    fe_sq_times_mul(out, t, 50, a50);    /* 2^250 - 1 */
}

/* 1/z: Bernstein-Yang safegcd (fe-invert-safegcd.h), about three times faster than the Fermat chain
 * z^(p - 2) in WASM and no slower natively; -DFE_INVERT_FERMAT restores the chain (for comparison). */
#ifdef FE_INVERT_FERMAT
static void fe_invert(fe out, const fe z) { /* z^(p - 2) = z^(2^255 - 21) */
    fe t, z11;
    fe_pow_2_250_1(t, z11, z);
    fe_sq_times_mul(out, t, 5, z11);
}
#else
#include "fe-invert-safegcd.h"
#endif

static void fe_pow22523(fe out, const fe z) { /* z^((p - 5) / 8) = z^(2^252 - 3) */
    fe t, z11;
    fe_pow_2_250_1(t, z11, z);
    fe_sq_times_mul(out, t, 2, z);
}

static int fe_isnegative(const fe f) {
    uint8_t s[32];
    fe_tobytes(s, f);
    return s[0] & 1;
}

static int fe_isnonzero(const fe f) {
    uint8_t s[32], r = 0;
    fe_tobytes(s, f);
    for (int i = 0; i < 32; i++) r |= s[i];
    return r != 0;
}

/* ---------------------------------------------------------------- the group */

/* clang-format off */
typedef struct { fe X, Y, Z; } ge_p2;            /* projective: x = X/Z, y = Y/Z */
typedef struct { fe X, Y, Z, T; } ge_p3;         /* extended: also T = XY/Z */
typedef struct { fe X, Y, Z, T; } ge_p1p1;       /* completed: x = X/Z, y = Y/T */
/* affine, for mixed additions; 128 bytes with either field (fe51.h: padded to 16 words for
 * select_base's vector loads) */
typedef struct { fe yplusx, yminusx, xy2d; uint64_t pad; } ge_precomp;
_Static_assert(sizeof(ge_precomp) == 128, "select_base reads entries as 16 words");
typedef struct { fe YplusX, YminusX, Z, T2d; } ge_cached;
/* clang-format on */

static void p1p1_to_p2(ge_p2 *r, const ge_p1p1 *p) {
    fe_mul(r->X, p->X, p->T);
    fe_mul(r->Y, p->Y, p->Z);
    fe_mul(r->Z, p->Z, p->T);
}

static void p1p1_to_p3(ge_p3 *r, const ge_p1p1 *p) {
    fe_mul(r->X, p->X, p->T);
    fe_mul(r->Y, p->Y, p->Z);
    fe_mul(r->Z, p->Z, p->T);
    fe_mul(r->T, p->X, p->Y);
}

static void p3_to_cached(ge_cached *r, const ge_p3 *p) {
    fe_add(r->YplusX, p->Y, p->X);
    fe_sub(r->YminusX, p->Y, p->X);
    fe_copy(r->Z, p->Z);
    fe_mul(r->T2d, p->T, D2);
}

/* 2p ("dbl-2008-hwcd" with a = -1). */
static void p2_dbl(ge_p1p1 *r, const ge_p2 *p) {
    fe t0;
    fe_sq(r->X, p->X);
    fe_sq(r->Z, p->Y);
    fe_sq(r->T, p->Z);
    fe_add(r->T, r->T, r->T);
    fe_add(r->Y, p->X, p->Y);
    fe_sq(t0, r->Y);
    fe_add(r->Y, r->Z, r->X);      /* Y^2 + X^2 */
    fe_sub(r->Z, r->Z, r->X);      /* Y^2 - X^2 */
    fe_sub_lazy(r->X, t0, r->Y);   /* 2XY */
    fe_sub_lazy(r->T, r->T, r->Z); /* r->Z is carried: it is subtracted here */
}

static void p3_dbl(ge_p1p1 *r, const ge_p3 *p) {
    ge_p2 q;
    fe_copy(q.X, p->X);
    fe_copy(q.Y, p->Y);
    fe_copy(q.Z, p->Z);
    p2_dbl(r, &q);
}

/* p + q or p - q ("add-2008-hwcd-3" with k = 2d), q given as y + x, y - x, 2dT and Z (NULL
 * when q is affine, Z = 1). The add/subtract choice is public (verification) or, in base-point
 * multiplication, q is already selected (and negated) in constant time and only added. */
static void ge_add_any(ge_p1p1 *r, const ge_p3 *p, const fe_limb *yplusx, const fe_limb *yminusx, const fe_limb *t2d,
                       const fe_limb *z, int subtract) {
    fe t0;
    fe_add(r->X, p->Y, p->X);
    fe_sub_lazy(r->Y, p->Y, p->X);
    fe_mul(r->Z, r->X, subtract ? yminusx : yplusx);
    fe_mul(r->Y, r->Y, subtract ? yplusx : yminusx);
    fe_mul(r->T, t2d, p->T);
    if (z) fe_mul(t0, p->Z, z);
    else fe_copy(t0, p->Z);
    fe_add(t0, t0, t0);
    fe_sub_lazy(r->X, r->Z, r->Y);
    fe_add(r->Y, r->Z, r->Y);
    if (subtract) {
        fe_sub_lazy(r->Z, t0, r->T);
        fe_add(r->T, t0, r->T);
    } else {
        fe_add(r->Z, t0, r->T);
        fe_sub_lazy(r->T, t0, r->T);
    }
}

static void ge_add_cached(ge_p1p1 *r, const ge_p3 *p, const ge_cached *q, int subtract) {
    ge_add_any(r, p, q->YplusX, q->YminusX, q->T2d, q->Z, subtract);
}

static void ge_madd(ge_p1p1 *r, const ge_p3 *p, const ge_precomp *q, int subtract) {
    ge_add_any(r, p, q->yplusx, q->yminusx, q->xy2d, NULL, subtract);
}

static void p3_0(ge_p3 *h) {
    fe_0(h->X);
    fe_1(h->Y);
    fe_1(h->Z);
    fe_0(h->T);
}

static void p3_tobytes(uint8_t s[32], const fe X, const fe Y, const fe Z) {
    fe recip, x, y;
    fe_invert(recip, Z);
    fe_mul(x, X, recip);
    fe_mul(y, Y, recip);
    fe_tobytes(s, y);
    s[31] ^= (uint8_t)(fe_isnegative(x) << 7);
}

/* r[i] = p[i] in affine form, n <= 64, with one inversion for all (Montgomery's trick). */
static void to_precomp(ge_precomp *r, const ge_p3 *p, int n) {
    fe prefix[64], inverse, recip, x, y;
    fe_copy(prefix[0], p[0].Z);
    for (int i = 1; i < n; i++) fe_mul(prefix[i], prefix[i - 1], p[i].Z);
    fe_invert(inverse, prefix[n - 1]);
    for (int i = n - 1; i >= 0; i--) {
        if (i > 0) {
            fe_mul(recip, inverse, prefix[i - 1]); /* 1 / Z_i */
            fe_mul(inverse, inverse, p[i].Z);      /* 1 / (Z_0 ... Z_(i-1)) */
        } else {
            fe_copy(recip, inverse);
        }
        fe_mul(x, p[i].X, recip);
        fe_mul(y, p[i].Y, recip);
        fe_add(r[i].yplusx, y, x);
        fe_carry(r[i].yplusx);
        fe_sub(r[i].yminusx, y, x);
        fe_mul(r[i].xy2d, x, y);
        fe_mul(r[i].xy2d, r[i].xy2d, D2);
    }
}

/* Base-point tables, computed once: BASE[i][j] = (j + 1) 2^(2 W i) B for fixed-window
 * multiplication with signed radix-2^W digits (W = BASE_WINDOW), BASE_ODD[j] = (2j + 1) B up to 127B for verification's width-8 wNAF (about 28
 * additions for S instead of 43 at width 5; 64 entries, 8 KiB), and the same for 2^64 B, 2^128 B
 * and 2^192 B. */
#define BASE_ODD_WIDTH 8
/* The window trades additions (52 for W = 5, 64 for W = 4) against the entries each selection reads
 * (2^(W - 1)). W = 5 pays where the selection is cheap next to a field multiplication: WASM
 * with SIMD (sign 27.7 against 30.5 us); without SIMD the two are level, and natively (cheap
 * radix-2^51 multiplications) W = 4 stays. */
#ifndef BASE_WINDOW
#if defined(__wasm_simd128__)
#define BASE_WINDOW 5
#else
#define BASE_WINDOW 4
#endif
#endif
/* Digits for a scalar below 2^255: ceil(255 / W), one more when the top digit's bits and a carry
 * could exceed 2^(W - 1) (W = 4: 64 digits, W = 5: 52). */
#define BASE_DIGITS_0  ((255 + BASE_WINDOW - 1) / BASE_WINDOW)
#define BASE_DIGITS    (BASE_DIGITS_0 + (255 - BASE_WINDOW * (BASE_DIGITS_0 - 1) > BASE_WINDOW - 1))
#define BASE_POSITIONS ((BASE_DIGITS + 1) / 2)
#define BASE_ENTRIES   (1 << (BASE_WINDOW - 1))
static ge_precomp BASE[BASE_POSITIONS][BASE_ENTRIES] __attribute__((aligned(64)));
#define SPLIT          4 /* repeated keys: scalars in SPLIT parts of 256 / SPLIT bits */
static ge_precomp BASE_ODD[SPLIT][1 << (BASE_ODD_WIDTH - 2)]; /* [k]: for 2^(64 k) B */
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void add_p3(ge_p3 *r, const ge_p3 *p, const ge_p3 *q) {
    ge_cached c;
    ge_p1p1 t;
    p3_to_cached(&c, q);
    ge_add_cached(&t, p, &c, 0);
    p1p1_to_p3(r, &t);
}

/* table[j] = (2j + 1) P. */
static void odd_precomp(ge_precomp table[1 << (BASE_ODD_WIDTH - 2)], const ge_p3 *p) {
    ge_p3 m[1 << (BASE_ODD_WIDTH - 2)], twice;
    ge_p1p1 t;
    p3_dbl(&t, p);
    p1p1_to_p3(&twice, &t);
    m[0] = *p;
    for (int j = 1; j < (1 << (BASE_ODD_WIDTH - 2)); j++) add_p3(&m[j], &m[j - 1], &twice);
    to_precomp(table, m, 1 << (BASE_ODD_WIDTH - 2));
}

static void make_tables(void) {
    ge_p3 b, p, m[BASE_ENTRIES];
    ge_p1p1 t;
    fe_copy(b.X, BASE_X);
    fe_copy(b.Y, BASE_Y);
    fe_1(b.Z);
    fe_mul(b.T, BASE_X, BASE_Y);
    p = b;
    for (int i = 0; i < BASE_POSITIONS; i++) {
        m[0] = p;
        for (int j = 1; j < BASE_ENTRIES; j++) add_p3(&m[j], &m[j - 1], &p);
        to_precomp(BASE[i], m, BASE_ENTRIES);
        for (int k = 0; k < 2 * BASE_WINDOW; k++) {
            p3_dbl(&t, &p);
            p1p1_to_p3(&p, &t);
        }
    }
    p = b;
    for (int k = 0; k < SPLIT; k++) {
        odd_precomp(BASE_ODD[k], &p);
        for (int i = 0; i < 256 / SPLIT; i++) {
            p3_dbl(&t, &p);
            p1p1_to_p3(&p, &t);
        }
    }
}

static void precomp_cmov(ge_precomp *t, const ge_precomp *u, uint64_t bit) {
    fe_cmov(t->yplusx, u->yplusx, bit);
    fe_cmov(t->yminusx, u->yminusx, bit);
    fe_cmov(t->xy2d, u->xy2d, bit);
}

/* t = b 256^pos B for b in [-8, 8], reading every table entry whatever b is. */
static void select_base(ge_precomp *t, int pos, int b) {
    uint64_t negative = (uint64_t)(uint32_t)b >> 31;
    uint32_t magnitude = (uint32_t)(b - (int)((0 - negative) & (uint64_t)b) * 2);
    ge_precomp minus;
#if defined(SELECT_SSE2)
    /* Each entry is 16 words (15 and a zero pad): OR in eight 128-bit masked loads per entry. */
    uint64_t zero = 0 - (uint64_t)((magnitude - 1) >> 31); /* all ones when b = 0: the identity */
    __m128i acc[8];
    for (int v = 0; v < 8; v++) acc[v] = _mm_setzero_si128();
    acc[0] = _mm_set_epi64x(0, (long long)(zero & 1)); /* yplusx = 1 */
    acc[2] = _mm_set_epi64x((long long)(zero & 1), 0); /* yminusx = 1 (word 5) */
    for (uint32_t j = 0; j < BASE_ENTRIES; j++) {
        __m128i mask = _mm_set1_epi64x((long long)(0 - (uint64_t)(((magnitude ^ (j + 1)) - 1) >> 31)));
        const __m128i *entry = (const __m128i *)&BASE[pos][j];
        for (int v = 0; v < 8; v++) acc[v] = _mm_or_si128(acc[v], _mm_and_si128(mask, _mm_loadu_si128(entry + v)));
    }
    for (int v = 0; v < 8; v++) _mm_storeu_si128((__m128i *)t + v, acc[v]);
#elif defined(__wasm_simd128__)
    /* WebAssembly SIMD (a module built with -msimd128): the same with 128-bit vectors, entry by
     * entry (eight vector accumulators). */
    typedef uint64_t u64x2 __attribute__((vector_size(16)));
    u64x2 acc[8];
    fe_limb zero = (fe_limb)((magnitude - 1) >> 31); /* 1 when b = 0: the identity */
    for (int v = 0; v < 8; v++) acc[v] = (u64x2){0, 0};
    for (uint32_t j = 0; j < BASE_ENTRIES; j++) {
        uint64_t m = 0 - (uint64_t)(((magnitude ^ (j + 1)) - 1) >> 31);
        const u64x2 mask = {m, m};
        const unsigned char *entry = (const unsigned char *)&BASE[pos][j];
        for (int v = 0; v < 8; v++) {
            u64x2 x;
            memcpy(&x, entry + 16 * v, 16);
            acc[v] |= mask & x;
        }
    }
    memcpy(t, acc, sizeof(acc));
    t->yplusx[0] |= zero; /* y + x = y - x = 1, xy2d = 0 */
    t->yminusx[0] |= zero;
#else
    /* The same in 64-bit words (128-byte entries with either field: 30 limbs of 4 bytes and a pad, or
     * 15 of 8 and a pad), ORing masked words instead of three masked swaps per entry, word by word
     * over the eight entries so that the masks and one accumulator stay in registers (entry by
     * entry, sixteen accumulators spilled: select_base was 15% of a signature in WASM). */
    uint64_t acc[16], masks[BASE_ENTRIES];
    fe_limb zero = (fe_limb)((magnitude - 1) >> 31); /* 1 when b = 0: the identity */
    const unsigned char *entries = (const unsigned char *)BASE[pos];
    for (uint32_t j = 0; j < BASE_ENTRIES; j++) masks[j] = 0 - (uint64_t)(((magnitude ^ (j + 1)) - 1) >> 31);
    for (int v = 0; v < 16; v++) {
        uint64_t word, sum = 0;
        for (int j = 0; j < BASE_ENTRIES; j++) {
            memcpy(&word, entries + sizeof(ge_precomp) * j + 8 * v, 8);
            sum |= masks[j] & word;
        }
        acc[v] = sum;
    }
    memcpy(t, acc, sizeof(acc));
    t->yplusx[0] |= zero; /* y + x = y - x = 1, xy2d = 0 */
    t->yminusx[0] |= zero;
#endif
    fe_copy(minus.yplusx, t->yminusx);
    fe_copy(minus.yminusx, t->yplusx);
    fe_neg(minus.xy2d, t->xy2d);
    precomp_cmov(t, &minus, negative);
}

/* h = a B for a < 2^255, constant time: a = sum e_i 2^(W i) with e_i in [-2^(W - 1), 2^(W - 1)];
 * the odd digits first, then W doublings, then the even ones (two digits per table position). */
static void scalarmult_base(ge_p3 *h, const uint8_t a[32]) {
    signed char e[BASE_DIGITS];
    uint64_t w[5] = {0, 0, 0, 0, 0};
    int carry = 0;
    ge_precomp t;
    ge_p1p1 r;
    load_limbs(w, a, 4);
    for (int i = 0; i < BASE_DIGITS; i++) {
        int bit = BASE_WINDOW * i % 64, word = BASE_WINDOW * i / 64;
        uint64_t v = w[word] >> bit;
        if (bit > 64 - BASE_WINDOW) v |= w[word + 1] << (64 - bit);
        e[i] = (signed char)(v & ((1u << BASE_WINDOW) - 1));
    }
    for (int i = 0; i < BASE_DIGITS - 1; i++) {
        int v = e[i] + carry;
        carry = (v + (1 << (BASE_WINDOW - 1))) >> BASE_WINDOW;
        e[i] = (signed char)(v - carry * (1 << BASE_WINDOW));
    }
    e[BASE_DIGITS - 1] = (signed char)(e[BASE_DIGITS - 1] + carry);
    p3_0(h);
    for (int i = 1; i < BASE_DIGITS; i += 2) {
        select_base(&t, i / 2, e[i]);
        ge_madd(&r, h, &t, 0);
        p1p1_to_p3(h, &r);
    }
    for (int k = 0; k < BASE_WINDOW; k++) {
        p3_dbl(&r, h);
        p1p1_to_p3(h, &r);
    }
    for (int i = 0; i < BASE_DIGITS; i += 2) {
        select_base(&t, i / 2, e[i]);
        ge_madd(&r, h, &t, 0);
        p1p1_to_p3(h, &r);
    }
    fast_wipe(e, sizeof(e));
    fast_wipe(w, sizeof(w));
}

/* -A from its encoding, as libolm's ge_frombytes_negate_vartime accepts it; -1 if y has no x. */
static int decode_negate(ge_p3 *h, const uint8_t s[32]) {
    fe u, v, v3, vxx, check;
    fe_frombytes(h->Y, s);
    fe_1(h->Z);
    fe_sq(u, h->Y);
    fe_mul(v, u, D);
    fe_sub(u, u, h->Z); /* y^2 - 1 */
    fe_add(v, v, h->Z); /* d y^2 + 1 */
    fe_sq(v3, v);
    fe_mul(v3, v3, v); /* v^3 */
    fe_sq(h->X, v3);
    fe_mul(h->X, h->X, v);
    fe_mul(h->X, h->X, u); /* u v^7 */
    fe_pow22523(h->X, h->X);
    fe_mul(h->X, h->X, v3);
    fe_mul(h->X, h->X, u); /* x = u v^3 (u v^7)^((p - 5) / 8) */
    fe_sq(vxx, h->X);
    fe_mul(vxx, vxx, v);
    fe_sub(check, vxx, u);
    if (fe_isnonzero(check)) {
        fe_add(check, vxx, u);
        if (fe_isnonzero(check)) return -1;
        fe_mul(h->X, h->X, SQRTM1);
    }
    if (fe_isnegative(h->X) == (s[31] >> 7)) fe_neg(h->X, h->X);
    fe_mul(h->T, h->X, h->Y);
    return 0;
}

/* Width-w non-adjacent form of a scalar below 2^253 (S and h in verification): r[i] odd in
 * (-2^(w-1), 2^(w-1)) or 0, at least w - 1 zeros after each nonzero digit, sum r[i] 2^i = a.
 * For w <= 8 the last carry lands below bit 256: a digit at p only borrows when a >> p reaches
 * 2^(w-1), so p < 254 - w. */
static void wnaf(signed char r[256], const uint8_t a[32], int w) {
    uint64_t x[5];
    const uint64_t width = (uint64_t)1 << w, mask = width - 1;
    uint64_t carry = 0;
    load_limbs(x, a, 4);
    x[4] = 0;
    memset(r, 0, 256);
    for (int pos = 0; pos < 256;) {
        int limb = pos / 64, bit = pos % 64;
        uint64_t bits = x[limb] >> bit;
        if (bit > 64 - w) bits |= x[limb + 1] << (64 - bit);
        uint64_t window = carry + (bits & mask);
        if (!(window & 1)) {
            pos++;
            continue;
        }
        if (window < width / 2) {
            carry = 0;
            r[pos] = (signed char)window;
        } else {
            carry = 1;
            r[pos] = (signed char)((int64_t)window - (int64_t)width);
        }
        pos += w;
    }
}

/* ai[j] = (2j + 1) A, for A's width-5 wNAF digits. */
static void odd_multiples(ge_cached ai[8], const ge_p3 *A) {
    ge_p3 a2, u;
    ge_p1p1 t;
    p3_to_cached(&ai[0], A);
    p3_dbl(&t, A);
    p1p1_to_p3(&a2, &t);
    for (int i = 1; i < 8; i++) {
        ge_add_cached(&t, &a2, &ai[i - 1], 0);
        p1p1_to_p3(&u, &t);
        p3_to_cached(&ai[i], &u);
    }
}

/* Adds d P to the completed point t for a wNAF digit d (0: nothing), P given by its odd
 * multiples, cached (Z) or affine. */
static void add_digit(ge_p1p1 *t, int d, const ge_cached *cached, const ge_precomp *affine) {
    ge_p3 u;
    if (!d) return;
    p1p1_to_p3(&u, t);
    if (cached) ge_add_cached(t, &u, &cached[(d < 0 ? -d : d) / 2], d < 0);
    else ge_madd(t, &u, &affine[(d < 0 ? -d : d) / 2], d < 0);
}

/* r = a A + b B, variable time (public inputs only), A given by its odd multiples up to 15A
 * (wNAF width 5), B's up to 127B from the table (width 8). With parts = SPLIT (and the odd
 * multiples of 2^64 A, 2^128 A, 2^192 A in ai[1..3]) each scalar is split into 64-bit pieces,
 * a = sum a_k 2^(64 k), so that one loop of 65 doublings does sum a_k (2^(64 k) A) + b_k (2^(64 k) B)
 * instead of 253 doublings; parts = 1 is the plain double-and-add. */
static void double_scalarmult_vartime(ge_p2 *r, const uint8_t a[32], const ge_cached ai[][8], int parts,
                                      const uint8_t b[32]) {
    signed char as[SPLIT][256], bs[SPLIT][256];
    const int bytes = 32 / parts;
    ge_p1p1 t;
    for (int k = 0; k < parts; k++) {
        uint8_t piece[32] = {0};
        memcpy(piece, a + k * bytes, (size_t)bytes);
        wnaf(as[k], piece, 5);
        memcpy(piece, b + k * bytes, (size_t)bytes);
        wnaf(bs[k], piece, BASE_ODD_WIDTH);
    }
    fe_0(r->X);
    fe_1(r->Y);
    fe_1(r->Z);
    int i = parts == 1 ? 255 : 8 * bytes; /* a piece below 2^n has wNAF digits up to 2^n */
    for (int any = 0; i >= 0 && !any; i--)
        for (int k = 0; k < parts; k++) any |= as[k][i] | bs[k][i];
    for (i++; i >= 0; i--) {
        p2_dbl(&t, r);
        for (int k = 0; k < parts; k++) {
            add_digit(&t, as[k][i], ai[k], NULL);
            add_digit(&t, bs[k][i], NULL, BASE_ODD[k]);
        }
        p1p1_to_p2(r, &t);
    }
}

/* ---------------------------------------------------------------- scalars mod L */

static void mul_limbs(uint64_t *out, const uint64_t *a, int na, const uint64_t *b, int nb) {
    memset(out, 0, sizeof(uint64_t) * (size_t)(na + nb));
    for (int i = 0; i < na; i++) {
        u128 carry = 0;
        for (int j = 0; j < nb; j++) {
            u128 t = (u128)a[i] * b[j] + out[i + j] + carry;
            out[i + j] = (uint64_t)t;
            carry = t >> 64;
        }
        out[i + nb] = (uint64_t)carry;
    }
}

/* r = r - L if that does not go below zero (branch-free). */
static void sub_l_if_ge(uint64_t r[5]) {
    uint64_t t[5], borrow = 0;
    for (int i = 0; i < 5; i++) {
        u128 d = (u128)r[i] - L_LIMBS[i] - borrow;
        t[i] = (uint64_t)d;
        borrow = (uint64_t)(d >> 64) & 1;
    }
    uint64_t keep = borrow - 1; /* all ones when r >= L */
    for (int i = 0; i < 5; i++) r[i] ^= keep & (r[i] ^ t[i]);
}

/* out = x mod L for x < 2^512 (eight limbs): Barrett reduction (HAC 14.42), constant time. */
static void sc_reduce_limbs(uint8_t out[32], const uint64_t x[8]) {
    uint64_t q2[10], q3l[10], r[5], borrow = 0;
    mul_limbs(q2, x + 3, 5, MU, 5);        /* floor(x / 2^192) * mu */
    mul_limbs(q3l, q2 + 5, 5, L_LIMBS, 5); /* floor(. / 2^320) * L */
    for (int i = 0; i < 5; i++) {          /* r = (x - q3 L) mod 2^320, below 3L */
        u128 d = (u128)x[i] - q3l[i] - borrow;
        r[i] = (uint64_t)d;
        borrow = (uint64_t)(d >> 64) & 1;
    }
    sub_l_if_ge(r);
    sub_l_if_ge(r);
    for (int i = 0; i < 32; i++) out[i] = (uint8_t)(r[i / 8] >> (8 * (i % 8)));
    fast_wipe(q2, sizeof(q2));
    fast_wipe(q3l, sizeof(q3l));
    fast_wipe(r, sizeof(r));
}

static void sc_reduce64(uint8_t out[32], const uint8_t s[64]) {
    uint64_t x[8];
    load_limbs(x, s, 8);
    sc_reduce_limbs(out, x);
    fast_wipe(x, sizeof(x));
}

/* out = (a b + c) mod L. */
static void sc_muladd(uint8_t out[32], const uint8_t a[32], const uint8_t b[32], const uint8_t c[32]) {
    uint64_t al[4], bl[4], cl[4], x[8];
    load_limbs(al, a, 4);
    load_limbs(bl, b, 4);
    load_limbs(cl, c, 4);
    mul_limbs(x, al, 4, bl, 4);
    u128 carry = 0;
    for (int i = 0; i < 8; i++) {
        carry += (u128)x[i] + (i < 4 ? cl[i] : 0);
        x[i] = (uint64_t)carry;
        carry >>= 64;
    }
    sc_reduce_limbs(out, x);
    fast_wipe(al, sizeof(al));
    fast_wipe(bl, sizeof(bl));
    fast_wipe(cl, sizeof(cl));
    fast_wipe(x, sizeof(x));
}

/* ---------------------------------------------------------------- X25519 */

/* Swaps f and g when bit is 1, by masks (no branch on the secret bit). */
static inline void fe_cswap(fe f, fe g, fe_limb bit) {
    fe_limb mask = (fe_limb)0 - bit;
    for (size_t i = 0; i < sizeof(fe) / sizeof(fe_limb); i++) {
        fe_limb t = mask & (f[i] ^ g[i]);
        f[i] ^= t;
        g[i] ^= t;
    }
}

/* X25519(k, u), RFC 7748 section 5: the Montgomery ladder over this field, in constant time (a
 * fixed 255 steps, masked swaps). u's top bit is ignored and u may be non-canonical, as there. */
void fast_x25519_scalarmult(uint8_t out[32], const uint8_t scalar[32], const uint8_t point[32]) {
    uint8_t k[32];
    fe x1, x2, z2, x3, z3, a, aa, b, bb, e, c, d, da, cb;
    fe_limb swap = 0;
    memcpy(k, scalar, 32);
    k[0] &= 248;
    k[31] &= 127;
    k[31] |= 64;
    fe_frombytes(x1, point);
    fe_1(x2);
    fe_0(z2);
    fe_copy(x3, x1);
    fe_1(z3);
    for (int t = 254; t >= 0; t--) {
        fe_limb bit = (fe_limb)((k[t >> 3] >> (t & 7)) & 1);
        swap ^= bit;
        fe_cswap(x2, x3, swap);
        fe_cswap(z2, z3, swap);
        swap = bit;
        fe_add(a, x2, z2);
        fe_sub_lazy(b, x2, z2);
        fe_add(c, x3, z3);
        fe_sub_lazy(d, x3, z3);
        fe_sq(aa, a);
        fe_sq(bb, b);
        fe_mul(da, d, a);
        fe_mul(cb, c, b);
        fe_sub_lazy(e, aa, bb);
        fe_add(x3, da, cb);
        fe_sq(x3, x3);
        fe_sub_lazy(z3, da, cb);
        fe_sq(z3, z3);
        fe_mul(z3, z3, x1);
        fe_mul(x2, aa, bb);
        fe_mul_small(z2, e, 121665);
        fe_add(z2, z2, aa);
        fe_mul(z2, z2, e);
    }
    fe_cswap(x2, x3, swap);
    fe_cswap(z2, z3, swap);
    fe_invert(z2, z2);
    fe_mul(x2, x2, z2);
    fe_tobytes(out, x2);
    fast_wipe(k, sizeof(k));
    fast_wipe(&swap, sizeof(swap));
    fe *temporaries[] = {&x2, &z2, &x3, &z3, &a, &aa, &b, &bb, &e, &c, &d, &da, &cb};
    for (size_t i = 0; i < sizeof(temporaries) / sizeof(temporaries[0]); i++) fast_wipe(temporaries[i], sizeof(fe));
}

/* X25519 public keys */

/* X25519(k, 9) through the Edwards base-point tables: the Montgomery u of [k]B is (1 + y) / (1 - y)
 * = (Z + Y) / (Z - Y). k is clamped as X25519 clamps it; [k]B is never the identity then (k mod L
 * is not 0), so the division is defined. About half the time of a Montgomery ladder. */
void fast_x25519_base(uint8_t out[32], const uint8_t scalar[32]) {
    uint8_t k[32];
    ge_p3 A;
    fe num, den;
    pthread_once(&tables_once, make_tables);
    memcpy(k, scalar, 32);
    k[0] &= 248;
    k[31] &= 127;
    k[31] |= 64;
    scalarmult_base(&A, k);
    fe_add(num, A.Z, A.Y);
    fe_sub(den, A.Z, A.Y);
    fe_invert(den, den);
    fe_mul(num, num, den);
    fe_tobytes(out, num);
    fast_wipe(k, sizeof(k));
    fast_wipe(&A, sizeof(A));
}

/* ---------------------------------------------------------------- the seam's Ed25519 */

void fast_crypto_ed25519_generate_key(const uint8_t *random_bytes, struct _olm_ed25519_key_pair *key_pair) {
    uint8_t *secret = key_pair->private_key.private_key; /* clamped scalar, then the nonce prefix */
    fast_sha512_ctx ctx;
    ge_p3 A;
    pthread_once(&tables_once, make_tables);
    fast_sha512_init(&ctx);
    fast_sha512_update(&ctx, random_bytes, ED25519_RANDOM_LENGTH);
    fast_sha512_final(&ctx, secret);
    secret[0] &= 248;
    secret[31] &= 63;
    secret[31] |= 64;
    scalarmult_base(&A, secret);
    p3_tobytes(key_pair->public_key.public_key, A.X, A.Y, A.Z);
    fast_wipe(&A, sizeof(A));
}

void fast_crypto_ed25519_sign(const struct _olm_ed25519_key_pair *our_key, const uint8_t *message,
                              size_t message_length, uint8_t *output) {
    const uint8_t *secret = our_key->private_key.private_key;
    uint8_t nonce64[64], nonce[32], hram64[64], hram[32];
    fast_sha512_ctx ctx;
    ge_p3 R;
    pthread_once(&tables_once, make_tables);
    fast_sha512_init(&ctx);
    fast_sha512_update(&ctx, secret + 32, 32);
    fast_sha512_update(&ctx, message, message_length);
    fast_sha512_final(&ctx, nonce64);
    sc_reduce64(nonce, nonce64);
    scalarmult_base(&R, nonce);
    p3_tobytes(output, R.X, R.Y, R.Z);
    fast_sha512_init(&ctx);
    fast_sha512_update(&ctx, output, 32);
    fast_sha512_update(&ctx, our_key->public_key.public_key, 32);
    fast_sha512_update(&ctx, message, message_length);
    fast_sha512_final(&ctx, hram64);
    sc_reduce64(hram, hram64);
    sc_muladd(output + 32, hram, secret, nonce);
    fast_wipe(nonce64, sizeof(nonce64));
    fast_wipe(nonce, sizeof(nonce));
    fast_wipe(&R, sizeof(R));
}

/* Decoded keys, a few per thread: Megolm sessions and Utility verify message after message from
 * the same signer. A key's first verification decodes it (a square root) and makes its odd
 * multiples; the second also makes those of 2^64 (-A), 2^128 (-A) and 2^192 (-A), which cuts the
 * doublings of every later one to a quarter. Public data only; the slot is picked by the key's
 * first byte. */
#define KEY_CACHE_SLOTS 4
struct cached_key {
    uint8_t key[32];
    int valid, has_high;
    ge_p3 minus_a;
    ge_cached parts[SPLIT][8];
};
static __thread struct cached_key key_cache[KEY_CACHE_SLOTS];

/* The cache entry for an encoded public key A; NULL if it does not decode. */
static const struct cached_key *negated_key(const uint8_t key[32]) {
    struct cached_key *slot = &key_cache[key[0] % KEY_CACHE_SLOTS];
    if (!slot->valid || memcmp(slot->key, key, 32) != 0) {
        slot->valid = 0;
        if (decode_negate(&slot->minus_a, key) != 0) return NULL;
        odd_multiples(slot->parts[0], &slot->minus_a);
        memcpy(slot->key, key, 32);
        slot->valid = 1;
        slot->has_high = 0;
    } else if (!slot->has_high) {
        ge_p3 p = slot->minus_a;
        ge_p2 q;
        ge_p1p1 t;
        for (int k = 1; k < SPLIT; k++) {
            memcpy(q.X, p.X, sizeof(fe));
            memcpy(q.Y, p.Y, sizeof(fe));
            memcpy(q.Z, p.Z, sizeof(fe));
            for (int i = 0; i < 256 / SPLIT - 1; i++) {
                p2_dbl(&t, &q);
                p1p1_to_p2(&q, &t);
            }
            p2_dbl(&t, &q);
            p1p1_to_p3(&p, &t);
            odd_multiples(slot->parts[k], &p);
        }
        slot->has_high = 1;
    }
    return slot;
}

/* Strict S < L (RFC 8032 5.1.7; libolm patch 0011): S + L gives the same [S]B, so without it
 * every signature had a second valid form (CVE-2024-45193). Public data: a plain comparison. */
static int scalar_below_l(const uint8_t s[32]) {
    for (int i = 3; i >= 0; i--) {
        uint64_t limb = 0;
        for (int j = 7; j >= 0; j--) limb = limb << 8 | s[8 * i + j];
        if (limb != L_LIMBS[i]) return limb < L_LIMBS[i];
    }
    return 0;
}

int fast_crypto_ed25519_verify(const struct _olm_ed25519_public_key *their_key, const uint8_t *message,
                               size_t message_length, const uint8_t *signature) {
    uint8_t hram64[64], hram[32], check[32], diff = 0;
    fast_sha512_ctx ctx;
    const struct cached_key *minus_a;
    ge_p2 r;
    pthread_once(&tables_once, make_tables);
    if (!scalar_below_l(signature + 32)) return 0;
    if (!(minus_a = negated_key(their_key->public_key))) return 0;
    fast_sha512_init(&ctx);
    fast_sha512_update(&ctx, signature, 32);
    fast_sha512_update(&ctx, their_key->public_key, 32);
    fast_sha512_update(&ctx, message, message_length);
    fast_sha512_final(&ctx, hram64);
    sc_reduce64(hram, hram64);
    double_scalarmult_vartime(&r, hram, minus_a->parts, minus_a->has_high ? SPLIT : 1, signature + 32);
    p3_tobytes(check, r.X, r.Y, r.Z);
    for (int i = 0; i < 32; i++) diff |= check[i] ^ signature[i];
    return diff == 0;
}
#endif
