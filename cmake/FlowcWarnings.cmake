# flowc_set_warnings(target): the warning set for our own code. Generated code never gets it.
function(flowc_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wshadow -Wnon-virtual-dtor)
endfunction()
