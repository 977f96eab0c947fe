/* Shared by the libFuzzer targets (test/libfuzzer/targets/): fixed objects made once by libolm
 * itself from fixed "random" bytes (two accounts, a session each way, Megolm and PK keys), their
 * pickles, and helpers. Each target copies or unpickles what it needs per input, so an input's
 * verdict never depends on the ones before it.
 *
 * Input convention: most targets read a first "mode" byte. FUZZ_BINARY set means the rest is raw
 * bytes that the target base64-encodes before handing to libolm, so mutations land in the
 * protobuf / pickle structure rather than in the base64 alphabet; clear means the rest goes in
 * as text.
 *
 * Seeds: run a target with FUZZ_SEEDS=<dir> and it writes its seed inputs there and exits. */
#ifndef OLM_UNIVERSAL_FUZZ_COMMON_H
#define OLM_UNIVERSAL_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "olm/olm.h"
#include "olm/base64.h"

#define FUZZ_BINARY            0x80
#define FUZZ_PICKLE_KEY        "fuzz pickle key"
#define FUZZ_PICKLE_KEY_LENGTH (sizeof(FUZZ_PICKLE_KEY) - 1)

/* Aborts (a finding) when libolm breaks a promise the harness relies on. */
#define FUZZ_CHECK(condition)                                                             \
    do {                                                                                  \
        if (!(condition)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
            abort();                                                                      \
        }                                                                                 \
    } while (0)

/* Deterministic bytes (splitmix64), so every run builds the same fixtures. */
static uint64_t fuzz_random_state = 0x6f6c6d2d66757a7aULL;
static void fuzz_random(void *out, size_t length) {
    uint8_t *bytes = (uint8_t *)out;
    for (size_t i = 0; i < length; i++) {
        uint64_t z = (fuzz_random_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        bytes[i] = (uint8_t)(z ^ (z >> 31));
    }
}

static void *fuzz_malloc(size_t size) {
    void *p = malloc(size ? size : 1);
    FUZZ_CHECK(p != NULL);
    return p;
}

static uint8_t *fuzz_copy(const uint8_t *data, size_t size) {
    uint8_t *copy = (uint8_t *)fuzz_malloc(size);
    if (size) memcpy(copy, data, size);
    return copy;
}

/* A fresh heap copy of the payload (after the mode byte), base64-encoded in FUZZ_BINARY mode.
 * An exact-size heap buffer, so that ASan sees any read past it. */
static uint8_t *fuzz_payload(const uint8_t *data, size_t size, size_t *length) {
    if (size == 0) {
        *length = 0;
        return (uint8_t *)fuzz_malloc(0);
    }
    if (!(data[0] & FUZZ_BINARY)) {
        *length = size - 1;
        return fuzz_copy(data + 1, size - 1);
    }
    *length = _olm_encode_base64_length(size - 1);
    uint8_t *out = (uint8_t *)fuzz_malloc(*length);
    _olm_encode_base64(data + 1, size - 1, out);
    return out;
}

/* Splits the input into up to `count` parts at 0xff bytes (texts never contain 0xff). */
static size_t fuzz_split(const uint8_t *data, size_t size, const uint8_t **parts, size_t *lengths, size_t count) {
    size_t n = 0, start = 0;
    for (size_t i = 0; i <= size && n < count; i++) {
        if (i == size || (data[i] == 0xff && n + 1 < count)) {
            parts[n] = data + start;
            lengths[n++] = i - start;
            start = i + 1;
        }
    }
    return n;
}

/* ---- seeds ---- */
static const char *fuzz_seed_dir;
static int fuzz_seed_count;
static void fuzz_seed(const void *data, size_t length) {
    char path[4096];
    snprintf(path, sizeof(path), "%s/seed-%03d", fuzz_seed_dir, fuzz_seed_count++);
    FILE *f = fopen(path, "wb");
    FUZZ_CHECK(f != NULL);
    fwrite(data, 1, length, f);
    fclose(f);
}
/* A seed: the mode byte, then the payload. */
static void fuzz_seed_with_mode(uint8_t mode, const void *payload, size_t length) {
    uint8_t *seed = (uint8_t *)fuzz_malloc(length + 1);
    seed[0] = mode;
    memcpy(seed + 1, payload, length);
    fuzz_seed(seed, length + 1);
    free(seed);
}
/* Seeds for a base64 text: as text (mode) and as its decoded bytes (mode | FUZZ_BINARY). */
static void fuzz_seed_base64(uint8_t mode, const void *text, size_t length) {
    fuzz_seed_with_mode(mode & ~FUZZ_BINARY, text, length);
    uint8_t *raw = (uint8_t *)fuzz_malloc(_olm_decode_base64_length(length));
    size_t raw_length = _olm_decode_base64((const uint8_t *)text, length, raw);
    if (raw_length != (size_t)-1) fuzz_seed_with_mode(mode | FUZZ_BINARY, raw, raw_length);
    free(raw);
}

/* ---- fixtures ---- */
typedef struct {
    OlmAccount *account;
    char identity_curve[64], identity_ed[64]; /* base64, NUL-terminated */
} FuzzAccount;

static char *fuzz_text(size_t length) { return (char *)fuzz_malloc(length + 1); }

/* Reads the first quoted value after `key` in libolm's JSON output. */
static void fuzz_json_value(const char *json, const char *key, char *out, size_t out_size) {
    const char *p = strstr(json, key);
    FUZZ_CHECK(p != NULL);
    p = strchr(p + strlen(key), '"'); /* the value's opening quote */
    FUZZ_CHECK(p != NULL);
    const char *start = p + 1, *end = strchr(start, '"');
    FUZZ_CHECK(end != NULL && (size_t)(end - start) < out_size);
    memcpy(out, start, (size_t)(end - start));
    out[end - start] = 0;
}

static void fuzz_account(FuzzAccount *a) {
    a->account = olm_account(fuzz_malloc(olm_account_size()));
    size_t n = olm_create_account_random_length(a->account);
    uint8_t *random = (uint8_t *)fuzz_malloc(n);
    fuzz_random(random, n);
    FUZZ_CHECK(olm_create_account(a->account, random, n) != olm_error());
    free(random);
    size_t length = olm_account_identity_keys_length(a->account);
    char *json = fuzz_text(length);
    FUZZ_CHECK(olm_account_identity_keys(a->account, json, length) != olm_error());
    json[length] = 0;
    fuzz_json_value(json, "\"curve25519\":", a->identity_curve, sizeof(a->identity_curve));
    fuzz_json_value(json, "\"ed25519\":", a->identity_ed, sizeof(a->identity_ed));
    free(json);
}

/* One base64 one-time key of a fresh batch. */
static void fuzz_one_time_key(FuzzAccount *a, char *out, size_t out_size) {
    size_t n = olm_account_generate_one_time_keys_random_length(a->account, 1);
    uint8_t *random = (uint8_t *)fuzz_malloc(n);
    fuzz_random(random, n);
    FUZZ_CHECK(olm_account_generate_one_time_keys(a->account, 1, random, n) != olm_error());
    free(random);
    size_t length = olm_account_one_time_keys_length(a->account);
    char *json = fuzz_text(length);
    FUZZ_CHECK(olm_account_one_time_keys(a->account, json, length) != olm_error());
    json[length] = 0;
    const char *inner = strstr(json, "\"curve25519\":{");
    FUZZ_CHECK(inner != NULL);
    /* {"curve25519":{"AAAAAQ":"key"}}: the value after the key id */
    const char *colon = strchr(inner + 14, ':');
    FUZZ_CHECK(colon != NULL);
    fuzz_json_value(colon, ":", out, out_size);
    free(json);
    olm_account_mark_keys_as_published(a->account);
}

/* An encrypted message, NUL-terminated; *type gets its type. */
static char *fuzz_encrypt(OlmSession *session, const char *plaintext, size_t *length, size_t *type) {
    *type = olm_encrypt_message_type(session);
    size_t n = olm_encrypt_random_length(session);
    uint8_t *random = (uint8_t *)fuzz_malloc(n);
    fuzz_random(random, n);
    *length = olm_encrypt_message_length(session, strlen(plaintext));
    char *message = fuzz_text(*length);
    FUZZ_CHECK(olm_encrypt(session, plaintext, strlen(plaintext), random, n, message, *length) != olm_error());
    message[*length] = 0;
    free(random);
    return message;
}

static size_t fuzz_decrypt(OlmSession *session, size_t type, const char *message, size_t length) {
    uint8_t *copy = fuzz_copy((const uint8_t *)message, length);
    size_t max = olm_decrypt_max_plaintext_length(session, type, copy, length);
    free(copy);
    if (max == olm_error()) return max;
    copy = fuzz_copy((const uint8_t *)message, length);
    uint8_t *plaintext = (uint8_t *)fuzz_malloc(max);
    size_t r = olm_decrypt(session, type, copy, length, plaintext, max);
    free(copy);
    free(plaintext);
    return r;
}

/* The Olm fixture: Alice's first (pre-key) message made Bob's session; Bob replied (his session
 * is pickled then), Alice read it and wrote a normal message, which Bob's pickled session has not
 * read yet. */
typedef struct {
    FuzzAccount alice, bob;
    char *bob_account_pickle;   /* Bob's account before the pre-key message (its one-time key unused) */
    char *bob_session_pickle;   /* Bob's session after reading the pre-key message and replying */
    char *alice_session_pickle; /* Alice's session after writing normal_message */
    char *prekey_message, *normal_message;
    size_t prekey_length, normal_length;
} FuzzOlm;

static char *fuzz_pickle_account(OlmAccount *account) {
    size_t length = olm_pickle_account_length(account);
    char *pickle = fuzz_text(length);
    FUZZ_CHECK(olm_pickle_account(account, FUZZ_PICKLE_KEY, FUZZ_PICKLE_KEY_LENGTH, pickle, length) != olm_error());
    pickle[length] = 0;
    return pickle;
}
static char *fuzz_pickle_session(OlmSession *session) {
    size_t length = olm_pickle_session_length(session);
    char *pickle = fuzz_text(length);
    FUZZ_CHECK(olm_pickle_session(session, FUZZ_PICKLE_KEY, FUZZ_PICKLE_KEY_LENGTH, pickle, length) != olm_error());
    pickle[length] = 0;
    return pickle;
}

static void fuzz_olm(FuzzOlm *f) {
    fuzz_account(&f->alice);
    fuzz_account(&f->bob);
    char one_time_key[64];
    fuzz_one_time_key(&f->bob, one_time_key, sizeof(one_time_key));
    f->bob_account_pickle = fuzz_pickle_account(f->bob.account);

    OlmSession *alice = olm_session(fuzz_malloc(olm_session_size()));
    size_t n = olm_create_outbound_session_random_length(alice);
    uint8_t *random = (uint8_t *)fuzz_malloc(n);
    fuzz_random(random, n);
    FUZZ_CHECK(olm_create_outbound_session(alice, f->alice.account, f->bob.identity_curve,
                                           strlen(f->bob.identity_curve), one_time_key, strlen(one_time_key), random,
                                           n) != olm_error());
    free(random);
    size_t type;
    f->prekey_message = fuzz_encrypt(alice, "pre-key message from Alice", &f->prekey_length, &type);
    FUZZ_CHECK(type == OLM_MESSAGE_TYPE_PRE_KEY);

    OlmSession *bob = olm_session(fuzz_malloc(olm_session_size()));
    uint8_t *copy = fuzz_copy((const uint8_t *)f->prekey_message, f->prekey_length);
    FUZZ_CHECK(olm_create_inbound_session_from(bob, f->bob.account, f->alice.identity_curve,
                                               strlen(f->alice.identity_curve), copy, f->prekey_length) != olm_error());
    free(copy);
    FUZZ_CHECK(fuzz_decrypt(bob, type, f->prekey_message, f->prekey_length) != olm_error());

    size_t reply_length;
    char *reply = fuzz_encrypt(bob, "reply from Bob", &reply_length, &type);
    FUZZ_CHECK(type == OLM_MESSAGE_TYPE_MESSAGE);
    f->bob_session_pickle = fuzz_pickle_session(bob); /* with the ratchet key Alice answers to */
    FUZZ_CHECK(fuzz_decrypt(alice, type, reply, reply_length) != olm_error());
    free(reply);
    f->normal_message = fuzz_encrypt(alice, "normal message from Alice", &f->normal_length, &type);
    FUZZ_CHECK(type == OLM_MESSAGE_TYPE_MESSAGE);
    FUZZ_CHECK(fuzz_decrypt(bob, type, f->normal_message, f->normal_length) != olm_error()); /* Bob can read it */
    f->alice_session_pickle = fuzz_pickle_session(alice);
    olm_clear_session(alice);
    olm_clear_session(bob);
    free(alice);
    free(bob);
}

/* A session unpickled from a fixture pickle (the caller frees it). */
static OlmSession *fuzz_unpickle_session(const char *pickle) {
    OlmSession *session = olm_session(fuzz_malloc(olm_session_size()));
    size_t length = strlen(pickle);
    uint8_t *copy = fuzz_copy((const uint8_t *)pickle, length);
    FUZZ_CHECK(olm_unpickle_session(session, FUZZ_PICKLE_KEY, FUZZ_PICKLE_KEY_LENGTH, copy, length) != olm_error());
    free(copy);
    return session;
}
static OlmAccount *fuzz_unpickle_account(const char *pickle) {
    OlmAccount *account = olm_account(fuzz_malloc(olm_account_size()));
    size_t length = strlen(pickle);
    uint8_t *copy = fuzz_copy((const uint8_t *)pickle, length);
    FUZZ_CHECK(olm_unpickle_account(account, FUZZ_PICKLE_KEY, FUZZ_PICKLE_KEY_LENGTH, copy, length) != olm_error());
    free(copy);
    return account;
}

/* Each target defines these two; the seeds are written when FUZZ_SEEDS names a directory. */
static void fuzz_setup(void);
static void fuzz_seeds(void);

#ifdef __cplusplus
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern "C"
#endif
    int
    LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    fuzz_setup();
    fuzz_seed_dir = getenv("FUZZ_SEEDS");
    if (fuzz_seed_dir && *fuzz_seed_dir) {
        fuzz_seeds();
        printf("%d seeds written to %s\n", fuzz_seed_count, fuzz_seed_dir);
        exit(0);
    }
    return 0;
}

#endif
