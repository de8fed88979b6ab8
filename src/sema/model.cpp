#include "sema/model.h"

namespace flowc::sema {

std::string_view TypeName(Type type) {
    switch (type) {
        case Type::kString:
            return "string";
        case Type::kInt:
            return "int";
        case Type::kDecimal:
            return "decimal";
        case Type::kBool:
            return "bool";
        case Type::kError:
            return "<error>";
    }
    return "<error>";
}

std::string LiteralSource(const Literal& literal) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string>) {
                std::string out = "\"";
                for (char c : v) {
                    switch (c) {
                        case '"':
                            out += "\\\"";
                            break;
                        case '\\':
                            out += "\\\\";
                            break;
                        case '\n':
                            out += "\\n";
                            break;
                        case '\t':
                            out += "\\t";
                            break;
                        default:
                            out += c;
                    }
                }
                return out + "\"";
            } else if constexpr (std::is_same_v<T, DecimalText>) {
                return v.text;
            } else if constexpr (std::is_same_v<T, bool>) {
                return v ? "true" : "false";
            } else {
                return std::to_string(v);
            }
        },
        literal.value);
}

}  // namespace flowc::sema
