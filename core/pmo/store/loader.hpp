#pragma once
// Loads the whole portfolio from a Store through the codec, collecting every finding.

#include <pmo/model/records.hpp>
#include <pmo/store/store.hpp>

namespace pmo::store {

struct Loaded {
  model::Portfolio portfolio;
  std::vector<model::Finding> findings; // syntax and schema findings, per file
  bool office_ok = false;               // pmo.yaml was read and decoded without error
};

// Reads pmo.yaml, people/*.yaml, projects/*/project.yaml, projects/*/decisions/*.yaml.
// Files that fail to decode are left out of the portfolio and reported in findings.
// Unexpected files and directories under people/ and projects/ are reported as warnings.
// Files are read and decoded on several threads when the store allows it; the result (findings
// included, in order) is the same as reading them one by one.
Loaded load_portfolio(const Store& store, model::Lang lang);

// The same, but of the projects only `project`: pmo.yaml, people/ and projects/<project>/, for
// commands about one project, and the projects it depends on (its depends_on, not theirs): a
// gate decision looks at where they stand. An invalid id or a missing directory loads no project.
Loaded load_project(const Store& store, model::Lang lang, const std::string& project);

// pmo.yaml and people/ only, for writes about the office. With `project_ids`, also one Project
// per directory of projects/ with nothing but its id set (its files are not read): enough to
// tell whether an id is taken.
Loaded load_office(const Store& store, model::Lang lang, bool project_ids);

} // namespace pmo::store
