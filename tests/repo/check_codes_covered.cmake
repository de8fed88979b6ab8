# Every code in src/diag/codes.def needs docs/errors/<CODE>.md and a test that expects it
# (an annotation `[CODE]` under tests/diagnostics, or the code in tests/cli, tests/deploy or
# the bad-input catalogue's expectations). The internal
# error code cannot be provoked on purpose and is exempt from the test requirement.
file(STRINGS "${SOURCE_DIR}/src/diag/codes.def" lines REGEX "^FLOWC_DIAG\\(")
file(GLOB_RECURSE test_files "${SOURCE_DIR}/tests/diagnostics/*.flow" "${SOURCE_DIR}/tests/cli/*.cpp"
     "${SOURCE_DIR}/tests/deploy/*.py" "${SOURCE_DIR}/tests/bad-inputs/expected/*.txt")
set(all_tests "")
foreach(test_file IN LISTS test_files)
  file(READ "${test_file}" text)
  string(APPEND all_tests "${text}")
endforeach()
set(problems "")
foreach(line IN LISTS lines)
  string(REGEX MATCH "[EW][0-9][0-9][0-9][0-9]" code "${line}")
  if(NOT EXISTS "${SOURCE_DIR}/docs/errors/${code}.md")
    list(APPEND problems "${code}: no docs/errors/${code}.md")
  endif()
  if(NOT code STREQUAL "E9901")
    string(FIND "${all_tests}" "[${code}]" at)
    if(at EQUAL -1)
      list(APPEND problems "${code}: no test expects it")
    endif()
  endif()
endforeach()
if(problems)
  string(REPLACE ";" "\n  " problems "${problems}")
  message(FATAL_ERROR "diagnostic codes without docs or tests:\n  ${problems}")
endif()
