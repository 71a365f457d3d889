#pragma once
// The report formats of validate and verify: --format FORMAT for stdout and --output FORMAT=FILE
// (repeatable) for files, so one run feeds annotations, a job summary and report artifacts.

#include "commands.hpp"

#include <pmo/report/ci.hpp>

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace pmo::cli {

struct OutputOptions {
  std::string format = "text";
  std::vector<std::string> outputs; // "FORMAT=FILE"
};

// Registers --format and --output on `cmd`.
void add_output_options(CLI::App& cmd, OutputOptions& opts, const Help& help);

// The --output files as (format, path); a usage Failure for a malformed one.
std::vector<std::pair<std::string, std::string>> output_files(const OutputOptions& opts,
                                                              model::Lang lang);

// How a command renders the formats it owns (text and json); the others come from the report.
struct OwnFormats {
  std::function<std::string()> text; // lines, each ending in '\n'
  std::function<std::string()> json;
};

// Writes the --format to ctx.out and each --output to its file (relative to where pmo was
// started); with the github format and $GITHUB_STEP_SUMMARY set, appends the job summary there.
void emit_outputs(Context& ctx, const OutputOptions& opts, const report::CiReport& report,
                  const OwnFormats& own);

// The CiReport's fields every command fills the same way (version, home page, language).
report::CiReport make_ci_report(std::string command, model::Lang lang);

} // namespace pmo::cli
