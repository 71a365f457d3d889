#include "ci_output.hpp"

#include <pmo/report/findings.hpp>
#include <pmo/report/text.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <ostream>

namespace pmo::cli {

namespace {

using model::tr;

const std::vector<std::string> k_formats{"text", "json", "github", "sarif", "junit", "gitlab"};

std::string render(const std::string& format, const report::CiReport& report,
                   const OwnFormats& own) {
  if (format == "json")
    return own.json() + "\n";
  if (format == "github") {
    std::string out;
    for (const auto& finding : report.findings)
      out += report::github_annotation(finding) + "\n";
    return out;
  }
  if (format == "sarif")
    return report::sarif(report) + "\n";
  if (format == "junit")
    return report::junit(report);
  if (format == "gitlab")
    return report::gitlab_code_quality(report) + "\n";
  return own.text();
}

void write_file(const std::string& path, const std::string& text, bool append, model::Lang lang) {
  std::ofstream file(path, append ? std::ios::binary | std::ios::app
                                  : std::ios::binary | std::ios::trunc);
  if (file)
    file << text;
  if (file)
    file.close();
  if (!file)
    throw Failure(k_exit_env, tr(lang, "cannot write {}: {}", "无法写入 {}：{}",
                                 report::escape_controls(path), std::strerror(errno)));
}

} // namespace

void add_output_options(CLI::App& cmd, OutputOptions& opts, const Help& help) {
  cmd.add_option("--format", opts.format,
                 help("text (one finding a line), json, github (workflow annotations, "
                      "and a job summary in $GITHUB_STEP_SUMMARY), sarif (SARIF 2.1.0), junit "
                      "(JUnit XML), or gitlab (GitLab Code Quality)",
                      "输出格式：text（每行一项结果）、json、github（工作流注解，"
                      "并在 $GITHUB_STEP_SUMMARY 中写入作业摘要）、sarif（SARIF 2.1.0）、junit"
                      "（JUnit XML）或 gitlab（GitLab 代码质量）"))
      ->check(CLI::IsMember(k_formats))
      ->option_text("text|json|github|sarif|junit|gitlab");
  cmd.add_option("--output", opts.outputs,
                 help("Also write FORMAT to FILE (repeatable): --output sarif=pmo.sarif",
                      "同时将 FORMAT 格式写入 FILE（可重复）：--output sarif=pmo.sarif"))
      ->option_text("FORMAT=FILE")
      ->allow_extra_args(false); // one FILE per --output: what follows is PATH or RANGE
}

std::vector<std::pair<std::string, std::string>> output_files(const OutputOptions& opts,
                                                              model::Lang lang) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& spec : opts.outputs) {
    const auto eq = spec.find('=');
    const std::string format = spec.substr(0, eq);
    if (eq == std::string::npos || eq + 1 == spec.size() ||
        std::find(k_formats.begin(), k_formats.end(), format) == k_formats.end())
      throw Failure(k_exit_usage,
                    tr(lang, "--output '{}' is not FORMAT=FILE (FORMAT: {})",
                       "--output “{}”不是 FORMAT=FILE 形式（FORMAT：{}）",
                       report::escape_controls(spec), "text|json|github|sarif|junit|gitlab"));
    out.emplace_back(format, spec.substr(eq + 1));
  }
  return out;
}

void emit_outputs(Context& ctx, const OutputOptions& opts, const report::CiReport& report,
                  const OwnFormats& own) {
  const model::Lang lang = report.lang;
  const auto files = output_files(opts, lang);
  bool github = opts.format == "github";
  for (const auto& [format, path] : files) {
    std::filesystem::path where = std::filesystem::path(ctx.start_dir) / path;
    write_file(where.string(), render(format, report, own), false, lang);
    github = github || format == "github";
  }
  *ctx.out << render(opts.format, report, own);
  // GitHub shows 10 annotations of each level per step: the job summary holds them all.
  if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY"); github && summary && *summary)
    write_file(summary, report::github_summary(report), true, lang);
}

report::CiReport make_ci_report(std::string command, model::Lang lang) {
  report::CiReport report;
  report.command = std::move(command);
  report.tool_version = PMO_VERSION;
  report.home = PMO_HOMEPAGE;
  report.lang = lang;
  report.fallback_file = "pmo.yaml";
  return report;
}

} // namespace pmo::cli
