/* Structure-aware Olm: the harness holds Alice's sending chain key (read from her session, which
 * libolm made), so every input becomes a normal (type 1) message with a valid MAC. The input is
 * the message body (version byte, then protobuf fields, any bytes); libolm's own parser says which
 * counter it will read, the harness derives that counter's message key, appends the MAC, and
 * olm_decrypt runs on Bob's session. So mutations reach the ciphertext length and every field
 * past the MAC check. Aborts if a message with a varint of 2^32 or more decrypts. */
#include "../fuzz-common.h"
#include "../wide-varint.h"
#include "olm/crypto.h"
#include "olm/message.hh"
#include "olm/session.hh"

#define MAC_LENGTH 8
static FuzzOlm fixture;
static olm::ChainKey chain; /* Alice's next sending chain key */
static uint8_t ratchet_key[32];

static void fuzz_setup(void) {
    fuzz_olm(&fixture);
    OlmSession *alice = fuzz_unpickle_session(fixture.alice_session_pickle);
    olm::Ratchet &ratchet = reinterpret_cast<olm::Session *>(alice)->ratchet;
    FUZZ_CHECK(ratchet.sender_chain.size() == 1);
    chain = ratchet.sender_chain[0].chain_key;
    memcpy(ratchet_key, ratchet.sender_chain[0].ratchet_key.public_key.public_key, 32);
    olm_clear_session(alice);
    free(alice);
}

/* Seeds: the bodies (without the MAC) of real messages Alice writes next, one per counter. */
static void fuzz_seeds(void) {
    OlmSession *alice = fuzz_unpickle_session(fixture.alice_session_pickle);
    static const char *const plaintexts[] = {"", "sixteen bytes!!!", "a longer message, a few AES blocks long"};
    for (size_t i = 0; i < sizeof(plaintexts) / sizeof(plaintexts[0]); i++) {
        size_t length, type;
        char *message = fuzz_encrypt(alice, plaintexts[i], &length, &type);
        uint8_t *raw = (uint8_t *)fuzz_malloc(_olm_decode_base64_length(length));
        size_t raw_length = _olm_decode_base64((const uint8_t *)message, length, raw);
        FUZZ_CHECK(raw_length != (size_t)-1 && raw_length > MAC_LENGTH);
        fuzz_seed(raw, raw_length - MAC_LENGTH);
        free(raw);
        free(message);
    }
    olm_clear_session(alice);
    free(alice);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    size_t length = size + MAC_LENGTH;
    uint8_t *message = (uint8_t *)fuzz_malloc(length);
    memcpy(message, data, size);
    memset(message + size, 0, MAC_LENGTH);
    olm::MessageReader reader;
    olm::decode_message(reader, message, length, MAC_LENGTH);
    /* The chain key at the counter libolm will read (Bob skips at most 2000 keys ahead). */
    olm::ChainKey key = chain;
    uint32_t counter = reader.has_counter ? reader.counter : chain.index;
    static const uint8_t chain_seed[1] = {0x02}, message_seed[1] = {0x01};
    for (uint32_t i = chain.index; i < counter && i - chain.index < 2100; i++) {
        uint8_t next[32]; /* not in place: HMAC reads the key after writing */
        _olm_crypto_hmac_sha256(key.key, sizeof(key.key), chain_seed, 1, next);
        memcpy(key.key, next, sizeof(next));
    }
    uint8_t message_key[32], keys[80], mac[32];
    _olm_crypto_hmac_sha256(key.key, sizeof(key.key), message_seed, 1, message_key);
    static const char info[] = "OLM_KEYS";
    _olm_crypto_hkdf_sha256(message_key, 32, NULL, 0, (const uint8_t *)info, sizeof(info) - 1, keys, sizeof(keys));
    _olm_crypto_hmac_sha256(keys + 32, 32, message, size, mac);
    memcpy(message + size, mac, MAC_LENGTH);

    size_t encoded_length = _olm_encode_base64_length(length);
    char *encoded = (char *)fuzz_malloc(encoded_length);
    _olm_encode_base64(message, length, (uint8_t *)encoded);
    OlmSession *bob = fuzz_unpickle_session(fixture.bob_session_pickle);
    size_t r = fuzz_decrypt(bob, OLM_MESSAGE_TYPE_MESSAGE, encoded, encoded_length);
    static const char *debug = getenv("FUZZ_DEBUG"); /* say how each input ends */
    if (debug)
        fprintf(stderr, "counter %u: %s\n", counter, r == olm_error() ? olm_session_last_error(bob) : "decrypted");
    if (r != olm_error()) {
        if (size > 0 && has_wide_varint(message + 1, message + size)) {
            fprintf(stderr, "a message with a varint >= 2^32 decrypted (32- and 64-bit builds read it differently)\n");
            abort();
        }
    } else {
        FUZZ_CHECK(olm_session_last_error_code(bob) != OLM_SUCCESS);
    }
    olm_clear_session(bob);
    free(bob);
    free(encoded);
    free(message);
    return 0;
}
