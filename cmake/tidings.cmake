# tidings_add_module(<name> [DEPS targets...] [PRIVATE_DEPS targets...])
#
# Builds src/<name>/*.cc (without tests) into the static library
# tidings_<name>, and the tests beside them into executables registered with
# CTest:
#   *_test.cc               -> tidings_<name>_test         label "unit"
#   *_integration_test.cc   -> tidings_<name>_integration   label "integration"
#   *_eval_test.cc          -> tidings_<name>_eval          label "eval"
#   *_slow_test.cc          -> tidings_<name>_slow          label "slow"
# Files are globbed, so adding a file needs no CMake edit.
function(tidings_add_module name)
  cmake_parse_arguments(ARG "" "" "DEPS;PRIVATE_DEPS;TEST_DEPS" ${ARGN})
  file(GLOB all_sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*.cc")
  set(lib_sources ${all_sources})
  list(FILTER lib_sources EXCLUDE REGEX "_test\\.cc$")
  list(FILTER lib_sources EXCLUDE REGEX "_fuzz\\.cc$")
  list(FILTER lib_sources EXCLUDE REGEX "/main\\.cc$")
  set(target tidings_${name})
  if(lib_sources)
    add_library(${target} STATIC ${lib_sources})
    target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${target} PUBLIC ${ARG_DEPS}
                          PRIVATE ${ARG_PRIVATE_DEPS})
  else()
    # A header-only module.
    add_library(${target} INTERFACE)
    target_include_directories(${target} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${target} INTERFACE ${ARG_DEPS})
  endif()

  set(test_sources ${all_sources})
  list(FILTER test_sources INCLUDE REGEX "_test\\.cc$")
  foreach(kind integration eval slow)
    set(kind_sources_${kind} ${test_sources})
    list(FILTER kind_sources_${kind} INCLUDE REGEX "_${kind}_test\\.cc$")
    list(FILTER test_sources EXCLUDE REGEX "_${kind}_test\\.cc$")
  endforeach()
  set(kind_sources_unit ${test_sources})
  foreach(kind unit integration eval slow)
    if(kind_sources_${kind})
      if(kind STREQUAL "unit")
        set(exe tidings_${name}_test)
      else()
        set(exe tidings_${name}_${kind})
      endif()
      tidings_add_test_executable(${exe} ${kind}
        SOURCES ${kind_sources_${kind}} DEPS ${target} ${ARG_TEST_DEPS})
    endif()
  endforeach()

  # Fuzz targets (*_fuzz.cc) build only with TIDINGS_FUZZ (clang libFuzzer).
  file(GLOB fuzz_sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*_fuzz.cc")
  if(TIDINGS_FUZZ)
    foreach(src ${fuzz_sources})
      get_filename_component(fuzz_name ${src} NAME_WE)
      add_executable(${fuzz_name} ${src})
      target_link_libraries(${fuzz_name} PRIVATE ${target})
      target_compile_options(${fuzz_name} PRIVATE -fsanitize=fuzzer)
      target_link_options(${fuzz_name} PRIVATE -fsanitize=fuzzer)
    endforeach()
  endif()
endfunction()

# tidings_add_test_executable(<exe> <label> SOURCES ... DEPS ...)
function(tidings_add_test_executable exe label)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${exe} ${ARG_SOURCES})
  target_link_libraries(${exe} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock
                        GTest::gtest_main)
  target_compile_definitions(${exe} PRIVATE
    TIDINGS_DEFAULT_DATA_DIR="${TIDINGS_DATA_DIR}"
    TIDINGS_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    TIDINGS_BINARY="$<TARGET_FILE:tidings>")
  set(timeout 300)
  if(label STREQUAL "eval" OR label STREQUAL "slow")
    set(timeout 3600)
  endif()
  gtest_discover_tests(${exe}
    DISCOVERY_MODE PRE_TEST
    EXTRA_ARGS --gtest_shuffle
    PROPERTIES LABELS ${label} TIMEOUT ${timeout}
               ENVIRONMENT "TIDINGS_DATA=${TIDINGS_DATA_DIR}")
endfunction()
