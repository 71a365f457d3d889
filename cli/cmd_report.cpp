// pmo report — the portfolio report in Markdown (or JSON): counts by stage with a chart, the
// project table, proposals awaiting a decision, and the decisions of the last 30 days from git.

#include "commands.hpp"
#include "reading.hpp"
#include "render_json.hpp"
#include "render_markdown.hpp"

#include <pmo/report/portfolio.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <ostream>
#include <sys/stat.h>
#include <unistd.h>

namespace pmo::cli {

namespace {

namespace fs = std::filesystem;
using model::Lang;
using model::tr;

constexpr int k_recent_days = 30;

struct ReportOptions {
  std::string out;
  bool json = false;
};

[[noreturn]] void cannot_write(const fs::path& path, int error, Lang lang) {
  throw Failure(k_exit_env, tr(lang, "cannot write {}: {}", "无法写入 {}：{}", path.string(),
                               std::strerror(error)));
}

// Writes `content` to `target` atomically: a temporary file in the same directory, fsync,
// rename over the target, fsync the directory. A symlink at `target` is followed (the user's
// file is replaced, the link kept); an existing file keeps its permissions.
void write_atomically(fs::path target, const std::string& content, Lang lang) {
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(target, ec)))
    target = fs::weakly_canonical(target, ec);
  auto status = fs::status(target, ec);
  if (fs::is_directory(status))
    throw Failure(k_exit_usage, tr(lang, "{} is a directory; --out needs a file name",
                                   "{} 是目录；--out 需要文件名", target.string()));
  fs::path dir = target.parent_path();
  if (dir.empty())
    dir = ".";

  mode_t mode = 0;
  struct stat existing {};
  if (::stat(target.c_str(), &existing) == 0) {
    mode = existing.st_mode & 07777;
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode = static_cast<mode_t>(0666 & ~mask);
  }

  std::string temp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  int fd = ::mkstemp(temp.data());
  if (fd < 0)
    cannot_write(target, errno, lang);
  auto fail = [&](int error) {
    ::close(fd);
    ::unlink(temp.c_str());
    cannot_write(target, error, lang);
  };
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t written = ::write(fd, data, left);
    if (written < 0) {
      if (errno == EINTR)
        continue;
      fail(errno);
    }
    data += written;
    left -= static_cast<std::size_t>(written);
  }
  if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0)
    fail(errno);
  if (::close(fd) != 0) {
    int error = errno;
    ::unlink(temp.c_str());
    cannot_write(target, error, lang);
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    int error = errno;
    ::unlink(temp.c_str());
    cannot_write(target, error, lang);
  }
  int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd); // best effort: the file itself is complete either way
    ::close(dir_fd);
  }
}

int run(Context& ctx, const ReportOptions& opts) {
  Reading r = read_working_tree(ctx);
  Lang lang = r.lang;
  History history = read_history(r.ws, lang, ctx.clock.now - std::chrono::days{k_recent_days});
  auto data =
      report::build_report(r.loaded.portfolio, history.records ? &*history.records : nullptr,
                           ctx.clock, lang, k_recent_days);
  const int year = model::year_of(ctx.clock.now);
  const auto commits = report_commits(r.ws, lang, year);
  data.kpis =
      model::compute_kpis(r.loaded.portfolio, year, ctx.clock, commits ? &*commits : nullptr, lang);
  ReportSource source;
  source.in_git = r.ws.repo.has_value();
  source.head = r.ws.repo ? r.ws.repo->head_id() : std::string{};
  source.history_note = history.unavailable;
  source.unreadable_files = r.unreadable_files;

  std::string text =
      opts.json
          ? dump_json(report_json(data, source.head, source.history_note, source.unreadable_files))
          : render_markdown_report(data, source);
  if (opts.out.empty()) {
    *ctx.out << text;
    return r.exit_code();
  }
  // Relative to where pmo was started (-C DIR counts as the start), like every path argument.
  fs::path target =
      fs::path(opts.out).is_absolute() ? fs::path(opts.out) : fs::path(ctx.start_dir) / opts.out;
  write_atomically(target, text, lang);
  if (!ctx.quiet)
    *ctx.err << tr(lang, "Wrote {} ({}).\n", "已写入 {}（{}）。\n", opts.out,
                   model::counted(lang, data.total, "{} project", "{} projects", "{} 个项目"));
  return r.exit_code();
}

} // namespace

void add_report(CLI::App& app, Action& action, const Help& help) {
  auto opts = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      help("The portfolio report in Markdown: stages, projects, proposals, recent decisions",
           "Markdown 格式的项目组合报告：阶段、项目、项目建议书、近期决策"));
  cmd->add_option("--out", opts->out,
                  help("Write the report to FILE (atomically) instead of stdout",
                       "将报告写入该文件（原子写入），而不是输出到标准输出"))
      ->option_text(help("FILE", "文件"));
  cmd->add_flag("--json", opts->json, help("The report's data as JSON", "以 JSON 输出报告的数据"));
  cmd->callback([&action, opts] { action = [opts](Context& ctx) { return run(ctx, *opts); }; });
}

} // namespace pmo::cli
