# FLOWC_WERROR: warnings are errors in CI (the CI environment variable set, as CI services
# set it, to a value CMake does not read as false) and in a developer's build from a git
# checkout, where a new warning must be fixed at once. A packager's build from a release
# tarball leaves it OFF, so that a distribution's newer compiler, with warnings this code
# never met, does not break the build. -DFLOWC_WERROR=ON or OFF decides it either way; the
# choice is cached with the build directory.
set(flowc_ci "$ENV{CI}")
if(flowc_ci OR EXISTS "${PROJECT_SOURCE_DIR}/.git")  # `CI=false` or `CI=0` is not CI
  set(flowc_werror_default ON)
else()
  set(flowc_werror_default OFF)
endif()
option(FLOWC_WERROR "Treat warnings in flowc's own code as errors" ${flowc_werror_default})

# flowc_set_warnings(target): the warning set for our own code. Generated code never gets it.
function(flowc_set_warnings target)
  if(FLOWC_WERROR)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wshadow -Wnon-virtual-dtor)
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wnon-virtual-dtor)
  endif()
  # GCC 12 at -O3 (Release) reports -Wrestrict on `"text" + std::string` inside libstdc++
  # (GCC bug 105651, a false positive fixed in GCC 13); with -Werror it breaks Release builds.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
endfunction()
