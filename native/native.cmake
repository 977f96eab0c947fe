# The N-API addon, configured by cmake-js (which sets CMAKE_JS_INC / CMAKE_JS_SRC / CMAKE_JS_LIB).
# build-cmake/native/Release/olm_native.node (package.json's build:native: cmake-js --out; node-gyp
# has build/ to itself) runs the OLM_CRYPTO core; with the fast core, the stock one is
# built beside it as olm_native_stock.node (for the benchmark), from the same addon object.
execute_process(COMMAND node -p "require('node-addon-api').include_dir"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
  OUTPUT_VARIABLE NODE_ADDON_API_DIR OUTPUT_STRIP_TRAILING_WHITESPACE)
# The function and kind lists (olm_functions.h, olm_kinds.h), from libolm's headers.
execute_process(COMMAND node ${CMAKE_SOURCE_DIR}/scripts/olm-functions.cjs --header ${CMAKE_BINARY_DIR}/generated
  OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/scripts/olm-functions.cjs)

add_library(olm_addon OBJECT ${CMAKE_SOURCE_DIR}/native/addon.cc)
set_target_properties(olm_addon PROPERTIES CXX_VISIBILITY_PRESET hidden POSITION_INDEPENDENT_CODE ON)
# Its flags: scripts/olm-sources.cjs --flags addon (as binding.gyp's).
target_include_directories(olm_addon PRIVATE ${CMAKE_JS_INC} ${CMAKE_SOURCE_DIR}/${NODE_ADDON_API_DIR}
  ${CMAKE_BINARY_DIR}/generated ${OLM_addon_include_dirs})
target_compile_definitions(olm_addon PRIVATE ${OLM_addon_defines})
target_compile_options(olm_addon PRIVATE ${OLM_addon_cflags} ${OLM_addon_cflags_cc})

function(olm_addon name library)
  add_library(${name} SHARED $<TARGET_OBJECTS:olm_addon> ${CMAKE_JS_SRC})
  set_target_properties(${name} PROPERTIES PREFIX "" SUFFIX ".node")
  target_link_libraries(${name} PRIVATE ${library} ${CMAKE_JS_LIB})
  # Only the N-API entry point is exported: libolm's and the crypto core's symbols stay inside.
  if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    target_link_options(${name} PRIVATE -Wl,--exclude-libs,ALL)
  endif()
endfunction()
olm_addon(olm_native olm)

if(OLM_CRYPTO STREQUAL "fast")
  # The benchmark's stock columns: libolm's portable crypto and its table base64, as upstream
  # ships them (the parser and Ed25519/X25519 fixes stay: they cost nothing measurable).
  olm_library(olm_stock stock unhardened)
  olm_addon(olm_native_stock olm_stock)
  # The fast core with libolm's table base64: its C baseline ("C (unhardened)") beside plain "C"
  # shows what the hardening costs on each row.
  olm_library(olm_unhardened fast unhardened)
  olm_addon(olm_native_unhardened olm_unhardened)

  # Test programs (run by test/crypto-core.test.ts). crypto-kat checks the seam against published
  # vectors, once per core; crypto-diff calls libolm's portable _olm_crypto_* and the fast
  # fast_crypto_* side by side. It links both archives: a member is only pulled for a symbol still
  # missing, so _olm_crypto_* come from libolm_stock's crypto.cpp and the fast primitives from
  # libolm's native/crypto objects (its seam.c, defining _olm_crypto_* too, is never pulled).
  foreach(program crypto-kat crypto-kat-stock crypto-diff)
    string(REPLACE "-stock" "" source ${program})
    add_executable(${program} ${CMAKE_SOURCE_DIR}/native/crypto/test/${source}.c)
    set_target_properties(${program} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/Release)
    target_compile_options(${program} PRIVATE -O2 -Wall -Wextra)
  endforeach()
  # The programs that force the portable paths compile their own cpu.c with the test switch
  # (FAST_CRYPTO_TESTING); the archive's copy, as shipped, has none, and is then never pulled.
  foreach(program crypto-kat crypto-diff)
    target_sources(${program} PRIVATE ${CMAKE_SOURCE_DIR}/native/crypto/cpu.c)
    target_compile_definitions(${program} PRIVATE FAST_CRYPTO_TESTING)
  endforeach()
  target_compile_definitions(crypto-kat PRIVATE OLM_FAST_CORE)
  target_link_libraries(crypto-kat PRIVATE olm)
  target_link_libraries(crypto-kat-stock PRIVATE olm_stock)
  target_link_libraries(crypto-diff PRIVATE olm_stock olm olm_stock)
endif()

include(${CMAKE_SOURCE_DIR}/bench/bench.cmake)
