# A reproducible binary needs sources without __DATE__, __TIME__ or __TIMESTAMP__: they would
# put the build's clock into the bytes (tools/check-reproducible-build checks the rest).
file(GLOB_RECURSE sources "${SOURCE_DIR}/src/*.cpp" "${SOURCE_DIR}/src/*.h" "${SOURCE_DIR}/fuzz/*.cpp"
     "${SOURCE_DIR}/tests/*.cpp" "${SOURCE_DIR}/tests/*.h" "${SOURCE_DIR}/cmake/*.cmake")
set(problems "")
foreach(source IN LISTS sources)
  file(STRINGS "${source}" hits REGEX "__(DATE|TIME|TIMESTAMP)__")
  if(hits)
    list(APPEND problems "${source}")
  endif()
endforeach()
if(problems)
  string(REPLACE ";" "\n  " problems "${problems}")
  message(FATAL_ERROR "build timestamps in:\n  ${problems}")
endif()
