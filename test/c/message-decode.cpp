// libolm's protobuf decoders (src/message.cpp) on crafted buffers: varints of 2^32 and 2^40,
// truncated varints, lengths running past the end. Compiled natively (64-bit size_t) and with
// emcc (wasm32, 32-bit size_t); test/libolm-c.test.ts requires the same output from both and
// every check passing. One line per buffer: "ok  |FAIL <name>: <what the decoder returned>".
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>
#include "olm/message.h"
#include "olm/message.hh"

typedef std::vector<std::uint8_t> Bytes;
static int failures = 0;

static Bytes varint(std::uint64_t value) {
    Bytes out;
    while (value >= 0x80) {
        out.push_back(std::uint8_t(value | 0x80));
        value >>= 7;
    }
    out.push_back(std::uint8_t(value));
    return out;
}
static Bytes cat(std::initializer_list<Bytes> parts) {
    Bytes out;
    for (Bytes const &part : parts) out.insert(out.end(), part.begin(), part.end());
    return out;
}
static Bytes fill(std::size_t length, std::uint8_t byte) { return Bytes(length, byte); }
static Bytes raw(std::initializer_list<std::uint8_t> bytes) { return Bytes(bytes); }
static Bytes field(std::uint8_t tag, std::uint64_t length, std::size_t present) {
    return cat({raw({tag}), varint(length), fill(present, 0xAB)});
}

static std::string span(Bytes const &input, std::uint8_t const *at, std::size_t length) {
    if (!at) return "none";
    return std::to_string(at - input.data()) + "+" + std::to_string(length);
}
static void report(std::string const &name, std::string const &got, std::string const &want) {
    bool ok = got == want;
    std::printf("%s %s: %s\n", ok ? "ok  " : "FAIL", name.c_str(), got.c_str());
    if (!ok) {
        std::printf("     want %s\n", want.c_str());
        failures++;
    }
}

// Megolm: version, 0x08 message index, 0x12 ciphertext, then 8 MAC + 64 signature bytes.
static void group(std::string const &name, Bytes const &body, std::string const &want) {
    Bytes input = cat({body, fill(8 + 64, 0xEE)});
    _OlmDecodeGroupMessageResults r;
    _olm_decode_group_message(input.data(), input.size(), 8, 64, &r);
    std::string got = "version " + std::to_string(r.version) + " index " +
                      (r.has_message_index ? std::to_string(r.message_index) : std::string("none")) + " ciphertext " +
                      span(input, r.ciphertext, r.ciphertext_length);
    report("group " + name, got, want);
}

// Olm: version, 0x0a ratchet key, 0x10 counter, 0x22 ciphertext, then 8 MAC bytes.
static void olm_message(std::string const &name, Bytes const &body, std::string const &want) {
    Bytes input = cat({body, fill(8, 0xEE)});
    olm::MessageReader r;
    olm::decode_message(r, input.data(), input.size(), 8);
    std::string got = "version " + std::to_string(r.version) + " ratchet " +
                      span(input, r.ratchet_key, r.ratchet_key_length) + " counter " +
                      (r.has_counter ? std::to_string(r.counter) : std::string("none")) + " ciphertext " +
                      span(input, r.ciphertext, r.ciphertext_length);
    report("olm " + name, got, want);
}

// Pre-key: version, 0x0a one-time key, 0x12 base key, 0x1a identity key, 0x22 message.
static void prekey(std::string const &name, Bytes const &input, std::string const &want) {
    olm::PreKeyMessageReader r;
    olm::decode_one_time_key_message(r, input.data(), input.size());
    std::string got =
        "version " + std::to_string(r.version) + " otk " + span(input, r.one_time_key, r.one_time_key_length) +
        " base " + span(input, r.base_key, r.base_key_length) + " identity " +
        span(input, r.identity_key, r.identity_key_length) + " message " + span(input, r.message, r.message_length);
    report("pre-key " + name, got, want);
}

int main() {
    const std::uint64_t P32 = 1ULL << 32, P40 = 1ULL << 40;
    Bytes v3 = raw({3}), ct = field(0x12, 16, 16);
    std::string unset = "version 3 index none ciphertext none";

    group("valid", cat({v3, raw({0x08}), varint(5), ct}), "version 3 index 5 ciphertext 5+16");
    group("index 2^32-1", cat({v3, raw({0x08}), varint(P32 - 1), ct}), "version 3 index 4294967295 ciphertext 9+16");
    group("index 5, zero-padded varint", cat({v3, raw({0x08, 0x85, 0x80, 0x80, 0x80, 0x80, 0x00}), ct}),
          "version 3 index 5 ciphertext 10+16");
    group("index 2^32", cat({v3, raw({0x08}), varint(P32), ct}), unset);
    group("index 2^32+5", cat({v3, raw({0x08}), varint(P32 + 5), ct}), unset);
    group("index 2^40", cat({v3, raw({0x08}), varint(P40), ct}), unset);
    group("index 2^64-1", cat({v3, raw({0x08}), varint(~0ULL), ct}), unset);
    group("ciphertext length 2^32+16", cat({v3, raw({0x08}), varint(5), field(0x12, P32 + 16, 16)}), unset);
    group("ciphertext length 2^40+16", cat({v3, raw({0x08}), varint(5), field(0x12, P40 + 16, 16)}), unset);
    group("ciphertext length past the end", cat({v3, raw({0x08}), varint(5), field(0x12, 17, 16)}), unset);
    // The equivocation: an unknown field whose length wrapped to 0 on 32-bit hid the real fields.
    group("unknown field length 2^32 before the fields", cat({v3, field(0x1a, P32, 0), raw({0x08}), varint(5), ct}),
          unset);
    group("unknown field length 2^40+3", cat({v3, field(0x1a, P40 + 3, 3), raw({0x08}), varint(5), ct}), unset);
    group("unknown varint field 2^40", cat({v3, raw({0x20}), varint(P40), raw({0x08}), varint(5), ct}), unset);
    group("unknown varint field 2^32-1", cat({v3, raw({0x20}), varint(P32 - 1), raw({0x08}), varint(5), ct}),
          "version 3 index 5 ciphertext 11+16");
    group("unknown tag 2^35 (wire type 2)", cat({v3, varint(P32 * 8 + 2), varint(0), raw({0x08}), varint(5), ct}),
          unset);
    group("truncated index varint", cat({v3, ct, raw({0x08, 0x85})}), unset);
    group("truncated length varint", cat({v3, raw({0x08}), varint(5), raw({0x12, 0x90})}), unset);
    group("truncated unknown tag", cat({v3, raw({0x08}), varint(5), ct, raw({0xA2})}), unset);

    Bytes key = field(0x0a, 32, 32), ciphertext = field(0x22, 16, 16);
    std::string olm_unset = "version 3 ratchet none counter none ciphertext none";
    olm_message("valid", cat({v3, key, raw({0x10}), varint(7), ciphertext}),
                "version 3 ratchet 3+32 counter 7 ciphertext 39+16");
    olm_message("counter 2^32", cat({v3, key, raw({0x10}), varint(P32), ciphertext}), olm_unset);
    olm_message("counter 2^40", cat({v3, key, raw({0x10}), varint(P40), ciphertext}), olm_unset);
    olm_message("ratchet key length 2^32+32", cat({v3, field(0x0a, P32 + 32, 32), raw({0x10}), varint(7), ciphertext}),
                olm_unset);
    olm_message("ciphertext length 2^40+16", cat({v3, key, raw({0x10}), varint(7), field(0x22, P40 + 16, 16)}),
                olm_unset);
    olm_message("truncated counter", cat({v3, key, ciphertext, raw({0x10, 0xFF})}), olm_unset);
    olm_message("nothing but the MAC", Bytes(), "version 0 ratchet none counter none ciphertext none");

    Bytes otk = field(0x0a, 32, 32), base = field(0x12, 32, 32), identity = field(0x1a, 32, 32),
          inner = field(0x22, 20, 20);
    std::string pk_unset = "version 3 otk none base none identity none message none";
    prekey("valid", cat({v3, otk, base, identity, inner}),
           "version 3 otk 3+32 base 37+32 identity 71+32 message 105+20");
    prekey("identity length 2^32+32", cat({v3, otk, base, field(0x1a, P32 + 32, 32), inner}), pk_unset);
    prekey("message length 2^40+20", cat({v3, otk, base, identity, field(0x22, P40 + 20, 20)}), pk_unset);
    prekey("unknown field length 2^32 first", cat({v3, field(0x2a, P32, 0), otk, base, identity, inner}), pk_unset);
    prekey("truncated message length", cat({v3, otk, base, identity, raw({0x22, 0x94})}), pk_unset);

    if (failures) {
        std::printf("message-decode: %d failed\n", failures);
        return 1;
    }
    std::printf("message-decode: all passed\n");
    return 0;
}
