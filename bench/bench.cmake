# The plain C baselines of `olm-universal bench`: bench/baseline.c calling the operations layer
# (native/ops) and libolm, with no JavaScript.
# Natively (included by native/native.cmake), olm_bench_c(<name> <olm library target>) links it
# against one libolm build, so a variant of libolm (another crypto core, say) gets its own baseline
# next to build-cmake/native/Release/olm-bench-c:
#   olm_bench_c(olm-bench-c-fast olm_fast)   ->  build-cmake/native/Release/olm-bench-c-fast
# Under emscripten (included by wasm/wasm.cmake) it is one Node program, build-cmake/wasm/bench/
# olm-bench-c-wasm.js, over the WASM module's own libolm objects and flags: "C (WASM)", the WASM
# backend's limit.
if(EMSCRIPTEN)
  add_executable(olm-bench-c-wasm ${CMAKE_SOURCE_DIR}/bench/baseline.c)
  target_link_libraries(olm-bench-c-wasm PRIVATE olm)
  target_include_directories(olm-bench-c-wasm PRIVATE ${CMAKE_SOURCE_DIR}/native/crypto ${CMAKE_SOURCE_DIR}/native/ops)
  set(OLM_BENCH_WASM_DIR ${CMAKE_BINARY_DIR}/bench)
  set_target_properties(olm-bench-c-wasm PROPERTIES LINKER_LANGUAGE CXX SUFFIX ".js"
    RUNTIME_OUTPUT_DIRECTORY ${OLM_BENCH_WASM_DIR})
  target_compile_options(olm-bench-c-wasm PRIVATE ${OLM_OPT_LIST} -msimd128 -std=c11 -Wall -Wextra)
  # The module's runtime settings (wasm/wasm.cmake: allocator, stack, memory), as a program Node
  # runs: main() reads argv, prints the JSON and exits with its status. Synchronous compilation:
  # emscripten 3.1's asynchronous path fetch()es the .wasm by file path in Node >= 18 and fails.
  target_link_options(olm-bench-c-wasm PRIVATE
    ${OLM_OPT_LIST}
    "SHELL:-s ENVIRONMENT=node" "SHELL:-s EXIT_RUNTIME=1" "SHELL:-s WASM_ASYNC_COMPILATION=0"
    "SHELL:-s ALLOW_MEMORY_GROWTH=1" "SHELL:-s TOTAL_STACK=65536" "SHELL:-s INITIAL_MEMORY=262144"
    "SHELL:-s MALLOC=emmalloc" "SHELL:-s FILESYSTEM=0")
  # The repository's package.json says "type": "module": this glue is CommonJS.
  file(WRITE ${OLM_BENCH_WASM_DIR}/package.json "{ \"type\": \"commonjs\" }\n")
  return()
endif()

function(olm_bench_c name olm_library)
  add_executable(${name} ${CMAKE_SOURCE_DIR}/bench/baseline.c)
  target_link_libraries(${name} PRIVATE ${olm_library})
  # wipe.h (fast_wipe, as the addon and libolm's seam wipe) and the operations layer's ops.h (its
  # functions are in every libolm build: olm-sources.txt).
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/native/crypto ${CMAKE_SOURCE_DIR}/native/ops)
  # libolm is C++: link with the C++ driver. -O3 as the olm library target itself is compiled.
  set_target_properties(${name} PROPERTIES LINKER_LANGUAGE CXX
    RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/Release)
  target_compile_options(${name} PRIVATE -O3 -std=c11 -Wall -Wextra)
endfunction()

olm_bench_c(olm-bench-c olm)
# With the fast crypto core, libolm's stock core is built beside it (olm_stock): its baseline too.
if(TARGET olm_stock)
  olm_bench_c(olm-bench-c-stock olm_stock)
endif()
if(TARGET olm_unhardened)
  olm_bench_c(olm-bench-c-unhardened olm_unhardened)
endif()
