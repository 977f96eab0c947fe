// The native backend: libolm's C API exposed to JavaScript one function at a time.
//
// Every wrapper is generated from the C prototype itself (see Wrap below), so the marshalling
// rules are written once:
//   - an Olm object pointer (OlmAccount *, ...) takes a handle made by create(), checked by kind;
//   - any other pointer takes a Uint8Array;
//   - a size_t that directly follows a pointer is that buffer's length and may not exceed it,
//     so a wrong length is a RangeError here, never a read or write past the buffer;
//   - size_t results come back as numbers, with olm_error() as -1.
// Lengths, randomness and error mapping live in the TypeScript layer (src/core.ts), once for
// both backends.
#include <napi.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <tuple>
#include <type_traits>
#include <utility>

#include "olm/inbound_group_session.h"
#include "olm/olm.h"
#include "crypto/primitives.h"
#include "olm/outbound_group_session.h"
#include "olm/pk.h"
#include "olm/sas.h"
#include "olm_functions.h"

namespace {

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

// Per-environment count of objects not yet released (liveObjects(), a diagnostic for the tests).
// Each worker thread loading the addon has its own. Handles share ownership of it, so a finalizer
// running while the environment is torn down never touches a deleted counter.
struct Live {
  size_t count = 0;
};
using LivePtr = std::shared_ptr<Live>;

struct Handle {
  const Kind *kind;
  void *memory;  // null once freed
  size_t size;
  LivePtr live;
};

// Marks externals as ours, so a foreign external is a TypeError rather than a wild pointer.
const napi_type_tag kHandleTag = {0x6f6c6d2d756e6976ULL, 0x657273616c2d3031ULL};

// memset through a volatile pointer: a plain memset right before free() is a dead store that
// the compiler may drop.
void *(*const volatile wipe)(void *, int, size_t) = std::memset;

void Release(Handle *handle) {
  if (handle->memory == nullptr) return;
  // libolm wipes the object (its size, through volatile stores) and says how much it wiped;
  // wipe it ourselves only if that was not all of it.
  if (handle->kind->clear(handle->memory) < handle->size) wipe(handle->memory, 0, handle->size);
  std::free(handle->memory);
  handle->memory = nullptr;
  handle->live->count--;
}

void Finalize(Napi::Env, Handle *handle) {
  Release(handle);
  delete handle;
}

Handle *GetHandle(const Napi::Value &value) {
  if (!value.IsExternal()) return nullptr;
  Napi::External<Handle> external = value.As<Napi::External<Handle>>();
  if (!external.CheckTypeTag(&kHandleTag)) return nullptr;
  return external.Data();
}

Napi::Value Create(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  if (info.Length() != 1 || !info[0].IsString()) {
    Napi::TypeError::New(env, "create(kind): kind must be a string").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  // Read into a stack buffer: no std::string per object. Every kind name is shorter than it, so
  // a longer string is truncated and then fails the length comparison.
  char name[32];
  size_t length = 0;
  napi_get_value_string_utf8(env, info[0], name, sizeof name, &length);
  for (const Kind &kind : kKinds) {
    if (length != std::strlen(kind.name) || std::memcmp(name, kind.name, length) != 0) continue;
    size_t size = kind.size();
    void *memory = std::calloc(1, size);
    if (memory == nullptr) {
      Napi::Error::New(env, "out of memory").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    kind.init(memory);
    LivePtr live = *env.GetInstanceData<LivePtr>();
    live->count++;
    Napi::External<Handle> external =
        Napi::External<Handle>::New(env, new Handle{&kind, memory, size, live}, Finalize);
    external.TypeTag(&kHandleTag);
    return external;
  }
  Napi::TypeError::New(env, "create(kind): unknown kind " + info[0].As<Napi::String>().Utf8Value())
      .ThrowAsJavaScriptException();
  return env.Undefined();
}

Napi::Value Free(const Napi::CallbackInfo &info) {
  Handle *handle = info.Length() == 1 ? GetHandle(info[0]) : nullptr;
  if (handle == nullptr) {
    Napi::TypeError::New(info.Env(), "free(handle): not an olm handle").ThrowAsJavaScriptException();
  } else {
    Release(handle);
  }
  return info.Env().Undefined();
}

Napi::Value LiveObjects(const Napi::CallbackInfo &info) {
  return Napi::Number::New(info.Env(), static_cast<double>((*info.Env().GetInstanceData<LivePtr>())->count));
}

// ---- Argument conversion -------------------------------------------------------------------

struct Args {
  const Napi::CallbackInfo &info;
  const char *fn;
  size_t lastBufferLength;  // byte length of the previous argument, if it was a buffer
  bool previousWasBuffer;
  bool failed;

  template <typename E> void Fail(size_t index, const std::string &what) {
    if (failed) return;
    failed = true;
    E::New(info.Env(), std::string(fn) + ": argument " + std::to_string(index) + " " + what)
        .ThrowAsJavaScriptException();
  }
};

template <typename T, typename Enable = void> struct Convert;

// size_t / uint32_t: non-negative integers; a length must fit the buffer before it.
template <typename T>
struct Convert<T, typename std::enable_if<std::is_integral<T>::value>::type> {
  static T Get(Args &args, size_t i) {
    // One N-API call checks the type and reads the value (napi_number_expected otherwise).
    double d;
    if (napi_get_value_double(args.info.Env(), args.info[i], &d) != napi_ok) {
      args.Fail<Napi::TypeError>(i, "must be a number");
      return 0;
    }
    if (!(d >= 0 && d <= 4294967295.0 && d == static_cast<double>(static_cast<uint64_t>(d)))) {
      args.Fail<Napi::RangeError>(i, "must be an integer from 0 to 2^32-1");
      return 0;
    }
    T n = static_cast<T>(d);
    if (args.previousWasBuffer && static_cast<size_t>(n) > args.lastBufferLength) {
      args.Fail<Napi::RangeError>(i, "is longer than the buffer before it");
    }
    args.previousWasBuffer = false;
    return n;
  }
};

// Pointers: Olm objects take handles of their kind, anything else takes a Uint8Array.
template <typename P> struct Convert<P *, void> {
  using T = typename std::remove_const<P>::type;
  static P *Get(Args &args, size_t i) {
    Napi::Value v = args.info[i];
    if constexpr (KindOf<T>::value >= 0) {
      args.previousWasBuffer = false;
      Handle *handle = GetHandle(v);
      if (handle == nullptr || handle->kind != &kKinds[KindOf<T>::value]) {
        args.Fail<Napi::TypeError>(i, std::string("must be a ") + kKinds[KindOf<T>::value].name + " handle");
        return nullptr;
      }
      if (handle->memory == nullptr) {
        args.Fail<Napi::Error>(i, "was already freed");
        return nullptr;
      }
      return static_cast<P *>(handle->memory);
    } else {
      return Buffer(args, i, v);
    }
  }

  static P *Buffer(Args &args, size_t i, const Napi::Value &v) {
    // One N-API call checks for a typed array and reads its type, length and data
    // (napi_invalid_arg for anything else).
    napi_typedarray_type type;
    size_t length;
    void *data;
    if (napi_get_typedarray_info(v.Env(), v, &type, &length, &data, nullptr, nullptr) != napi_ok ||
        type != napi_uint8_array) {
      args.Fail<Napi::TypeError>(i, "must be a Uint8Array");
      return nullptr;
    }
    // Byte buffers may be empty; a uint32_t * needs room for one.
    using Pointee = typename std::conditional<std::is_void<T>::value, char, T>::type;
    constexpr size_t minimum = sizeof(Pointee) == 1 ? 0 : sizeof(Pointee);
    if (length < minimum) {
      args.Fail<Napi::RangeError>(i, "is too short");
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

Napi::Value Result(Napi::Env env, size_t r) {
  return Napi::Number::New(env, r == olm_error() ? -1.0 : static_cast<double>(r));
}
Napi::Value Result(Napi::Env env, uint32_t r) { return Napi::Number::New(env, r); }
Napi::Value Result(Napi::Env env, int r) { return Napi::Number::New(env, r); }
Napi::Value Result(Napi::Env env, OlmErrorCode r) { return Napi::Number::New(env, static_cast<int>(r)); }
Napi::Value Result(Napi::Env env, const char *r) { return Napi::String::New(env, r); }

template <typename F, F *Fn> struct Wrap;
template <typename R, typename... A, R (*Fn)(A...)> struct Wrap<R(A...), Fn> {
  static Napi::Value Call(const Napi::CallbackInfo &info) {
    return Invoke(info, std::index_sequence_for<A...>{});
  }

  template <size_t... I>
  static Napi::Value Invoke(const Napi::CallbackInfo &info, std::index_sequence<I...>) {
    Napi::Env env = info.Env();
    const char *name = static_cast<const char *>(info.Data());
    if (info.Length() != sizeof...(A)) {
      Napi::TypeError::New(env, std::string(name) + ": expected " + std::to_string(sizeof...(A)) + " arguments")
          .ThrowAsJavaScriptException();
      return env.Undefined();
    }
    Args args{info, name, 0, false, false};
    // Braced initialisation converts left to right, which the length check relies on.
    std::tuple<A...> converted{Convert<A>::Get(args, I)...};
    if (args.failed) return env.Undefined();
    if constexpr (std::is_void<R>::value) {
      std::apply(Fn, converted);
      return env.Undefined();
    } else {
      return Result(env, std::apply(Fn, converted));
    }
  }
};

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("create", Napi::Function::New(env, Create, "create"));
  exports.Set("free", Napi::Function::New(env, Free, "free"));
  // Which crypto core this addon was built with, e.g. "fast: x25519-donna-c64, ..., aes-ni".
  exports.Set("primitives", Napi::String::New(env, olm_universal_primitives()));
  exports.Set("liveObjects", Napi::Function::New(env, LiveObjects, "liveObjects"));
  env.SetInstanceData(new LivePtr(std::make_shared<Live>()));
  // olm_functions.h is generated from libolm's headers by scripts/olm-functions.cjs.
#define X(fn) \
  exports.Set(#fn, Napi::Function::New(env, Wrap<decltype(fn), fn>::Call, #fn, const_cast<char *>(#fn)));
  OLM_FUNCTIONS(X)
#undef X
  return exports;
}

}  // namespace

NODE_API_MODULE(olm_native, Init)
