# The parser is generated at build time from grammar/Flow.g4 by Debian's `antlr4` tool
# (4.7.2) and compiled against Debian's runtime (4.9). We call the `antlr4` launcher
# directly: it already carries the tool's class path, whereas Debian's antlr4-generator CMake
# helper needs ANTLR4_JAR_LOCATION and a separate class path for StringTemplate.
find_package(antlr4-runtime REQUIRED)
find_package(Java COMPONENTS Runtime REQUIRED)
find_program(FLOWC_ANTLR4_TOOL NAMES antlr4 REQUIRED
             DOC "ANTLR 4 tool launcher (Debian package antlr4)")

# flowc_antlr_generate(<target> <grammar>): a static library `<target>` with the generated
# lexer and parser. Its headers are SYSTEM includes and it carries no warnings of ours.
function(flowc_antlr_generate target grammar)
  get_filename_component(grammar_name ${grammar} NAME_WE)
  set(out_dir ${CMAKE_CURRENT_BINARY_DIR}/${target})
  set(generated
      ${out_dir}/${grammar_name}Lexer.cpp ${out_dir}/${grammar_name}Lexer.h
      ${out_dir}/${grammar_name}Parser.cpp ${out_dir}/${grammar_name}Parser.h)
  add_custom_command(
    OUTPUT ${generated}
    COMMAND ${FLOWC_ANTLR4_TOOL} -Dlanguage=Cpp -no-listener -no-visitor
            -package flowc_grammar -Xexact-output-dir -o ${out_dir} ${grammar}
    DEPENDS ${grammar}
    COMMENT "Generating the ${grammar_name} parser with ANTLR"
    VERBATIM)
  add_library(${target} STATIC ${generated})
  # clang (used for the fuzzers) rejects the 4.9 runtime's misc/InterpreterDataReader.h: it
  # default-constructs a Vocabulary whose members are const. Nothing here uses that header,
  # so clang builds see a copy of the umbrella header without it, made at configure time
  # (no vendor code is committed). This is the only compatibility shim; see
  # docs/reliability.md.
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    set(shim_dir ${CMAKE_BINARY_DIR}/antlr4-clang-shim)
    file(READ ${ANTLR4_INCLUDE_DIR}/antlr4-runtime.h umbrella)
    string(REPLACE "#include \"misc/InterpreterDataReader.h\"" "" umbrella "${umbrella}")
    file(WRITE ${shim_dir}/antlr4-runtime.h "${umbrella}")
    target_include_directories(${target} SYSTEM BEFORE PUBLIC ${shim_dir})
  endif()
  target_include_directories(${target} SYSTEM PUBLIC ${out_dir} ${ANTLR4_INCLUDE_DIR})
  # Statically: the runtime's thousands of C++ symbols no longer go through the dynamic
  # loader at every start (about 2 ms of a 25 ms check of one file; docs/performance.md).
  target_link_libraries(${target} PUBLIC antlr4_static)
  # The 4.9 runtime headers use u8"" literals as char, which C++20 made char8_t.
  target_compile_options(${target} PUBLIC -fno-char8_t PRIVATE -w)
  set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()
