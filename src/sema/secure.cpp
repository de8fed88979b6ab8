#include "sema/secure.h"

namespace flowc::sema {

bool IsSecure(Type type) { return type == Type::kSecureString; }

bool MayFlowInto(Type value, Sink sink) {
    if (!IsSecure(value)) return true;
    return sink == Sink::kSecureStore || sink == Sink::kComparison;
}

std::optional<Type> JoinSecurity(Type a, Type b) {
    auto text = [](Type t) { return t == Type::kString || IsSecure(t); };
    if (!text(a) || !text(b)) return std::nullopt;
    return IsSecure(a) || IsSecure(b) ? Type::kSecureString : Type::kString;
}

std::string_view SinkPhrase(Sink sink) {
    switch (sink) {
        case Sink::kSecureStore:
            return "stored as a secure value";
        case Sink::kComparison:
            return "compared";
        case Sink::kPlainStore:
            return "passed on as plain text";
        case Sink::kPlayed:
            return "played to the caller";
        case Sink::kJoined:
            return "joined with `+`";
        case Sink::kOperator:
            return "used in arithmetic or ordering";
        case Sink::kConverted:
            return "converted";
        case Sink::kParticipantData:
            return "written to participant data";
        case Sink::kTransfer:
            return "used in a transfer";
        case Sink::kCallback:
            return "used in a callback";
        case Sink::kSwitch:
            return "switched on";
        case Sink::kCondition:
            return "used as a condition";
        case Sink::kHours:
            return "used to evaluate `hours`";
        case Sink::kOther:
            return "used by a statement that is not secure";
    }
    return "used where it is not secure";
}

std::string_view SinkHelp(Sink sink) {
    switch (sink) {
        case Sink::kPlainStore:
            return "declare the receiving variable, parameter or output `secure string`";
        case Sink::kPlayed:
            return "never read a secret back to the caller; play a confirmation that does not "
                   "contain it";
        case Sink::kParticipantData:
            return "participant data is visible to agents and reports; pass the secret to a "
                   "`secure string` data action input instead";
        case Sink::kSwitch:
        case Sink::kCondition:
            return "compare it instead: `pin == expected` is a plain `bool`";
        default:
            return "a secure value may only be stored in a `secure string` variable, "
                   "parameter or output, passed to a `secure string` input, or compared with "
                   "`==`/`!=`";
    }
}

}  // namespace flowc::sema
