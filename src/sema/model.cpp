#include "sema/model.h"

#include "ast/flow_literal.h"

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
                return ast::QuoteFlowString(v);
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
