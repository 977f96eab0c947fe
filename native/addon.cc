// The native backend: libolm's C API exposed to JavaScript one function at a time.
//
// Every wrapper is generated from the C prototype itself (see Wrap below), so the marshalling
// rules are written once:
//   - an Olm object pointer (OlmAccount *, ...) takes a handle made by create(), checked by kind;
//   - any other pointer takes a Uint8Array;
//   - a size_t that directly follows a pointer is that buffer's length and may not exceed it,
//     so a wrong length is a RangeError here, never a read or write past the buffer;
//   - size_t results come back as numbers, with olm_error() as -1; uint32_t, int and enum
//     results as their values (only a size_t can be olm_error()).
// Lengths, randomness and error mapping live in the TypeScript layer (src/core.ts), once for
// both backends.
//
// Written against Node-API's C interface, not node-addon-api: when a worker thread is terminated
// inside a call, every napi_* call fails, and node-addon-api turns such failures into
// napi_fatal_error (the process aborts). Here a failure while the environment shuts down is
// simply dropped: nothing can be thrown, and nothing needs to be.
#include <node_api.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "olm/inbound_group_session.h"
#include "olm/olm.h"
#include "crypto/drbg.h"
#include "crypto/primitives.h"
#include "crypto/wipe.h"
#include "olm/outbound_group_session.h"
#include "olm/pk.h"
#include "olm/sas.h"
#include "ops/ops.h"
#include "olm_functions.h"

namespace {

// ---- Errors --------------------------------------------------------------------------------

enum class Thrown { kError, kTypeError, kRangeError };

// Throws unless an exception is already pending; while the environment is shutting down the
// throw fails, and that failure is ignored (the caller returns undefined, which nobody sees).
void Throw(napi_env env, Thrown type, const std::string &message) {
  bool pending = false;
  if (napi_is_exception_pending(env, &pending) != napi_ok || pending) return;
  switch (type) {
    case Thrown::kError: napi_throw_error(env, nullptr, message.c_str()); break;
    case Thrown::kTypeError: napi_throw_type_error(env, nullptr, message.c_str()); break;
    case Thrown::kRangeError: napi_throw_range_error(env, nullptr, message.c_str()); break;
  }
}

napi_value Undefined(napi_env env) {
  napi_value value = nullptr;
  napi_get_undefined(env, &value);
  return value;
}

napi_value Number(napi_env env, double d) {
  napi_value value = nullptr;
  if (napi_create_double(env, d, &value) != napi_ok) return nullptr;
  return value;
}

// ---- Olm objects ---------------------------------------------------------------------------

struct Kind {
  const char *name;
  size_t (*size)();
  void *(*init)(void *);
  size_t (*clear)(void *);
};

template <typename T, T *(*Init)(void *), size_t (*Clear)(T *)>
void *InitAs(void *memory) { return Init(memory); }
template <typename T, T *(*Init)(void *), size_t (*Clear)(T *)>
size_t ClearAs(void *object) { return Clear(static_cast<T *>(object)); }

#define OLM_KIND(name, Type, size_fn, init_fn, clear_fn)                                       \
  { name, size_fn, InitAs<Type, init_fn, clear_fn>, ClearAs<Type, init_fn, clear_fn> }

const Kind kKinds[] = {
    OLM_KIND("account", OlmAccount, olm_account_size, olm_account, olm_clear_account),
    OLM_KIND("session", OlmSession, olm_session_size, olm_session, olm_clear_session),
    OLM_KIND("utility", OlmUtility, olm_utility_size, olm_utility, olm_clear_utility),
    OLM_KIND("outbound_group_session", OlmOutboundGroupSession, olm_outbound_group_session_size,
             olm_outbound_group_session, olm_clear_outbound_group_session),
    OLM_KIND("inbound_group_session", OlmInboundGroupSession, olm_inbound_group_session_size,
             olm_inbound_group_session, olm_clear_inbound_group_session),
    OLM_KIND("pk_encryption", OlmPkEncryption, olm_pk_encryption_size, olm_pk_encryption,
             olm_clear_pk_encryption),
    OLM_KIND("pk_decryption", OlmPkDecryption, olm_pk_decryption_size, olm_pk_decryption,
             olm_clear_pk_decryption),
    OLM_KIND("pk_signing", OlmPkSigning, olm_pk_signing_size, olm_pk_signing, olm_clear_pk_signing),
    OLM_KIND("sas", OlmSAS, olm_sas_size, olm_sas, olm_clear_sas),
};

// Which kind each C object type is, for checking handles passed as arguments.
template <typename T> struct KindOf { static constexpr int value = -1; };
template <> struct KindOf<OlmAccount> { static constexpr int value = 0; };
template <> struct KindOf<OlmSession> { static constexpr int value = 1; };
template <> struct KindOf<OlmUtility> { static constexpr int value = 2; };
template <> struct KindOf<OlmOutboundGroupSession> { static constexpr int value = 3; };
template <> struct KindOf<OlmInboundGroupSession> { static constexpr int value = 4; };
template <> struct KindOf<OlmPkEncryption> { static constexpr int value = 5; };
template <> struct KindOf<OlmPkDecryption> { static constexpr int value = 6; };
template <> struct KindOf<OlmPkSigning> { static constexpr int value = 7; };
template <> struct KindOf<OlmSAS> { static constexpr int value = 8; };

// A handle is a number, generation * 2^26 + slot index, into its environment's slot table (each
// worker thread loading the addon has its own). free() releases the object at once and bumps the
// slot's generation, so nothing waits for a finalizer, and a stale or forged number matches no
// live slot: a TypeError, never a freed pointer. The JavaScript side frees objects its users
// forget (src/backend-native.ts, a FinalizationRegistry); the table frees whatever is left when
// the environment goes away.
constexpr uint64_t kIndexBits = 26;
constexpr uint64_t kMaxSlots = uint64_t{1} << kIndexBits;
constexpr uint64_t kMaxGeneration = uint64_t{1} << (53 - kIndexBits);  // ids stay exact doubles

struct Slot {
  const Kind *kind;
  void *memory;  // null while vacant
  size_t size;
  uint64_t generation;
};

struct Objects {
  std::vector<Slot> slots;
  std::vector<uint32_t> vacant;
  size_t live = 0;

  void Release(Slot &slot, uint32_t index) {
    // libolm wipes the object (its size, through volatile stores) and says how much it wiped;
    // wipe it ourselves only if that was not all of it.
    if (slot.kind->clear(slot.memory) < slot.size) fast_wipe(slot.memory, slot.size);
    std::free(slot.memory);
    slot.memory = nullptr;
    live--;
    // A slot whose generation would no longer fit is retired, so an id is never reused.
    if (++slot.generation < kMaxGeneration) vacant.push_back(index);
  }

  ~Objects() {
    for (uint32_t i = 0; i < slots.size(); i++) {
      if (slots[i].memory != nullptr) Release(slots[i], i);
    }
  }
};

Objects *ObjectsOf(napi_env env) {
  void *data = nullptr;
  napi_get_instance_data(env, &data);
  return static_cast<Objects *>(data);
}

// The live slot a handle number names, or null for anything else (not a number, freed, forged).
Slot *SlotOf(napi_env env, napi_value value, uint32_t *index_out = nullptr) {
  double d;
  if (napi_get_value_double(env, value, &d) != napi_ok) return nullptr;
  if (!(d >= 0 && d < 9007199254740992.0) || d != static_cast<double>(static_cast<uint64_t>(d))) return nullptr;
  uint64_t id = static_cast<uint64_t>(d);
  uint64_t index = id & (kMaxSlots - 1);
  Objects *objects = ObjectsOf(env);
  if (objects == nullptr || index >= objects->slots.size()) return nullptr;
  Slot &slot = objects->slots[index];
  if (slot.memory == nullptr || slot.generation != id >> kIndexBits) return nullptr;
  if (index_out != nullptr) *index_out = static_cast<uint32_t>(index);
  return &slot;
}

napi_value Create(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok) return nullptr;
  // Read into a stack buffer: no std::string per object. Every kind name is shorter than it, so
  // a longer string is truncated and then fails the length comparison.
  char name[32];
  size_t length = 0;
  if (argc != 1 || napi_get_value_string_utf8(env, argv[0], name, sizeof name, &length) != napi_ok) {
    Throw(env, Thrown::kTypeError, "create(kind): kind must be a string");
    return nullptr;
  }
  Objects *objects = ObjectsOf(env);
  if (objects == nullptr) return nullptr;
  for (const Kind &kind : kKinds) {
    if (length != std::strlen(kind.name) || std::memcmp(name, kind.name, length) != 0) continue;
    if (objects->vacant.empty() && objects->slots.size() >= kMaxSlots) {
      Throw(env, Thrown::kRangeError, "create: too many live Olm objects (2^26)");
      return nullptr;
    }
    size_t size = kind.size();
    void *memory = std::calloc(1, size);
    if (memory == nullptr) {
      Throw(env, Thrown::kRangeError, "create: out of memory");
      return nullptr;
    }
    kind.init(memory);
    uint32_t index;
    if (!objects->vacant.empty()) {
      index = objects->vacant.back();
      objects->vacant.pop_back();
    } else {
      index = static_cast<uint32_t>(objects->slots.size());
      objects->slots.push_back(Slot{nullptr, nullptr, 0, 1});
    }
    Slot &slot = objects->slots[index];
    slot.kind = &kind;
    slot.memory = memory;
    slot.size = size;
    objects->live++;
    napi_value id = Number(env, static_cast<double>((slot.generation << kIndexBits) | index));
    // No way to hand the handle over (the environment is shutting down): release it now.
    if (id == nullptr) objects->Release(slot, index);
    return id;
  }
  Throw(env, Thrown::kTypeError, std::string("create(kind): unknown kind ") + name);
  return nullptr;
}

napi_value Free(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok) return nullptr;
  uint32_t index = 0;
  Slot *slot = argc == 1 ? SlotOf(env, argv[0], &index) : nullptr;
  if (slot == nullptr) {
    Throw(env, Thrown::kTypeError, "free(handle): not a live olm handle");
    return nullptr;
  }
  ObjectsOf(env)->Release(*slot, index);
  return Undefined(env);
}

napi_value LiveObjects(napi_env env, napi_callback_info) {
  Objects *objects = ObjectsOf(env);
  return Number(env, objects == nullptr ? 0.0 : static_cast<double>(objects->live));
}

// ---- Argument conversion -------------------------------------------------------------------

struct Args {
  napi_env env;
  const napi_value *argv;
  const char *fn;
  size_t lastBufferLength;  // byte length of the previous argument, if it was a buffer
  bool previousWasBuffer;
  bool failed;

  void Fail(Thrown type, size_t index, const std::string &what) {
    if (failed) return;
    failed = true;
    Throw(env, type, std::string(fn) + ": argument " + std::to_string(index) + " " + what);
  }
};

template <typename T, typename Enable = void> struct Convert;

// size_t / uint32_t: non-negative integers; a length must fit the buffer before it.
template <typename T>
struct Convert<T, typename std::enable_if<std::is_integral<T>::value>::type> {
  static T Get(Args &args, size_t i) {
    // One N-API call checks the type and reads the value (napi_number_expected otherwise).
    double d;
    if (napi_get_value_double(args.env, args.argv[i], &d) != napi_ok) {
      args.Fail(Thrown::kTypeError, i, "must be a number");
      return 0;
    }
    if (!(d >= 0 && d <= 4294967295.0 && d == static_cast<double>(static_cast<uint64_t>(d)))) {
      args.Fail(Thrown::kRangeError, i, "must be an integer from 0 to 2^32-1");
      return 0;
    }
    T n = static_cast<T>(d);
    if (args.previousWasBuffer && static_cast<size_t>(n) > args.lastBufferLength) {
      args.Fail(Thrown::kRangeError, i, "is longer than the buffer before it");
    }
    args.previousWasBuffer = false;
    return n;
  }
};

// Pointers: Olm objects take handles of their kind, anything else takes a Uint8Array.
template <typename P> struct Convert<P *, void> {
  using T = typename std::remove_const<P>::type;
  static P *Get(Args &args, size_t i) {
    if constexpr (KindOf<T>::value >= 0) {
      args.previousWasBuffer = false;
      Slot *slot = SlotOf(args.env, args.argv[i]);
      if (slot == nullptr || slot->kind != &kKinds[KindOf<T>::value]) {
        args.Fail(Thrown::kTypeError, i, std::string("must be a live ") + kKinds[KindOf<T>::value].name + " handle");
        return nullptr;
      }
      return static_cast<P *>(slot->memory);
    } else {
      return Buffer(args, i);
    }
  }

  static P *Buffer(Args &args, size_t i) {
    // One N-API call checks for a typed array and reads its type, length and data
    // (napi_invalid_arg for anything else).
    napi_typedarray_type type;
    size_t length;
    void *data;
    if (napi_get_typedarray_info(args.env, args.argv[i], &type, &length, &data, nullptr, nullptr) != napi_ok ||
        type != napi_uint8_array) {
      args.Fail(Thrown::kTypeError, i, "must be a Uint8Array");
      return nullptr;
    }
    // Byte buffers may be empty; a uint32_t * needs room for one.
    using Pointee = typename std::conditional<std::is_void<T>::value, char, T>::type;
    constexpr size_t minimum = sizeof(Pointee) == 1 ? 0 : sizeof(Pointee);
    if (length < minimum) {
      args.Fail(Thrown::kRangeError, i, "is too short");
      return nullptr;
    }
    args.previousWasBuffer = true;
    args.lastBufferLength = length;
    // A zero-length Uint8Array may have no storage; libolm never reads a zero-length buffer.
    static uint8_t empty[1];
    return reinterpret_cast<P *>(length != 0 && data != nullptr ? data : empty);
  }
};

// ---- Results -------------------------------------------------------------------------------

napi_value Result(napi_env env, size_t r) { return Number(env, r == olm_error() ? -1.0 : static_cast<double>(r)); }
napi_value Result(napi_env env, uint32_t r) { return Number(env, r); }
napi_value Result(napi_env env, int r) { return Number(env, r); }
napi_value Result(napi_env env, OlmErrorCode r) { return Number(env, static_cast<int>(r)); }
napi_value Result(napi_env env, const char *r) {
  napi_value value = nullptr;
  if (napi_create_string_utf8(env, r, NAPI_AUTO_LENGTH, &value) != napi_ok) return nullptr;
  return value;
}

template <typename F, F *Fn> struct Wrap;
template <typename R, typename... A, R (*Fn)(A...)> struct Wrap<R(A...), Fn> {
  static napi_value Call(napi_env env, napi_callback_info info) {
    return Invoke(env, info, std::index_sequence_for<A...>{});
  }

  template <size_t... I>
  static napi_value Invoke(napi_env env, napi_callback_info info, std::index_sequence<I...>) {
    size_t argc = sizeof...(A) + 1;
    napi_value argv[sizeof...(A) + 1];
    void *data = nullptr;
    if (napi_get_cb_info(env, info, &argc, argv, nullptr, &data) != napi_ok) return nullptr;
    const char *name = static_cast<const char *>(data);
    if (argc != sizeof...(A)) {
      Throw(env, Thrown::kTypeError, std::string(name) + ": expected " + std::to_string(sizeof...(A)) + " arguments");
      return nullptr;
    }
    Args args{env, argv, name, 0, false, false};
    // Braced initialisation converts left to right, which the length check relies on.
    std::tuple<A...> converted{Convert<A>::Get(args, I)...};
    if (args.failed) return nullptr;
    if constexpr (std::is_void<R>::value) {
      std::apply(Fn, converted);
      return Undefined(env);
    } else {
      return Result(env, std::apply(Fn, converted));
    }
  }
};

bool Export(napi_env env, napi_value exports, const char *name, napi_callback fn, void *data = nullptr) {
  napi_value function;
  return napi_create_function(env, name, NAPI_AUTO_LENGTH, fn, data, &function) == napi_ok &&
         napi_set_named_property(env, exports, name, function) == napi_ok;
}

napi_value Init(napi_env env, napi_value exports) {
  Objects *objects = new Objects();
  if (napi_set_instance_data(
          env, objects, [](napi_env, void *data, void *) { delete static_cast<Objects *>(data); }, nullptr) != napi_ok) {
    delete objects;
    return nullptr;
  }
  // Which crypto core this addon was built with, e.g. "fast: x25519-donna-c64, ..., aes-ni", and
  // which hardening it has.
  napi_value primitives, hardening;
  bool ok = napi_create_string_utf8(env, olm_universal_primitives(), NAPI_AUTO_LENGTH, &primitives) == napi_ok &&
            napi_set_named_property(env, exports, "primitives", primitives) == napi_ok &&
            napi_create_string_utf8(env, olm_universal_hardening(), NAPI_AUTO_LENGTH, &hardening) == napi_ok &&
            napi_set_named_property(env, exports, "hardening", hardening) == napi_ok &&
            Export(env, exports, "create", Create) && Export(env, exports, "free", Free) &&
            Export(env, exports, "liveObjects", LiveObjects);
  // olm_functions.h is generated from libolm's headers by scripts/olm-functions.cjs.
#define X(fn) ok = ok && Export(env, exports, #fn, Wrap<decltype(fn), fn>::Call, const_cast<char *>(#fn));
  OLM_FUNCTIONS(X)
#undef X
  return ok ? exports : nullptr;
}

}  // namespace

NAPI_MODULE(olm_native, Init)
