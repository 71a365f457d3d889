#pragma once
// 资源协调 (seed 002_… §2.3: “当项目间出现资源冲突时，PMO根据项目优先级、资源可用性及组织整体利益，
// 进行资源的统筹协调”): each person's load across the projects that hold people, over-allocation
// against their capacity, and which project should yield by priority.
//
// A project holds its people from its first gate on (past the office's initial stage) until it is
// closed or rejected; on hold it keeps them. Its assignments count from `from` (default: its
// start) to `to` (default: its end), both days included; one without either date counts nowhere.
// Load is summed per calendar day.

#include <pmo/model/period.hpp>
#include <pmo/model/records.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace pmo::model {

// An FTE as people write it, to two decimals: "1", "0.5", "1.35".
std::string fte_text(double fte);

// An assignment with its dates resolved.
struct Booking {
  const Project* project = nullptr;
  const Assignment* assignment = nullptr;
  Date from{};
  Date to{};
};

// The dates an assignment covers (its own, else the project's); nullopt when either is unknown.
std::optional<Booking> booking_of(const Project& project, const Assignment& assignment);

// Whether a project's assignments count for the load now: past the initial stage, not terminal.
bool holds_people(const Office& office, const std::vector<const Decision*>& decisions, Lang lang);

// Days on which a person's load exceeds their capacity, with the same bookings throughout.
struct Overload {
  std::string person;          // person id
  const Person* who = nullptr; // nullptr: not in the roster (validate reports it)
  double capacity = 1;
  Date from{};
  Date to{};
  double load = 0;
  std::vector<Booking> parts;            // the bookings, highest-priority project first
  const Project* should_yield = nullptr; // the lowest-priority project among them
};

// Every over-allocation among the bookings of the projects `counts` accepts, by person id then
// date; consecutive days with the same bookings are one Overload. Priority is the office's
// scoring model (model/priority.hpp): the project ranked last yields.
std::vector<Overload> over_allocations(const Portfolio& portfolio,
                                       const std::function<bool(const Project&)>& counts);

// A person's bookings among the projects `counts` accepts.
std::vector<Booking> bookings_of(const Portfolio& portfolio, const std::string& person,
                                 const std::function<bool(const Project&)>& counts);

// The highest load on any day of [from, to] of these bookings.
double peak_load(const std::vector<Booking>& bookings, Date from, Date to);

// The period after `period`.
Period next_period(const Period& period);

// The projects counted for load now (holds_people), as a predicate over the portfolio.
std::function<bool(const Project&)> holding_projects(const Portfolio& portfolio, Lang lang);

// "zhangwei 1.5 FTE of 1 from 2027-01-04 to 2027-02-28: XH-2026-002 1, XH-2026-005 0.5;
// XH-2026-005 should yield (lower priority)".
std::string overload_text(const Overload& overload, Lang lang);

// Where a booking's assignment is written: assignments[i] of its project.yaml.
Location booking_location(const Booking& booking);

// What the office's baseline gate (G2: the plan becomes the baseline) meets of the plan's
// assignments: one finding per over-allocation the project takes part in, counting it with every
// project that holds people now. An error — the approval is refused — in a controlling or
// directive office, a warning in a supportive one; nothing at other gates.
std::vector<Finding> check_resources_at_gate(const Portfolio& portfolio, const Project& project,
                                             const GateDef& gate, Lang lang);

} // namespace pmo::model
