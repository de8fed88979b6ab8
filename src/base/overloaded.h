// `std::visit(Overloaded{[](const A&) {...}, [](const B&) {...}}, v)`: one lambda per
// alternative, so that a visit over a variant reads as a switch over its kinds.
#pragma once

namespace flowc {

template <class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

}  // namespace flowc
