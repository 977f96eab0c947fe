{
  # node-gyp build of the addon: what `npm install` falls back to when no prebuild matches, and
  # what `npm run prebuildify` builds (in build/, node-gyp's own; cmake-js builds in build-cmake/).
  # Sources, version, flags and the function list come from the description CMakeLists.txt reads
  # too (scripts/olm-sources.cjs, scripts/olm-functions.cjs); the addon gets the fast crypto core
  # (olm-sources.cjs native = native + fast lines).
  "targets": [
    {
      "target_name": "olm",
      "type": "static_library",
      "sources": ["<!@(node scripts/olm-sources.cjs native)"],
      "include_dirs": [
        "<!@(node scripts/olm-sources.cjs --flags libolm include_dirs)",
        "<!@(node scripts/olm-sources.cjs --flags libolm private_include_dirs)"
      ],
      "defines": [
        "<!@(node scripts/olm-sources.cjs --flags libolm defines)",
        "<!@(node scripts/olm-sources.cjs --flags libolm private_defines)"
      ],
      "cflags": ["<!@(node scripts/olm-sources.cjs --flags libolm cflags)", "-fPIC"],
      "cflags_cc": ["<!@(node scripts/olm-sources.cjs --flags libolm cflags_cc)"],
      "conditions": [
        # The prebuilds load on glibc >= 2.28 (see the header).
        ["OS=='linux'", { "cflags": ["-include", "<(module_root_dir)/native/glibc-baseline.h"] }]
      ],
      # node-gyp's defaults that the description's flags replace.
      "cflags!": ["-O2"],
      "cflags_cc!": ["-std=gnu++17", "-std=gnu++20"]
    },
    {
      "target_name": "olm_native",
      "sources": ["native/addon.cc"],
      "dependencies": ["olm"],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "<!(node scripts/olm-functions.cjs --header build/generated)",
        "<!@(node scripts/olm-sources.cjs --flags addon include_dirs)"
      ],
      "defines": ["<!@(node scripts/olm-sources.cjs --flags addon defines)"],
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
      "cflags": ["<!@(node scripts/olm-sources.cjs --flags addon cflags)"],
      "cflags_cc": ["<!@(node scripts/olm-sources.cjs --flags addon cflags_cc)"],
      "cflags!": ["-O2"],
      "cflags_cc!": ["-std=gnu++17", "-std=gnu++20"]
    }
  ]
}
