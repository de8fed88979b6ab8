# `flowc check --dump-model --dump-graph` prints the same bytes with one thread and with
# four, over a build of many files (${INPUTS}, a ;-list run from ${SOURCE_DIR}).
foreach(jobs 1 4)
  execute_process(COMMAND "${FLOWC}" check --dump-model --dump-graph -j ${jobs} ${INPUTS}
                  WORKING_DIRECTORY "${SOURCE_DIR}" OUTPUT_VARIABLE dump_${jobs}
                  ERROR_VARIABLE diagnostics RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "flowc check -j ${jobs} exited with ${rc}:\n${diagnostics}")
  endif()
endforeach()
string(LENGTH "${dump_1}" size)
if(size LESS 10000)
  message(FATAL_ERROR "the dump of ${INPUTS} is only ${size} bytes: the inputs are missing")
endif()
if(NOT dump_1 STREQUAL dump_4)
  file(WRITE "${OUT}/dump-j1.txt" "${dump_1}")
  file(WRITE "${OUT}/dump-j4.txt" "${dump_4}")
  execute_process(COMMAND diff -u "${OUT}/dump-j1.txt" "${OUT}/dump-j4.txt"
                  OUTPUT_VARIABLE difference)
  message("${difference}")
  message(FATAL_ERROR "-j 1 and -j 4 dump differently (diff above)")
endif()
