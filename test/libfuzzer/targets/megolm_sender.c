/* Structure-aware Megolm: the harness holds the group session's keys (ratchet and Ed25519 signing
 * key), so every input becomes a message with a valid MAC and signature. The input is the message
 * body (version byte, then protobuf fields, any bytes); libolm's own parser says which message
 * index it will read, the harness derives that index's keys, appends the MAC and signs, and
 * olm_group_decrypt runs on an inbound session imported from the same keys. So mutations reach
 * the ciphertext length and every field past the signature and MAC checks.
 * Also a policy check: a message holding a varint of 2^32 or more must not decrypt (its meaning
 * depends on the width of size_t: 64-bit native and 32-bit WASM read different plaintexts). */
#include "../megolm-fixture.h"
#include "../wide-varint.h"
#include "olm/crypto.h"
#include "olm/megolm.h"
#include "olm/message.h"

#define MAC_LENGTH       8
#define PROTOCOL_VERSION 3 /* libolm's OLM_PROTOCOL_VERSION (private) */
static Megolm initial;
static struct _olm_ed25519_key_pair signing;
static uint8_t *session_template;

static void fuzz_setup(void) {
    uint8_t random[MEGOLM_RATCHET_LENGTH];
    fuzz_random(random, sizeof(random));
    megolm_init(&initial, random, 0);
    fuzz_random(random, 32);
    _olm_crypto_ed25519_generate_key(random, &signing);
    /* export format: version 1, counter (big-endian), ratchet, signing public key */
    uint8_t raw[1 + 4 + MEGOLM_RATCHET_LENGTH + 32] = {1, 0, 0, 0, 0};
    memcpy(raw + 5, megolm_get_data(&initial), MEGOLM_RATCHET_LENGTH);
    memcpy(raw + 5 + MEGOLM_RATCHET_LENGTH, signing.public_key.public_key, 32);
    size_t length = _olm_encode_base64_length(sizeof(raw));
    uint8_t *exported = (uint8_t *)fuzz_malloc(length);
    _olm_encode_base64(raw, sizeof(raw), exported);
    session_template = (uint8_t *)fuzz_malloc(olm_inbound_group_session_size());
    OlmInboundGroupSession *session = olm_inbound_group_session(session_template);
    FUZZ_CHECK(olm_import_inbound_group_session(session, exported, length) != olm_error());
    free(exported);
}

/* Seeds: real message bodies (as olm_group_encrypt lays them out) at a few indexes. */
static void fuzz_seeds(void) {
    static const uint32_t indexes[] = {0, 1, 1000, 0xffffffffu};
    for (size_t i = 0; i < sizeof(indexes) / sizeof(indexes[0]); i++) {
        size_t ciphertext_length = 16 * (i + 1);
        size_t length = _olm_encode_group_message_length(indexes[i], ciphertext_length, 0, 0);
        uint8_t *body = (uint8_t *)fuzz_malloc(length), *ciphertext;
        _olm_encode_group_message(PROTOCOL_VERSION, indexes[i], ciphertext_length, body, &ciphertext);
        fuzz_random(ciphertext, ciphertext_length);
        fuzz_seed(body, length);
        free(body);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    size_t length = size + MAC_LENGTH + ED25519_SIGNATURE_LENGTH;
    uint8_t *message = (uint8_t *)fuzz_malloc(length);
    memcpy(message, data, size);
    memset(message + size, 0, MAC_LENGTH + ED25519_SIGNATURE_LENGTH);
    struct _OlmDecodeGroupMessageResults decoded;
    _olm_decode_group_message(message, length, MAC_LENGTH, ED25519_SIGNATURE_LENGTH, &decoded);
    uint32_t index = decoded.has_message_index ? decoded.message_index : 0;

    /* MAC (HMAC-SHA-256 under the index's MEGOLM_KEYS mac key, 8 bytes), then the signature */
    Megolm ratchet = initial;
    megolm_advance_to(&ratchet, index);
    uint8_t keys[80], mac[32];
    static const char info[] = "MEGOLM_KEYS";
    _olm_crypto_hkdf_sha256(megolm_get_data(&ratchet), MEGOLM_RATCHET_LENGTH, NULL, 0, (const uint8_t *)info,
                            sizeof(info) - 1, keys, sizeof(keys));
    _olm_crypto_hmac_sha256(keys + 32, 32, message, size, mac);
    memcpy(message + size, mac, MAC_LENGTH);
    _olm_crypto_ed25519_sign(&signing, message, size + MAC_LENGTH, message + size + MAC_LENGTH);

    size_t encoded_length = _olm_encode_base64_length(length);
    uint8_t *encoded = (uint8_t *)fuzz_malloc(encoded_length);
    _olm_encode_base64(message, length, encoded);
    uint8_t *memory = fuzz_copy(session_template, olm_inbound_group_session_size());
    OlmInboundGroupSession *session = (OlmInboundGroupSession *)memory;
    uint32_t got_index = 0;
    size_t r = fuzz_group_decrypt(session, encoded, encoded_length, &got_index);
    if (r != olm_error()) {
        FUZZ_CHECK(got_index == index);
        if (size > 0 && has_wide_varint(message + 1, message + size)) {
            fprintf(stderr, "a message with a varint >= 2^32 decrypted (32- and 64-bit builds read it differently)\n");
            abort();
        }
    } else {
        FUZZ_CHECK(olm_inbound_group_session_last_error_code(session) != OLM_SUCCESS);
    }
    free(memory);
    free(encoded);
    free(message);
    return 0;
}
