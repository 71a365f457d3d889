#pragma once
// `pmo people list`: the roster as a table or JSON.

#include "context.hpp"

#include <pmo/model/records.hpp>

namespace pmo::cli {

void print_people(const Context& ctx, const model::Portfolio& portfolio, model::Lang lang,
                  bool json);

} // namespace pmo::cli
