/* Inversion mod p = 2^255 - 19 in constant time by Bernstein and Yang's safegcd ("Fast
 * constant-time gcd computation and modular inversion", 2019), with the divstep variant that
 * starts delta at 1/2 (their bound for inputs below 2^256: 590 divsteps; here 600, 20 batches
 * of 30). Each batch runs on the low 32 bits of f and g only and yields a 2x2 matrix, which is
 * then applied to the full f, g and to d, e (f = d z, g = e z mod p) in signed 30-bit limbs with
 * 64-bit products: no 128-bit products, so it suits wasm32 (radix 2^25.5), where it takes about
 * a third of the time of the Fermat chain's 254 squarings. Written over the field's interface
 * (fe_tobytes, fe_frombytes, fe_neg, fe_cmov), included by ed25519.c after the field back-end.
 * No branch or memory index depends on z: masks and fixed loop counts only. */

#define SG_M30     INT32_C(0x3FFFFFFF)
#define SG_P_INV30 UINT32_C(0x179435E5) /* p^-1 mod 2^30 (p = -19 mod 2^30) */

/* sum v[i] 2^(30 i): after an update v[0..7] are in [0, 2^30) and v[8] carries the sign. p itself
 * is -19 + 2^15 2^240: limb 0 is -19, limb 8 is 2^15, the rest 0. */
/* clang-format off */
typedef struct { int32_t v[9]; } sg_int;
/* clang-format on */

/* 30 divsteps on the low bits: delta > 0 (zeta = -(delta + 1/2) < 0) and g odd: f, g = g,
 * (g - f) / 2; otherwise g odd: g = (g + f) / 2; g even: g = g / 2. Returns zeta; t holds
 * u, v, q, r with 2^30 f' = u f + v g, 2^30 g' = q f + r g (|u| + |v|, |q| + |r| <= 2^30). */
static int32_t sg_divsteps_30(int32_t zeta, uint32_t f, uint32_t g, int32_t t[4]) {
    uint32_t u = 1, v = 0, q = 0, r = 1;
    for (int i = 0; i < 30; i++) {
        uint32_t c1 = (uint32_t)(zeta >> 31);                             /* all ones when delta > 0 */
        uint32_t c2 = 0 - (g & 1);                                        /* all ones when g is odd */
        uint32_t x = (f ^ c1) - c1, y = (u ^ c1) - c1, z = (v ^ c1) - c1; /* -f, -u, -v when delta > 0 */
        g += x & c2;
        q += y & c2;
        r += z & c2;
        c1 &= c2;                        /* swap: f takes the old g */
        zeta = (zeta ^ (int32_t)c1) - 1; /* delta = 1 - delta on a swap, else 1 + delta */
        f += g & c1;
        u += q & c1;
        v += r & c1;
        g >>= 1; /* g / 2: the f row doubles instead of halving g's */
        u <<= 1;
        v <<= 1;
    }
    t[0] = (int32_t)u;
    t[1] = (int32_t)v;
    t[2] = (int32_t)q;
    t[3] = (int32_t)r;
    return zeta;
}

/* f, g = (u f + v g) / 2^30, (q f + r g) / 2^30: exact divisions (the batch made the low 30 bits 0). */
static void sg_update_fg(sg_int *f, sg_int *g, const int32_t t[4]) {
    const int64_t u = t[0], v = t[1], q = t[2], r = t[3];
    int64_t cf = u * f->v[0] + v * g->v[0], cg = q * f->v[0] + r * g->v[0];
    cf >>= 30;
    cg >>= 30;
    for (int i = 1; i < 9; i++) {
        cf += u * f->v[i] + v * g->v[i];
        cg += q * f->v[i] + r * g->v[i];
        f->v[i - 1] = (int32_t)(cf & SG_M30);
        g->v[i - 1] = (int32_t)(cg & SG_M30);
        cf >>= 30;
        cg >>= 30;
    }
    f->v[8] = (int32_t)cf;
    g->v[8] = (int32_t)cg;
}

/* d, e = (u d + v e) / 2^30, (q d + r e) / 2^30 mod p: adds md p and me p with md, me chosen
 * to clear the low 30 bits, plus p times u, v, q, r for negative inputs, which keeps d and e in
 * (-2p, p) (Bernstein and Yang's analysis, as libsecp256k1's modinv32 documents it). */
static void sg_update_de(sg_int *d, sg_int *e, const int32_t t[4]) {
    const int64_t u = t[0], v = t[1], q = t[2], r = t[3];
    const int32_t sd = d->v[8] >> 31, se = e->v[8] >> 31; /* all ones when negative */
    int32_t md = (t[0] & sd) + (t[1] & se), me = (t[2] & sd) + (t[3] & se);
    int64_t cd = u * d->v[0] + v * e->v[0], ce = q * d->v[0] + r * e->v[0];
    md -= (int32_t)((SG_P_INV30 * (uint32_t)cd + (uint32_t)md) & (uint32_t)SG_M30);
    me -= (int32_t)((SG_P_INV30 * (uint32_t)ce + (uint32_t)me) & (uint32_t)SG_M30);
    cd += -19 * (int64_t)md;
    ce += -19 * (int64_t)me;
    cd >>= 30;
    ce >>= 30;
    for (int i = 1; i < 9; i++) {
        cd += u * d->v[i] + v * e->v[i];
        ce += q * d->v[i] + r * e->v[i];
        if (i == 8) { /* p's only other nonzero limb (i is public) */
            cd += (int64_t)32768 * md;
            ce += (int64_t)32768 * me;
        }
        d->v[i - 1] = (int32_t)(cd & SG_M30);
        e->v[i - 1] = (int32_t)(ce & SG_M30);
        cd >>= 30;
        ce >>= 30;
    }
    d->v[8] = (int32_t)cd;
    e->v[8] = (int32_t)ce;
}

static void fe_invert(fe out, const fe z) {
    sg_int f = {{-19, 0, 0, 0, 0, 0, 0, 0, 32768}}, g, d = {{0}}, e = {{1}};
    int32_t zeta = -1, t[4]; /* delta = 1/2 */
    uint64_t w[5] = {0, 0, 0, 0, 0};
    uint8_t s[32];
    fe neg;
    fe_tobytes(s, z); /* canonical, below p */
    for (int i = 0; i < 4; i++)
        for (int j = 7; j >= 0; j--) w[i] = w[i] << 8 | s[8 * i + j];
    for (int i = 0; i < 9; i++) {
        int bit = (30 * i) % 64, word = (30 * i) / 64;
        uint64_t x = w[word] >> bit;
        if (bit > 34) x |= w[word + 1] << (64 - bit);
        g.v[i] = (int32_t)(x & SG_M30);
    }
    for (int i = 0; i < 20; i++) {
        zeta = sg_divsteps_30(zeta, (uint32_t)f.v[0], (uint32_t)g.v[0], t);
        sg_update_de(&d, &e, t);
        sg_update_fg(&f, &g, t);
    }
    /* f = +-1 now (f = p, d = 0 for z = 0, whose "inverse" is 0, as z^(p - 2) gives), so 1/z =
     * d f. d + 2p is in (0, 3p): carried to nonnegative limbs, it is below 2^257; the bits from
     * 255 up fold back times 19. */
    d.v[0] -= 38;
    d.v[8] += 65536;
    for (int i = 0; i < 8; i++) {
        d.v[i + 1] += d.v[i] >> 30;
        d.v[i] &= SG_M30;
    }
    memset(w, 0, sizeof(w));
    for (int i = 0; i < 9; i++) {
        int bit = (30 * i) % 64, word = (30 * i) / 64;
        w[word] |= (uint64_t)(uint32_t)d.v[i] << bit;
        if (bit > 34) w[word + 1] |= (uint64_t)(uint32_t)d.v[i] >> (64 - bit);
    }
    uint32_t high = (uint32_t)(w[3] >> 63 | w[4] << 1); /* below 8 */
    for (int i = 0; i < 32; i++) s[i] = (uint8_t)(w[i / 8] >> (8 * (i % 8)));
    s[31] &= 127;
    fe_frombytes(out, s);
    out[0] += (fe_limb)(19 * high);
    fe_carry(out);
    fe_neg(neg, out);
    fe_cmov(out, neg, (uint64_t)((uint32_t)f.v[8] >> 31));
    fast_wipe(&g, sizeof(g));
    fast_wipe(&d, sizeof(d));
    fast_wipe(&e, sizeof(e));
    fast_wipe(w, sizeof(w));
    fast_wipe(s, sizeof(s));
}
