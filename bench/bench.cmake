# The plain C baseline of `olm-universal bench` (native builds only): bench/baseline.c calling
# libolm directly. olm_bench_c(<name> <olm library target>) links it against one libolm build, so
# a variant of libolm (another crypto core, say) gets its own baseline next to build/Release/olm-bench-c:
#   olm_bench_c(olm-bench-c-fast olm_fast)   ->  build/Release/olm-bench-c-fast
function(olm_bench_c name olm_library)
  add_executable(${name} ${CMAKE_SOURCE_DIR}/bench/baseline.c)
  target_link_libraries(${name} PRIVATE ${olm_library})
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
