// Where `check --fix-imports` puts the import lines a file lacks, decided on the file's
// bytes alone: after its last import, or, in a file without imports, at the top after a
// leading comment block (never between a `///` doc comment and its declaration), with the
// file's own line endings.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace flowc {

// `bytes` with `lines` (each a whole `import "...";`, without a line ending; sorted, as a
// set keeps them) added. `after_imports`: the offset in `bytes` of the end of the last
// import's path literal, when the file has imports.
std::string WithImportLines(std::string_view bytes, std::optional<std::size_t> after_imports,
                            const std::set<std::string>& lines);

}  // namespace flowc
