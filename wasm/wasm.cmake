# The WebAssembly module, configured by emcmake (wasm/build.sh). Output: dist/olm-wasm.js, an
# ES module factory for the web/worker environments (src/backend-wasm.ts hands it the .wasm bytes
# in Node), and dist/olm-wasm.wasm beside it.
execute_process(COMMAND node ${CMAKE_SOURCE_DIR}/scripts/olm-functions.cjs --wasm-exports
  OUTPUT_VARIABLE OLM_WASM_EXPORTS OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)

add_executable(olm_wasm ${CMAKE_SOURCE_DIR}/wasm/empty.c)
set_target_properties(olm_wasm PROPERTIES
  OUTPUT_NAME olm-wasm SUFFIX ".js"
  RUNTIME_OUTPUT_DIRECTORY ${CMAKE_SOURCE_DIR}/dist)
target_link_libraries(olm_wasm PRIVATE olm)
target_link_options(olm_wasm PRIVATE
  -O3
  "SHELL:-s MODULARIZE=1" "SHELL:-s EXPORT_ES6=1" "SHELL:-s EXPORT_NAME=createOlmWasm"
  "SHELL:-s ENVIRONMENT=web,worker"
  "SHELL:-s ALLOW_MEMORY_GROWTH=1" "SHELL:-s TOTAL_STACK=65536" "SHELL:-s INITIAL_MEMORY=262144"
  # emmalloc: the smaller allocator keeps the .wasm under the reference olm.wasm (153,573 bytes).
  "SHELL:-s MALLOC=emmalloc" "SHELL:-s FILESYSTEM=0" "SHELL:-s INVOKE_RUN=0"
  "SHELL:-s EXPORTED_RUNTIME_METHODS=[]"
  "SHELL:-s EXPORTED_FUNCTIONS=${OLM_WASM_EXPORTS}")
