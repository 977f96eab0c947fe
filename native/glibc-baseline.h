/* Force-included (binding.gyp) into every file of the addon, so that the prebuilds load on glibc
 * 2.28 (Debian 10, Ubuntu 20.04, RHEL 8), the oldest that official Node 20+ builds themselves need;
 * test/prebuild-glibc.test.ts checks the symbol versions.
 *
 * glibc 2.34 moved pthread_once (the fast core's one-time table set-up) from libpthread into libc
 * under a new symbol version, GLIBC_2.34, and a link on a newer glibc binds to it. Every glibc still
 * exports the original version (from libpthread before 2.34, which the addon also names as needed,
 * and from libc since): bind to that one. Other C libraries (musl) have no symbol versions. */
#ifdef __linux__
#include <features.h>
#ifdef __GLIBC__
#if defined(__x86_64__)
__asm__(".symver pthread_once, pthread_once@GLIBC_2.2.5");
#elif defined(__aarch64__)
__asm__(".symver pthread_once, pthread_once@GLIBC_2.17");
#endif
#endif
#endif
