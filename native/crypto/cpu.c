/* Run-time CPU detection for the instruction-set paths, and the switch the tests use to force
 * the portable fallbacks so both paths are checked on one machine. The switch exists only in
 * test builds (FAST_CRYPTO_TESTING): the shipped binaries have no writable flag that turns the
 * AES-NI / SHA-NI paths off. */
#include "fast-crypto.h"

#include <string.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

#ifdef FAST_CRYPTO_TESTING
static int force_portable;
void fast_crypto_force_portable(int portable) { force_portable = portable; }
#else
enum { force_portable = 0 };
#endif

#if defined(__x86_64__) || defined(__i386__)
static unsigned cpuid_bits(unsigned leaf, int reg) {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid_count(leaf, 0, &a, &b, &c, &d)) return 0;
    return reg == 1 ? b : c;
}
/* cpuid is slow (it serialises): ask once. Racing first callers compute the same value. */
static int sha_ni = -1, aes_ni = -1;
int fast_cpu_has_sha_ni(void) {
    if (sha_ni < 0) {
        /* SHA (leaf 7 EBX bit 29) plus the SSSE3/SSE4.1 shuffles the path uses. */
        unsigned ecx1 = cpuid_bits(1, 2);
        sha_ni = (cpuid_bits(7, 1) >> 29 & 1) && (ecx1 >> 9 & 1) && (ecx1 >> 19 & 1);
    }
    return sha_ni && !force_portable;
}
int fast_cpu_has_aes_ni(void) {
    if (aes_ni < 0) {
        unsigned ecx1 = cpuid_bits(1, 2);
        aes_ni = (ecx1 >> 25 & 1) && (ecx1 >> 19 & 1);
    }
    return aes_ni && !force_portable;
}
#else
int fast_cpu_has_sha_ni(void) { return 0; }
int fast_cpu_has_aes_ni(void) { return 0; }
#endif
