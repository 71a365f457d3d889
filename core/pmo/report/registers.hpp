#pragma once
// The registers of project control as lists: the risk register (风险登记册), the issue log
// (问题日志) and the change log (变更日志), of one project or of the whole portfolio. Open entries
// first, in the order status shows them; with `all`, the closed ones after them (closed risks,
// resolved issues, change requests the CCB approved or rejected), most recently closed first.
// Change states come from the portfolio's decisions, which the caller has taken from the ledger.

#include <pmo/model/control.hpp>

#include <optional>
#include <string>
#include <vector>

namespace pmo::report {

struct RiskLine {
  const model::Risk* risk = nullptr;
  bool escalated = false; // open, at or over the office's threshold
};

struct IssueLine {
  const model::Issue* issue = nullptr;
  bool overdue = false; // open and past its due date
};

struct ChangeLine {
  model::ChangeState state;
  bool open = true; // not approved nor rejected: pending, sent back or on hold
};

struct Registers {
  std::vector<RiskLine> risks;
  std::vector<IssueLine> issues;
  std::vector<ChangeLine> changes;
  // What `all` would add (counted whether or not it is listed).
  int closed_risks = 0;
  int resolved_issues = 0;
  int decided_changes = 0;
};

// The registers of `project`, or of every project (by id) when it is null.
Registers registers(const model::Portfolio& portfolio, const model::Project* project, bool all,
                    model::Date today, model::Lang lang);

} // namespace pmo::report
