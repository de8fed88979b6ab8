# One dump file test (tests/unit/sema/, tests/unit/lower/): `flowc check --dump-${DUMP}` of
# ${CASES}/${CASE}.flow, or of the directory ${CASES}/${CASE}/ when the case has several
# files, compared byte for byte with ${CASES}/${CASE}.txt. FLOWC_UPDATE_GOLDEN=1 rewrites
# the .txt on purpose (review the diff).
if(IS_DIRECTORY "${CASES}/${CASE}")
  set(input "${CASE}")
else()
  set(input "${CASE}.flow")
endif()
# Relative paths from the cases' folder: the dump names files as they were given.
execute_process(COMMAND "${FLOWC}" check --dump-${DUMP} -j 1 "${input}"
                WORKING_DIRECTORY "${CASES}" OUTPUT_VARIABLE actual ERROR_VARIABLE diagnostics
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "flowc check ${input} exited with ${rc}:\n${diagnostics}")
endif()
set(expected_file "${CASES}/${CASE}.txt")
if("$ENV{FLOWC_UPDATE_GOLDEN}" STREQUAL "1")
  file(WRITE "${expected_file}" "${actual}")
  return()
endif()
if(NOT EXISTS "${expected_file}")
  message(FATAL_ERROR "${expected_file} is missing; run with FLOWC_UPDATE_GOLDEN=1 to create it")
endif()
file(READ "${expected_file}" expected)
if(NOT actual STREQUAL expected)
  set(actual_file "${OUT}/${DUMP}.${CASE}.txt")
  file(WRITE "${actual_file}" "${actual}")
  execute_process(COMMAND diff -u "${expected_file}" "${actual_file}" OUTPUT_VARIABLE difference)
  # Plain message(): FATAL_ERROR would re-wrap the diff's lines.
  message("${difference}")
  message(FATAL_ERROR "--dump-${DUMP} of ${input} changed (diff above); if the change is "
                      "intended, rerun with FLOWC_UPDATE_GOLDEN=1 and review the diff of "
                      "${expected_file}")
endif()
