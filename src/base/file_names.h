// Which file names a flow identifier may not have. Every backend writes a flow to
// `<Identifier>.<extension>` beside `manifest.json`; the checker refuses identifiers whose file
// would be the manifest or a Windows device, and the backends assert the same rule, so an
// output file never stands for anything but its own flow.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace flowc {

// The name of the file that lists a build's outputs, without its extension.
inline constexpr std::string_view kManifestStem = "manifest";

// True when `<stem>.json` is the manifest on a file system that ignores case (macOS, Windows).
bool IsManifestStem(std::string_view stem);

// The device `stem` names on Windows, in capitals (`CON`, `COM1`, `LPT²`, `CONIN$`, ...), or
// nullopt. Windows opens the device for `CON.json` too: the extension does not matter, nor the
// case. The list is Microsoft's "Naming Files, Paths, and Namespaces": CON, PRN, AUX, NUL,
// COM0-COM9 and LPT0-LPT9 (also with the superscript digits ¹ ² ³), CONIN$, CONOUT$ and
// CLOCK$.
std::optional<std::string> WindowsDeviceName(std::string_view stem);

// The file name (without extension) of a flow: its identifier, unchanged. The checker refused
// identifiers whose file would be the manifest or a Windows device and identifiers that
// differ only in case; one that reaches a backend anyway is a bug in flowc
// (std::logic_error), never a file that stands for another.
std::string SafeFileStem(std::string_view identifier);

}  // namespace flowc
