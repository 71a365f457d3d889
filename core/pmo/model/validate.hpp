#pragma once
// The semantic checks of `pmo validate`: references between records, the office's process
// configuration, and the consistency of every decision log (gate order, authority, quorum).
// Syntax and schema findings come from the codec; these run on what decoded.

#include <pmo/model/records.hpp>

#include <vector>

namespace pmo::model {

std::vector<Finding> validate_office(const Office& office, Lang lang);
std::vector<Finding> validate_portfolio(const Portfolio& portfolio, Lang lang);

// The checks that need today's date (validate passes its clock's): what cannot be true yet is an
// error (a status report for a period that has not started, a closure that ended or started
// after today); what is unlikely is a warning (a report for a period that ended before the
// project's planned start).
std::vector<Finding> validate_dates(const Portfolio& portfolio, Date today, Lang lang);

// Dates of a project's plan (and closure) that are possible but unlikely, as warnings: a date more
// than 10 years before or after today (1990 for 2026: a typo in the year), a plan of more than 10
// years. propose and close print them; validate reports them (in validate_dates).
std::vector<Finding> unlikely_dates(const Project& project, Date today, Lang lang);

} // namespace pmo::model
