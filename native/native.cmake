# The N-API addon, configured by cmake-js (which sets CMAKE_JS_INC / CMAKE_JS_SRC / CMAKE_JS_LIB).
execute_process(COMMAND node -p "require('node-addon-api').include_dir"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
  OUTPUT_VARIABLE NODE_ADDON_API_DIR OUTPUT_STRIP_TRAILING_WHITESPACE)

add_library(olm_native SHARED ${CMAKE_SOURCE_DIR}/native/addon.cc ${CMAKE_JS_SRC})
set_target_properties(olm_native PROPERTIES PREFIX "" SUFFIX ".node" CXX_VISIBILITY_PRESET hidden)
target_include_directories(olm_native PRIVATE ${CMAKE_JS_INC} ${CMAKE_SOURCE_DIR}/${NODE_ADDON_API_DIR})
target_compile_definitions(olm_native PRIVATE NAPI_VERSION=8 NAPI_DISABLE_CPP_EXCEPTIONS NODE_ADDON_API_DISABLE_DEPRECATED)
target_compile_options(olm_native PRIVATE -std=c++17 -fno-exceptions -Wall -Wextra -O3)
target_link_libraries(olm_native PRIVATE olm ${CMAKE_JS_LIB})
execute_process(COMMAND node ${CMAKE_SOURCE_DIR}/scripts/olm-functions.cjs --header ${CMAKE_BINARY_DIR}/generated
  OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
target_include_directories(olm_native PRIVATE ${CMAKE_BINARY_DIR}/generated)

include(${CMAKE_SOURCE_DIR}/bench/bench.cmake)
