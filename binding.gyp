{
  # node-gyp build of the addon: what `npm install` falls back to when no prebuild matches.
  # Sources, version and the function list come from the same places CMakeLists.txt reads; the
  # addon gets the fast crypto core (olm-sources.cjs native = native + fast lines).
  "targets": [
    {
      "target_name": "olm",
      "type": "static_library",
      "sources": ["<!@(node scripts/olm-sources.cjs native)"],
      "include_dirs": ["vendor/olm/include", "vendor/olm/lib"],
      "defines": ["OLM_STATIC_DEFINE", "NDEBUG", "<!@(node scripts/olm-sources.cjs native --defines)"],
      "cflags": ["-O3", "-fPIC"],
      "cflags_cc": ["-std=c++11", "-fno-exceptions", "-fno-rtti"],
      "conditions": [
        # The prebuilds load on glibc >= 2.28 (see the header).
        ["OS=='linux'", { "cflags": ["-include", "<(module_root_dir)/native/glibc-baseline.h"] }]
      ],
      "cflags!": ["-O2"],
      "cflags_cc!": ["-std=gnu++17", "-std=gnu++20"],
      "direct_dependent_settings": {
        "include_dirs": ["vendor/olm/include"],
        "defines": ["OLM_STATIC_DEFINE"]
      }
    },
    {
      "target_name": "olm_native",
      "sources": ["native/addon.cc"],
      "dependencies": ["olm"],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "<!(node scripts/olm-functions.cjs --header build/generated)"
      ],
      "defines": ["NAPI_VERSION=8", "NAPI_DISABLE_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "conditions": [
        # Only the N-API entry point is exported: libolm's and the crypto core's symbols stay
        # inside the addon (a shared object exporting them could be interposed or called).
        # glibc-baseline.h: pthread_once's original version is libpthread's before glibc 2.34, so
        # on glibc the addon names libpthread.so.0 (musl has none).
        ["OS=='linux'", {
          "cflags": ["-include", "<(module_root_dir)/native/glibc-baseline.h"],
          "ldflags": ["-Wl,--exclude-libs,ALL"],
          "libraries": ["<!@(node -p \"process.report.getReport().header.glibcVersionRuntime ? '-Wl,--no-as-needed,-l:libpthread.so.0,--as-needed' : ''\")"]
        }]
      ],
      "cflags": ["-O3", "-Wall", "-Wextra"],
      "cflags_cc": ["-std=c++17", "-fno-exceptions"],
      "cflags!": ["-O2"],
      "cflags_cc!": ["-std=gnu++17", "-std=gnu++20"]
    }
  ]
}
