/* Where every random byte an operation uses comes from: one place for both backends. The
 * operating system's CSPRNG (getrandom, arc4random_buf, BCryptGenRandom; WebCrypto through one
 * import in WASM), or the seeded generator (native/crypto/drbg.c) when the caller passes its
 * state. Exactly the bytes libolm asks for, wiped after use. */
#if defined(__linux__)
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdlib.h>

#include "../crypto/drbg.h"
#include "../crypto/wipe.h"
#include "op.h"
#include "ops.h"

#if defined(__EMSCRIPTEN__)
#include <emscripten.h>
/* getRandomValues fills at most 65,536 bytes per call; `out >>> 0`: pointers past 2 GiB. */
/* JavaScript, not C: clang-format would split its >>>= into >> >=. */
/* clang-format off */
EM_JS(void, op_web_random, (uint8_t *out, size_t length), {
  out >>>= 0;
  for (var done = 0; done < length; done += 65536) {
    globalThis.crypto.getRandomValues(HEAPU8.subarray(out + done, out + Math.min(length, done + 65536)));
  }
});
/* clang-format on */
static int os_random(uint8_t *out, size_t length) {
    if (length != 0) op_web_random(out, length);
    return 1;
}
#elif defined(__linux__)
#include <sys/random.h>
static int os_random(uint8_t *out, size_t length) {
    for (size_t done = 0; done < length;) {
        ssize_t got = getrandom(out + done, length - done, 0);
        if (got < 0) {
            if (errno == EINTR) continue;
            return 0;
        }
        done += (size_t)got;
    }
    return 1;
}
#elif defined(_WIN32)
#include <windows.h>
#include <bcrypt.h>
#pragma comment(lib, "bcrypt")
static int os_random(uint8_t *out, size_t length) {
    for (size_t done = 0; done < length;) {
        ULONG take = length - done > 0x40000000 ? 0x40000000 : (ULONG)(length - done);
        if (BCryptGenRandom(NULL, out + done, take, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return 0;
        done += take;
    }
    return 1;
}
#else
static int os_random(uint8_t *out, size_t length) {
    arc4random_buf(out, length);
    return 1;
}
#endif

/* The seeded generator is called even for 0 bytes: each request advances it, as it always did. */
static int fill(void *state, size_t state_length, uint8_t *out, size_t length) {
    return state_length != 0 ? olm_universal_drbg_generate(state, state_length, out, length) == 0
                             : os_random(out, length);
}

int op_random_take(op_random *random, void *state, size_t state_length, size_t length) {
    random->length = length;
    random->bytes = length <= sizeof random->small ? random->small : malloc(length);
    if (random->bytes == NULL) {
        random->length = 0;
        return -(int)OLM_NOT_ENOUGH_RANDOM;
    }
    if (!fill(state, state_length, random->bytes, length)) {
        op_random_release(random);
        return -(int)OLM_NOT_ENOUGH_RANDOM;
    }
    return 0;
}

void op_random_release(op_random *random) {
    if (random->bytes == NULL) return;
    fast_wipe(random->bytes, random->length);
    if (random->bytes != random->small) free(random->bytes);
    random->bytes = NULL;
}

int olm_op_random(void *state, size_t state_length, void *out, size_t out_length) {
    return fill(state, state_length, out, out_length) ? (int)out_length : -(int)OLM_NOT_ENOUGH_RANDOM;
}
