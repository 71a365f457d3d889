#pragma once
// The semantic checks of `pmo validate`: references between records, the office's process
// configuration, and the consistency of every decision log (gate order, authority, quorum).
// Syntax and schema findings come from the codec; these run on what decoded.

#include <pmo/model/records.hpp>

#include <vector>

namespace pmo::model {

std::vector<Finding> validate_office(const Office& office, Lang lang);
std::vector<Finding> validate_portfolio(const Portfolio& portfolio, Lang lang);

} // namespace pmo::model
