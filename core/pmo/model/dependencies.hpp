#pragma once
// 项目间依赖 (seed 000_…: “识别和管理项目之间的依赖关系”): which projects another one needs,
// whether they are there yet, and cycles among them.
//
// A dependency on a stage is met once the project needed is at that stage or past it in the
// lifecycle (the office's initial stage, then what each gate enters, in gate order); one on a
// milestone once the project needed is closed, or is executing (past its baseline gate) and the
// milestone's date — its latest forecast, else the plan — has come. pmo records no completion of a
// milestone: its date passing while the project runs is what counts.

#include <pmo/model/records.hpp>

#include <optional>
#include <string>
#include <vector>

namespace pmo::model {

// The stages of the lifecycle in order: the initial one, then what each gate enters.
std::vector<std::string> stage_order(const Office& office);

struct Blocker {
  const Project* project = nullptr; // the project that waits
  const Dependency* dependency = nullptr;
  const Project* needed = nullptr;    // nullptr: not in the portfolio
  std::string needed_stage;           // the stage it must reach (resolved: never empty for a stage)
  std::string stage_now;              // where it is
  std::optional<Date> milestone_date; // for a milestone: when it is due now
  bool on_hold = false;               // the project needed is on hold
};

// "XH-2026-003 数据中台一期: needs its milestone 数据集成完成 (due 2027-02-28); now executing,
// on hold", in `lang` (user text as written: the caller escapes for its medium).
std::string blocker_text(const Blocker& blocker, Lang lang);

// What a gate decision on `project` meets of its dependencies on `today`: one finding per
// dependency not met. From the office's baseline gate on (the gate that starts execution, and
// every later one) it is an error — the approval is refused — in a controlling or directive office
// and a warning in a supportive one; before it (the plan may still wait), always a warning.
std::vector<Finding> check_dependencies_at_gate(const Portfolio& portfolio, const Project& project,
                                                const GateDef& gate, Date today, Lang lang);

// What `project` waits for on `today`: its dependencies not yet met.
std::vector<Blocker> blockers(const Portfolio& portfolio, const Project& project, Date today,
                              Lang lang);

// Every cycle of depends_on, each once, as the ids around it starting from the lowest
// ("A", "B", "C" for A → B → C → A).
std::vector<std::vector<std::string>> dependency_cycles(const Portfolio& portfolio);

} // namespace pmo::model
