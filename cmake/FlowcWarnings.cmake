# flowc_set_warnings(target): the warning set for our own code. Generated code never gets it.
function(flowc_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wshadow -Wnon-virtual-dtor)
  # GCC 12 at -O3 (Release) reports -Wrestrict on `"text" + std::string` inside libstdc++
  # (GCC bug 105651, a false positive fixed in GCC 13); with -Werror it breaks Release builds.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
endfunction()
