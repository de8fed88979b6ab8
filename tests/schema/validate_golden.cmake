# Validates every golden case's expected output against the schema.
file(GLOB cases LIST_DIRECTORIES true "${SOURCE_DIR}/tests/golden/*")
set(dirs "")
foreach(case IN LISTS cases)
  if(IS_DIRECTORY "${case}/expected")
    list(APPEND dirs "${case}/expected")
  endif()
endforeach()
execute_process(COMMAND python3 "${SOURCE_DIR}/tests/schema/validate.py" "${SOURCE_DIR}/schema" ${dirs}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "schema validation failed")
endif()
