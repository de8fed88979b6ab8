# cmake -DDOCS_DIR=... -DOUTPUT=... -P EmbedErrorDocs.cmake
# Embeds docs/errors/<CODE>.md into the binary so `flowc explain` works wherever flowc is
# installed, and the docs and the explanations can never disagree.
file(GLOB pages "${DOCS_DIR}/*.md")
list(SORT pages)
set(body "// Generated from docs/errors/*.md by cmake/EmbedErrorDocs.cmake. Do not edit.\n")
string(APPEND body "#include \"cli/explain_pages.h\"\n\nnamespace flowc {\n\n")
string(APPEND body "const std::vector<ExplainPage>& ExplainPages() {\n")
string(APPEND body "    static const std::vector<ExplainPage> pages = {\n")
foreach(page IN LISTS pages)
  get_filename_component(code "${page}" NAME_WE)
  file(READ "${page}" text)
  string(APPEND body "        {\"${code}\", R\"flowcdoc(${text})flowcdoc\"},\n")
endforeach()
string(APPEND body "    };\n    return pages;\n}\n\n}  // namespace flowc\n")
file(WRITE "${OUTPUT}.tmp" "${body}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
