# The WebAssembly module, configured by emcmake (wasm/build.sh). Two links of the same objects:
# olm-wasm.js, an ES module factory (EXPORT_ES6) for the ES module build, bundlers and browsers,
# and cjs/olm-wasm.js, the same factory as a CommonJS module for the CommonJS build (so require()
# never needs import(); it loads in half the time). Both are for the web/worker environments:
# src/backends/wasm.ts hands them the .wasm bytes in Node. The two links emit the same .wasm
# (checked), so olm-wasm.wasm serves both. They go to OLM_WASM_OUT (build-cmake/wasm/module/),
# never to dist/ (tsc's output): wasm/build.sh and scripts/build-ts.sh copy them there.
execute_process(COMMAND node ${CMAKE_SOURCE_DIR}/scripts/olm-functions.cjs --wasm-exports
  OUTPUT_VARIABLE OLM_WASM_EXPORTS OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)

function(olm_wasm_glue target dir es6)
  add_executable(${target} ${CMAKE_SOURCE_DIR}/wasm/empty.c)
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME olm-wasm SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY ${dir})
  target_link_libraries(${target} PRIVATE olm)
  target_link_options(${target} PRIVATE
    ${OLM_OPT_LIST}
    "SHELL:-s MODULARIZE=1" "SHELL:-s EXPORT_ES6=${es6}" "SHELL:-s EXPORT_NAME=createOlmWasm"
    # No import.meta in the glue: src/backends/wasm.ts always hands it the bytes (and locates the
    # .wasm itself, in src/entry/location.ts). The glue's own new URL('olm-wasm.wasm', import.meta.url)
    # threw "Invalid URL" in bundles without import.meta.url (esbuild's IIFE), bytes given or not.
    "SHELL:-s USE_ES6_IMPORT_META=0"
    "SHELL:-s ENVIRONMENT=web,worker"
    "SHELL:-s ALLOW_MEMORY_GROWTH=1" "SHELL:-s TOTAL_STACK=65536" "SHELL:-s INITIAL_MEMORY=262144"
    # emmalloc: the smaller allocator keeps the .wasm under the reference olm.wasm (153,573 bytes).
    "SHELL:-s MALLOC=emmalloc" "SHELL:-s FILESYSTEM=0" "SHELL:-s INVOKE_RUN=0"
    "SHELL:-s EXPORTED_RUNTIME_METHODS=[]"
    "SHELL:-s EXPORTED_FUNCTIONS=${OLM_WASM_EXPORTS}")
endfunction()

set(OLM_WASM_OUT ${CMAKE_BINARY_DIR}/module CACHE PATH "output directory of olm-wasm.{js,wasm}")
olm_wasm_glue(olm_wasm ${OLM_WASM_OUT} 1)
olm_wasm_glue(olm_wasm_cjs ${CMAKE_BINARY_DIR}/cjs 0)
add_dependencies(olm_wasm_cjs olm_wasm)
add_custom_command(TARGET olm_wasm_cjs POST_BUILD
  COMMAND ${CMAKE_COMMAND} -E compare_files ${CMAKE_BINARY_DIR}/cjs/olm-wasm.wasm ${OLM_WASM_OUT}/olm-wasm.wasm
  COMMAND ${CMAKE_COMMAND} -E make_directory ${OLM_WASM_OUT}/cjs
  COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_BINARY_DIR}/cjs/olm-wasm.js ${OLM_WASM_OUT}/cjs/olm-wasm.js
  COMMAND node ${CMAKE_SOURCE_DIR}/wasm/digest.cjs ${OLM_WASM_OUT}
  VERBATIM)

# The module runs the fast core (native/crypto/, OLM_CRYPTO=fast) like the addon. A stock module
# (-DOLM_CRYPTO=stock, for comparisons) stays hardened: libolm patch 0010 forwards src/crypto.cpp's
# AES to the constant-time native/crypto/aes-ct.c (the stock native addon, the benchmark's
# unhardened column, keeps the table AES).
target_compile_definitions(olm PRIVATE OLM_UNIVERSAL_HARDENED)
target_include_directories(olm PRIVATE ${CMAKE_SOURCE_DIR}/native/crypto)

# WebAssembly SIMD128 (Node >= 16.4, Chromium >= 91, Firefox >= 89, Safari >= 16.4): the fast
# core's CBC encryption is aes-simd128.c, whose S-box lookups are i8x16.swizzle (constant time, no
# memory indexed by a secret). The whole module is then a SIMD module (engines without SIMD refuse
# it).
target_compile_options(olm PRIVATE -msimd128)

# The C baseline of the benchmark over these same objects: bench/bench.cmake (olm-bench-c-wasm).
include(${CMAKE_SOURCE_DIR}/bench/bench.cmake)
