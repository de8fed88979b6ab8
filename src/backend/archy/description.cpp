// The one edit of a finished archy flow file: its description, which deploy extends with its
// marker. FlowWriter writes the flow's kind, then `name`, then `description`, each on a line
// of its own (yaml-cpp writes a double-quoted scalar on one line, with `\n` escapes).
#include <yaml-cpp/yaml.h>

#include "backend/archy/yaml_writer.h"
#include "backend/backend.h"

namespace flowc::backend {

std::optional<std::string> ReplaceArchyDescription(
    std::string_view document, const std::function<std::string(const std::string&)>& edit) {
    std::size_t first = document.find('\n');
    std::size_t second = first == std::string_view::npos ? first : document.find('\n', first + 1);
    std::size_t third = second == std::string_view::npos ? second : document.find('\n', second + 1);
    if (third == std::string_view::npos) return std::nullopt;
    std::string_view line = document.substr(second + 1, third - second - 1);
    if (!line.starts_with("  description: ")) return std::nullopt;
    std::string description;
    try {
        YAML::Node field = YAML::Load(std::string(line.substr(2)));
        if (!field.IsMap() || !field["description"]) return std::nullopt;
        description = edit(field["description"].as<std::string>());
    } catch (const YAML::Exception&) {
        return std::nullopt;
    }
    archy::YamlWriter field;
    field.BeginMap();
    field.Field("description", description);
    field.EndMap();
    std::string written = field.Finish();  // "description: ...\n"
    while (!written.empty() && written.back() == '\n') written.pop_back();
    if (written.find('\n') != std::string::npos) return std::nullopt;
    std::string out;
    out.reserve(document.size() + description.size());
    out.append(document.substr(0, second + 1)).append("  ").append(written);
    out.append(document.substr(third));
    // Checked by reading it back: a description that did not come out as given is never sent.
    try {
        YAML::Node root = YAML::Load(out);
        if (!root.IsMap() || root.size() != 1) return std::nullopt;
        YAML::Node flow = root.begin()->second;
        if (!flow["description"] || flow["description"].as<std::string>() != description)
            return std::nullopt;
    } catch (const YAML::Exception&) {
        return std::nullopt;
    }
    return out;
}

}  // namespace flowc::backend
