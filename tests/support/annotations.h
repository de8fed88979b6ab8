// The diagnostics-test format: expectations live in comments beside the offending line.
//
//   play "hi"            // error[E0101]: expected `;`
//   // error@+1[E0101]: expected `;`      (@+N / @-N: relative line; clang's -verify)
//                        // help: every simple statement     (attaches to the one above)
//
// Grammar: `// (error|warning|note|help)(@[+-]N)?(\[CODE\])?(@[+-]N)?: <substring>`.
// An annotation alone on its line with no offset refers to the nearest line above that is
// not itself only an annotation (rustc's `//~^`). `note` matches a label or a note of the
// preceding error/warning annotation's diagnostic; `help` matches its help line.
// Unmatched diagnostics and unmatched annotations both fail. Files named `ok_*.flow` must
// produce no diagnostics; any other file must contain at least one annotation. A line
// `// flowc-target: archy` also runs that backend, whose target rules report diagnostics.
#pragma once

#include <string>
#include <vector>

namespace flowc::testing {

// Runs the front end over the test file's text and returns one message per failure; empty
// means the test passes.
std::vector<std::string> CheckAnnotatedFile(const std::string& name, const std::string& text);

}  // namespace flowc::testing
