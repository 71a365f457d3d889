#pragma once
// Single YAML scalars as text, for templates: they read back as exactly the value given.

#include <string>
#include <string_view>

namespace pmo::codec {

// Plain when that is safe, double-quoted otherwise (never spans lines).
std::string yaml_scalar(std::string_view text);
// Safe inside a flow collection ({name: ...}): also quotes , [ ] { } : ? #.
std::string yaml_flow_scalar(std::string_view text);
// 1200000, not 1.2e+06; 0.5 stays 0.5.
std::string yaml_number(double value);

} // namespace pmo::codec
