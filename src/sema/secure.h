// The secure-value rule (LANGUAGE.md v2, "Secure values"), in one place: every construct that
// moves a value somewhere asks it, so a new construct (a `?:`, a data action input) gets the
// rule by naming its sink instead of re-deriving it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "sema/model.h"

namespace flowc::sema {

// Where a value goes. The first two are the only places a secure value may go.
enum class Sink : std::uint8_t {
    kSecureStore,      // a `secure string` variable, output, parameter or data action input
    kComparison,       // an operand of `==` / `!=` (the `bool` result is not secure)
    kPlainStore,       // a variable, output, parameter or data action input that is not secure
    kPlayed,           // `play`, the prompt of `menu` or `collect`
    kJoined,           // an operand of `+`
    kOperator,         // an operand of any other operator
    kConverted,        // an argument of a built-in function
    kParticipantData,  // `contact.attributes.K = e`
    kTransfer,         // a transfer's queue, number, priority, skills, ...
    kCallback,         // a callback's queue, number or name
    kSwitch,           // a `switch` subject
    kCondition,        // an `if` condition, or the condition of `c ? a : b`
    kHours,            // the groups of `hours`
    kOther,            // any other statement's operand (`repeat`, `hold`, `language`, ...)
};

bool IsSecure(Type type);
// The type a store declared `target` keeps when it receives a value of `value`'s type: plain
// text may become secure (`var pin: secure string = "";`), never the other way.
bool MayFlowInto(Type value, Sink sink);
// Of `c ? a : b` and every other join of two text values: secure when either is; nullopt when
// one of them is not text (`string` or `secure string`), which is the caller's other case.
std::optional<Type> JoinSecurity(Type a, Type b);
// "played to the caller", "joined with `+`": ends the sentence "the secure value would be ...".
std::string_view SinkPhrase(Sink sink);
// How to do what the user meant without the secret going there.
std::string_view SinkHelp(Sink sink);

}  // namespace flowc::sema
