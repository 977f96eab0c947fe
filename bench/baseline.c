/* The plain C baseline of `olm-universal bench`: every benchmark operation in C, with no
 * JavaScript: through the operations layer (native/ops/ops.h, what both backends call: sizing,
 * randomness, libolm, wipes) where it has the operation, libolm's own API elsewhere (inbound
 * session and group session set-up and import, unpickling, ed25519 verify). It links the same
 * static libolm (with the layer) as the native addon, and, compiled by emscripten, the same
 * objects as the WASM module (see bench/bench.cmake), so the gap between this and each backend
 * is that backend's binding cost.
 *
 *   olm-bench-c [--min-time MS] [--ops id,id,...] [--list]
 *   node olm-bench-c-wasm.js [same options]
 *
 * prints {"implementation":"c","version":"3.2.13","results":{"<op id>":<ops per second>,...}}
 * ("c-wasm" for the WASM build). Operation ids and what one operation does match
 * src/bench/ops-ours.ts row for row. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime under -std=c11 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef __EMSCRIPTEN__
#define IMPLEMENTATION "c-wasm"
#else
#define IMPLEMENTATION "c"
#endif

#include <olm/error.h>
#include <olm/olm.h>
#include <olm/pk.h>
#include <olm/sas.h>

#include "ops.h"  /* native/ops: the operations layer */
#include "wipe.h" /* native/crypto: the wipe libolm's seam and our builds use */

static const char PICKLE_KEY[] = "bench pickle key";

static void fail(const char *what, const char *why) {
    fprintf(stderr, "olm-bench-c: %s failed: %s\n", what, why);
    exit(1);
}

/* libolm reports failure as olm_error() and the reason through the object's last_error. */
#define CHECK(call, what, last_error)                      \
    do {                                                   \
        if ((call) == olm_error()) fail(what, last_error); \
    } while (0)

/* The operations layer reports failure as -code; a result past `out_length` would be the length
 * it needed (never here: every output is sized first). The length written, otherwise. */
static size_t op(int result, const char *what, size_t out_length) {
    if (result < 0) fail(what, _olm_error_to_string((enum OlmErrorCode) - result));
    if ((size_t)result > out_length) fail(what, "output buffer too short");
    return (size_t)result;
}

static void *alloc(size_t size) {
    void *memory = malloc(size ? size : 1);
    if (memory == NULL) fail("malloc", "out of memory");
    return memory;
}

/* The whole body of a getter: a string of at most `length_expr` bytes that the operation `fn`
 * writes (its arguments name the buffer `out` and its size `length`), NUL-terminated after what
 * it wrote. One place for the sizing, the check and the terminator libolm's outputs all need. */
#define RETURN_STRING(length_expr, fn, ...)    \
    size_t length = (length_expr);             \
    char *out = alloc(length + 1);             \
    out[op(fn(__VA_ARGS__), #fn, length)] = 0; \
    return out

/* Random bytes from the layer's source (the operating system's CSPRNG; WebCrypto in WASM). */
static uint8_t *random_bytes(size_t length) {
    uint8_t *buffer = alloc(length);
    op(olm_op_random(NULL, 0, buffer, length), "olm_op_random", length);
    return buffer;
}

/* fast_wipe: zeroes the compiler keeps (a plain memset before free is a dead store it may drop). */
static void wipe_free(void *buffer, size_t length) {
    fast_wipe(buffer, length);
    free(buffer);
}

static char *repeat_char(char c, size_t length) {
    char *text = alloc(length + 1);
    memset(text, c, length);
    text[length] = 0;
    return text;
}

/* The n-th (0-based) quoted string of libolm's flat JSON (base64 needs no escapes). */
static char *json_string(const char *json, int n) {
    const char *p = json;
    for (int i = 0;; i++) {
        const char *start = strchr(p, '"');
        const char *end = start ? strchr(start + 1, '"') : NULL;
        if (end == NULL) fail("json_string", json);
        if (i == n) {
            char *out = alloc((size_t)(end - start));
            memcpy(out, start + 1, (size_t)(end - start - 1));
            out[end - start - 1] = 0;
            return out;
        }
        p = end + 1;
    }
}

/* A copy for the libolm calls that decode their input in place. */
static char *scratch_copy(const char *text, size_t length) {
    char *copy = alloc(length + 1);
    memcpy(copy, text, length + 1);
    return copy;
}

/* ---- objects: created, cleared and freed as the bindings do it ---- */

static OlmAccount *account_new(void) {
    OlmAccount *account = olm_account(alloc(olm_account_size()));
    op(olm_op_create_account(account, NULL, 0), "olm_op_create_account", 0);
    return account;
}

static void account_free(OlmAccount *account) {
    olm_clear_account(account);
    free(account);
}

static char *account_identity_keys(OlmAccount *account) {
    RETURN_STRING(olm_account_identity_keys_length(account), olm_op_account_identity_keys, account, out, length);
}

static void account_generate_one_time_keys(OlmAccount *account, size_t count) {
    op(olm_op_account_generate_one_time_keys(account, count, NULL, 0), "olm_op_account_generate_one_time_keys", 0);
}

static char *account_one_time_keys(OlmAccount *account) {
    RETURN_STRING(olm_account_one_time_keys_length(account), olm_op_account_one_time_keys, account, out, length);
}

static char *account_sign(OlmAccount *account, const char *message) {
    RETURN_STRING(olm_account_signature_length(account), olm_op_account_sign, account, message, strlen(message), out,
                  length);
}

static char *account_pickle(OlmAccount *account) {
    RETURN_STRING(olm_pickle_account_length(account), olm_op_pickle_account, account, PICKLE_KEY, strlen(PICKLE_KEY),
                  out, length);
}

static OlmSession *session_new(void) { return olm_session(alloc(olm_session_size())); }

static void session_free(OlmSession *session) {
    olm_clear_session(session);
    free(session);
}

static OlmSession *session_outbound(OlmAccount *account, const char *identity_key, const char *one_time_key) {
    OlmSession *session = session_new();
    op(olm_op_create_outbound_session(session, account, identity_key, strlen(identity_key), one_time_key,
                                      strlen(one_time_key), NULL, 0),
       "olm_op_create_outbound_session", 0);
    return session;
}

static OlmSession *session_inbound(OlmAccount *account, const char *message) {
    OlmSession *session = session_new();
    size_t length = strlen(message);
    char *copy = scratch_copy(message, length);
    CHECK(olm_create_inbound_session(session, account, copy, length), "olm_create_inbound_session",
          olm_session_last_error(session));
    free(copy);
    return session;
}

typedef struct {
    size_t type;
    char *body;
} OlmMessage;

static OlmMessage session_encrypt(OlmSession *session, const char *plaintext) {
    OlmMessage message;
    size_t plaintext_length = strlen(plaintext);
    size_t length = olm_encrypt_message_length(session, plaintext_length);
    message.body = alloc(length + 1);
    uint32_t type;
    message.body[op(olm_op_encrypt(session, plaintext, plaintext_length, NULL, 0, message.body, length, &type),
                    "olm_op_encrypt", length)] = 0;
    message.type = type;
    return message;
}

static char *session_decrypt(OlmSession *session, OlmMessage message) {
    size_t length = strlen(message.body);
    char *copy = scratch_copy(message.body, length);
    /* The layer's rule: a plaintext is never longer than its message. */
    char *plaintext = alloc(length + 1);
    plaintext[op(olm_op_decrypt(session, message.type, copy, length, plaintext, length), "olm_op_decrypt", length)] = 0;
    free(copy);
    return plaintext;
}

static char *session_pickle(OlmSession *session) {
    RETURN_STRING(olm_pickle_session_length(session), olm_op_pickle_session, session, PICKLE_KEY, strlen(PICKLE_KEY),
                  out, length);
}

static OlmOutboundGroupSession *outbound_group_new(void) {
    OlmOutboundGroupSession *session = olm_outbound_group_session(alloc(olm_outbound_group_session_size()));
    op(olm_op_init_outbound_group_session(session, NULL, 0), "olm_op_init_outbound_group_session", 0);
    return session;
}

static void outbound_group_free(OlmOutboundGroupSession *session) {
    olm_clear_outbound_group_session(session);
    free(session);
}

static char *outbound_group_key(OlmOutboundGroupSession *session) {
    RETURN_STRING(olm_outbound_group_session_key_length(session), olm_op_outbound_group_session_key, session, out,
                  length);
}

static char *group_encrypt(OlmOutboundGroupSession *session, const char *plaintext) {
    size_t plaintext_length = strlen(plaintext);
    size_t length = olm_group_encrypt_message_length(session, plaintext_length);
    char *message = alloc(length + 1);
    message[op(olm_op_group_encrypt(session, plaintext, plaintext_length, message, length), "olm_op_group_encrypt",
               length)] = 0;
    return message;
}

static OlmInboundGroupSession *inbound_group_blank(void) {
    return olm_inbound_group_session(alloc(olm_inbound_group_session_size()));
}

static void inbound_group_free(OlmInboundGroupSession *session) {
    olm_clear_inbound_group_session(session);
    free(session);
}

static OlmInboundGroupSession *inbound_group_new(const char *session_key) {
    OlmInboundGroupSession *session = inbound_group_blank();
    CHECK(olm_init_inbound_group_session(session, (const uint8_t *)session_key, strlen(session_key)),
          "olm_init_inbound_group_session", olm_inbound_group_session_last_error(session));
    return session;
}

static OlmInboundGroupSession *inbound_group_import(const char *exported) {
    OlmInboundGroupSession *session = inbound_group_blank();
    CHECK(olm_import_inbound_group_session(session, (const uint8_t *)exported, strlen(exported)),
          "olm_import_inbound_group_session", olm_inbound_group_session_last_error(session));
    return session;
}

static char *group_decrypt(OlmInboundGroupSession *session, const char *message) {
    size_t length = strlen(message);
    char *copy = scratch_copy(message, length);
    char *plaintext = alloc(length + 1);
    uint32_t index;
    plaintext[op(olm_op_group_decrypt(session, copy, length, plaintext, length, &index), "olm_op_group_decrypt",
                 length)] = 0;
    free(copy);
    return plaintext;
}

static char *inbound_group_export(OlmInboundGroupSession *session, uint32_t index) {
    RETURN_STRING(olm_export_inbound_group_session_length(session), olm_op_export_inbound_group_session, session, index,
                  out, length);
}

static char *inbound_group_pickle(OlmInboundGroupSession *session) {
    RETURN_STRING(olm_pickle_inbound_group_session_length(session), olm_op_pickle_inbound_group_session, session,
                  PICKLE_KEY, strlen(PICKLE_KEY), out, length);
}

/* ---- the operations: setup (untimed) returns the state one timed run() uses ---- */

typedef struct {
    OlmAccount *alice, *bob;
    OlmSession *a, *b;
    OlmUtility *utility;
    OlmOutboundGroupSession *outbound;
    OlmInboundGroupSession *inbound;
    OlmPkEncryption *pk_encryption;
    OlmPkDecryption *pk_decryption;
    OlmSAS *sas, *their_sas;
    char *text, *text2, *text3, *text4;
} State;

#define MESSAGE_32 "0123456789abcdef0123456789abcdef"

/* An Olm session pair where both sides have received a message (later messages are type 1). */
static void establish(State *s) {
    s->alice = account_new();
    s->bob = account_new();
    account_generate_one_time_keys(s->bob, 1);
    char *keys = account_identity_keys(s->bob), *otks = account_one_time_keys(s->bob);
    char *identity_key = json_string(keys, 1), *one_time_key = json_string(otks, 2);
    s->a = session_outbound(s->alice, identity_key, one_time_key);
    OlmMessage first = session_encrypt(s->a, MESSAGE_32);
    s->b = session_inbound(s->bob, first.body);
    free(session_decrypt(s->b, first));
    OlmMessage reply = session_encrypt(s->b, MESSAGE_32);
    free(session_decrypt(s->a, reply));
    free(first.body), free(reply.body), free(keys), free(otks), free(identity_key), free(one_time_key);
}

static void setup_none(State *s) { (void)s; }

static void run_account_create(State *s) {
    (void)s;
    account_free(account_new());
}

static void setup_account(State *s) { s->alice = account_new(); }

static void run_otk_generate(State *s) { account_generate_one_time_keys(s->alice, 50); }

static void setup_session_setup(State *s) {
    s->alice = account_new();
    s->bob = account_new();
    account_generate_one_time_keys(s->bob, 1);
    char *keys = account_identity_keys(s->bob), *otks = account_one_time_keys(s->bob);
    s->text = json_string(keys, 1);
    s->text2 = json_string(otks, 2);
    free(keys), free(otks);
}

static void run_session_setup(State *s) {
    OlmSession *outbound = session_outbound(s->alice, s->text, s->text2);
    OlmMessage message = session_encrypt(outbound, "olm session setup");
    OlmSession *inbound = session_inbound(s->bob, message.body);
    free(session_decrypt(inbound, message));
    free(message.body);
    session_free(outbound);
    session_free(inbound);
}

static void run_olm_encrypt_decrypt(State *s) {
    /* Each change of direction is a ratchet turn (a new curve25519 ratchet key). */
    OlmMessage there = session_encrypt(s->a, MESSAGE_32);
    free(session_decrypt(s->b, there));
    OlmMessage back = session_encrypt(s->b, MESSAGE_32);
    free(session_decrypt(s->a, back));
    free(there.body), free(back.body);
}

static void setup_megolm(State *s, size_t size) {
    s->outbound = outbound_group_new();
    char *key = outbound_group_key(s->outbound);
    s->inbound = inbound_group_new(key);
    free(key);
    s->text = repeat_char('m', size);
    s->text2 = group_encrypt(s->outbound, s->text);
}

static void setup_megolm_32(State *s) { setup_megolm(s, 32); }
static void setup_megolm_1k(State *s) { setup_megolm(s, 1024); }
static void setup_megolm_64k(State *s) { setup_megolm(s, 65536); }

static void run_megolm_encrypt(State *s) { free(group_encrypt(s->outbound, s->text)); }

static void run_megolm_decrypt(State *s) { free(group_decrypt(s->inbound, s->text2)); }

static void setup_megolm_ahead(State *s) {
    setup_megolm(s, 32);
    s->text3 = inbound_group_export(s->inbound, 0);
    free(s->text2);
    for (int i = 1; i < 10000; i++) free(group_encrypt(s->outbound, s->text));
    s->text2 = group_encrypt(s->outbound, s->text); /* index 10000 */
}

static void run_megolm_ahead(State *s) {
    OlmInboundGroupSession *session = inbound_group_import(s->text3);
    free(group_decrypt(session, s->text2));
    inbound_group_free(session);
}

static void setup_pickle_account(State *s) {
    s->alice = account_new();
    account_generate_one_time_keys(s->alice, 50);
}

static void run_pickle_account(State *s) {
    char *pickle = account_pickle(s->alice);
    OlmAccount *account = olm_account(alloc(olm_account_size()));
    CHECK(olm_unpickle_account(account, PICKLE_KEY, strlen(PICKLE_KEY), pickle, strlen(pickle)), "olm_unpickle_account",
          olm_account_last_error(account));
    account_free(account);
    free(pickle);
}

static void run_pickle_session(State *s) {
    char *pickle = session_pickle(s->a);
    OlmSession *session = session_new();
    CHECK(olm_unpickle_session(session, PICKLE_KEY, strlen(PICKLE_KEY), pickle, strlen(pickle)), "olm_unpickle_session",
          olm_session_last_error(session));
    session_free(session);
    free(pickle);
}

static void run_pickle_group(State *s) {
    char *pickle = inbound_group_pickle(s->inbound);
    OlmInboundGroupSession *session = inbound_group_blank();
    CHECK(olm_unpickle_inbound_group_session(session, PICKLE_KEY, strlen(PICKLE_KEY), pickle, strlen(pickle)),
          "olm_unpickle_inbound_group_session", olm_inbound_group_session_last_error(session));
    inbound_group_free(session);
    free(pickle);
}

#define SIGNED_MESSAGE                                                                                               \
    "{\"algorithms\":[\"m.olm.v1.curve25519-aes-sha2\"],\"device_id\":\"BENCHDEVICE\",\"user_id\":\"@bench:example." \
    "org\"}"

static void setup_sign(State *s) {
    s->alice = account_new();
    s->utility = olm_utility(alloc(olm_utility_size()));
    char *keys = account_identity_keys(s->alice);
    s->text = json_string(keys, 3);
    s->text2 = account_sign(s->alice, SIGNED_MESSAGE);
    free(keys);
}

static void run_sign(State *s) { free(account_sign(s->alice, SIGNED_MESSAGE)); }

static void run_verify(State *s) {
    size_t length = strlen(s->text2);
    char *signature = scratch_copy(s->text2, length);
    CHECK(olm_ed25519_verify(s->utility, s->text, strlen(s->text), SIGNED_MESSAGE, strlen(SIGNED_MESSAGE), signature,
                             length),
          "olm_ed25519_verify", olm_utility_last_error(s->utility));
    free(signature);
}

static void setup_sha256(State *s) {
    s->utility = olm_utility(alloc(olm_utility_size()));
    s->text = repeat_char('s', 1024);
}

static void run_sha256(State *s) {
    size_t length = olm_sha256_length(s->utility);
    char *hash = alloc(length + 1);
    op(olm_op_sha256(s->utility, s->text, 1024, hash, length), "olm_op_sha256", length);
    free(hash);
}

/* The layer's PK message: the ciphertext, then the MAC and the ephemeral key, in one buffer. */
static char *pk_encrypt(OlmPkEncryption *encryption, const char *plaintext, size_t *ciphertext_length) {
    size_t plaintext_length = strlen(plaintext);
    *ciphertext_length = olm_pk_ciphertext_length(encryption, plaintext_length);
    size_t length = *ciphertext_length + OLM_OP_PK_MAC_LENGTH + OLM_OP_PK_KEY_LENGTH;
    char *message = alloc(length);
    op(olm_op_pk_encrypt(encryption, plaintext, plaintext_length, NULL, 0, message, length), "olm_op_pk_encrypt",
       length);
    return message;
}

static char *substring(const char *text, size_t length) {
    char *out = alloc(length + 1);
    memcpy(out, text, length);
    out[length] = 0;
    return out;
}

static void setup_pk(State *s) {
    s->pk_decryption = olm_pk_decryption(alloc(olm_pk_decryption_size()));
    size_t key_length = olm_pk_key_length(), private_length = olm_pk_private_key_length();
    uint8_t *private_key = random_bytes(private_length);
    s->text = alloc(key_length + 1);
    s->text[op(olm_op_pk_key_from_private(s->pk_decryption, private_key, private_length, s->text, key_length),
               "olm_op_pk_key_from_private", key_length)] = 0;
    wipe_free(private_key, private_length);
    s->pk_encryption = olm_pk_encryption(alloc(olm_pk_encryption_size()));
    CHECK(olm_pk_encryption_set_recipient_key(s->pk_encryption, s->text, key_length), "set_recipient_key",
          olm_pk_encryption_last_error(s->pk_encryption));
    s->text2 = repeat_char('k', 256);
    size_t ciphertext_length;
    char *message = pk_encrypt(s->pk_encryption, s->text2, &ciphertext_length);
    s->text3 = substring(message, ciphertext_length);
    s->text4 = substring(message + ciphertext_length, OLM_OP_PK_MAC_LENGTH);
    free(s->text);
    s->text = substring(message + ciphertext_length + OLM_OP_PK_MAC_LENGTH, OLM_OP_PK_KEY_LENGTH);
    free(message);
}

static void run_pk_encrypt(State *s) {
    size_t ciphertext_length;
    free(pk_encrypt(s->pk_encryption, s->text2, &ciphertext_length));
}

static void run_pk_decrypt(State *s) {
    size_t length = strlen(s->text3);
    char *ciphertext = scratch_copy(s->text3, length);
    /* The layer's rule: a plaintext is never longer than its ciphertext. */
    char *plaintext = alloc(length + 1);
    op(olm_op_pk_decrypt(s->pk_decryption, s->text, strlen(s->text), s->text4, strlen(s->text4), ciphertext, length,
                         plaintext, length),
       "olm_op_pk_decrypt", length);
    free(ciphertext), free(plaintext);
}

static OlmSAS *sas_new(void) {
    OlmSAS *sas = olm_sas(alloc(olm_sas_size()));
    op(olm_op_create_sas(sas, NULL, 0), "olm_op_create_sas", 0);
    return sas;
}

static void setup_sas(State *s) {
    s->sas = sas_new();
    s->their_sas = sas_new();
    size_t length = olm_sas_pubkey_length(s->their_sas);
    char *key = alloc(length);
    op(olm_op_sas_pubkey(s->their_sas, key, length), "olm_op_sas_pubkey", length);
    CHECK(olm_sas_set_their_key(s->sas, key, length), "olm_sas_set_their_key", olm_sas_last_error(s->sas));
    free(key);
}

#define SAS_INPUT "ed25519:BENCHDEVICE ZmFrZSBlZDI1NTE5IGtleSBmb3IgdGhlIGJlbmNobWFyaw"
#define SAS_INFO  "MATRIX_KEY_VERIFICATION_MAC@alice:example.orgALICEDEVICE@bob:example.orgBOBDEVICEtxn1234KEY_IDS"

static void run_sas_mac(State *s) {
    size_t length = olm_sas_mac_length(s->sas);
    char *mac = alloc(length);
    op(olm_op_sas_calculate_mac(s->sas, SAS_INPUT, strlen(SAS_INPUT), SAS_INFO, strlen(SAS_INFO), mac, length),
       "olm_op_sas_calculate_mac", length);
    free(mac);
}

static void teardown(State *s) {
    if (s->a) session_free(s->a);
    if (s->b) session_free(s->b);
    if (s->alice) account_free(s->alice);
    if (s->bob) account_free(s->bob);
    if (s->utility) olm_clear_utility(s->utility), free(s->utility);
    if (s->outbound) outbound_group_free(s->outbound);
    if (s->inbound) inbound_group_free(s->inbound);
    if (s->pk_encryption) olm_clear_pk_encryption(s->pk_encryption), free(s->pk_encryption);
    if (s->pk_decryption) olm_clear_pk_decryption(s->pk_decryption), free(s->pk_decryption);
    if (s->sas) olm_clear_sas(s->sas), free(s->sas);
    if (s->their_sas) olm_clear_sas(s->their_sas), free(s->their_sas);
    free(s->text), free(s->text2), free(s->text3), free(s->text4);
}

typedef struct {
    const char *id;
    void (*setup)(State *);
    void (*run)(State *);
} Op;

static const Op OPS[] = {
    {"account-create", setup_none, run_account_create},
    {"otk-generate-50", setup_account, run_otk_generate},
    {"olm-session-setup", setup_session_setup, run_session_setup},
    {"olm-encrypt-decrypt", establish, run_olm_encrypt_decrypt},
    {"megolm-encrypt-32", setup_megolm_32, run_megolm_encrypt},
    {"megolm-encrypt-1k", setup_megolm_1k, run_megolm_encrypt},
    {"megolm-encrypt-64k", setup_megolm_64k, run_megolm_encrypt},
    {"megolm-decrypt-32", setup_megolm_32, run_megolm_decrypt},
    {"megolm-decrypt-1k", setup_megolm_1k, run_megolm_decrypt},
    {"megolm-decrypt-64k", setup_megolm_64k, run_megolm_decrypt},
    {"megolm-decrypt-ahead-10000", setup_megolm_ahead, run_megolm_ahead},
    {"pickle-account", setup_pickle_account, run_pickle_account},
    {"pickle-session", establish, run_pickle_session},
    {"pickle-group-session", setup_megolm_32, run_pickle_group},
    {"ed25519-sign", setup_sign, run_sign},
    {"ed25519-verify", setup_sign, run_verify},
    {"sha256-1k", setup_sha256, run_sha256},
    {"pk-encrypt", setup_pk, run_pk_encrypt},
    {"pk-decrypt", setup_pk, run_pk_decrypt},
    {"sas-mac", setup_sas, run_sas_mac},
};
#define OP_COUNT (sizeof OPS / sizeof OPS[0])

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The same loop as src/bench/measure.ts: batches doubling until one takes a tenth of the budget. */
static double measure(const Op *op, double min_seconds) {
    State state = {0};
    op->setup(&state);
    op->run(&state); /* first run outside the clock: caches, lazy allocations */
    uint64_t iterations = 0, batch = 1;
    double start = now_seconds(), elapsed;
    do {
        for (uint64_t i = 0; i < batch; i++) op->run(&state);
        iterations += batch;
        elapsed = now_seconds() - start;
        if (elapsed < min_seconds / 10) batch *= 2;
    } while (elapsed < min_seconds);
    teardown(&state);
    return (double)iterations / elapsed;
}

static int selected(const char *list, const char *id) {
    if (list == NULL) return 1;
    size_t length = strlen(id);
    for (const char *p = list; (p = strstr(p, id)) != NULL; p += length) {
        if ((p == list || p[-1] == ',') && (p[length] == ',' || p[length] == 0)) return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    double min_ms = 200;
    const char *ops = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--list") == 0) {
            for (size_t j = 0; j < OP_COUNT; j++) puts(OPS[j].id);
            return 0;
        } else if (strcmp(argv[i], "--min-time") == 0 && i + 1 < argc) {
            min_ms = atof(argv[++i]);
        } else if (strcmp(argv[i], "--ops") == 0 && i + 1 < argc) {
            ops = argv[++i];
        } else {
            fprintf(stderr, "usage: olm-bench-c [--min-time MS] [--ops id,id,...] [--list]\n");
            return 2;
        }
    }
    if (!(min_ms > 0)) fail("arguments", "--min-time must be a positive number of milliseconds");
    uint8_t major, minor, patch;
    olm_get_library_version(&major, &minor, &patch);
    printf("{\"implementation\":\"" IMPLEMENTATION "\",\"version\":\"%u.%u.%u\",\"results\":{", major, minor, patch);
    const char *separator = "";
    for (size_t j = 0; j < OP_COUNT; j++) {
        if (!selected(ops, OPS[j].id)) continue;
        printf("%s\"%s\":%.3f", separator, OPS[j].id, measure(&OPS[j], min_ms / 1000));
        fflush(stdout);
        separator = ",";
    }
    printf("}}\n");
    return 0;
}
