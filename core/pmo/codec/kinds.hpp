#pragma once
// The kinds of record, as data: where a kind's files lie in the portfolio, how they are named,
// the kind's field table, and how one of its files is decoded into the portfolio. The loader,
// validate's count of files, the fuzzer and the schema export iterate over this one table, so a
// kind added here is read, counted, fuzzed and described everywhere; nothing else lists kinds.

#include <pmo/codec/records.hpp>
#include <pmo/model/fields.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pmo::codec {

enum class Place {
  office,          // pmo.yaml
  person,          // people/<person-id>.yaml
  project,         // projects/<project-id>/project.yaml
  project_file,    // projects/<project-id>/<path>: one file per project (closure.yaml)
  project_records, // projects/<project-id>/<path>/<name>.yaml: many per project
};

// How a file of project_records is named.
enum class Naming {
  id,       // <id>.yaml, the record's id (R-k3x9q)
  period,   // <period>.yaml, a reporting period (2026-W47, 2026-11)
  decision, // <stamp>-<gate>-<person>.yaml
};

// A file of a record, as its path names it.
struct RecordPath {
  std::string file;    // repository-relative: "projects/EX-1/risks/R-k3x9q.yaml"
  std::string project; // the project's id; empty for pmo.yaml and people/
  std::string stem;    // the file name without ".yaml": a person id, a record id or a period
};

struct RecordKind {
  std::string_view name; // "risk": also the word of control.while_on_hold for control records
  Place place;
  std::string_view path; // "pmo.yaml", "people", "project.yaml", "closure.yaml", "risks"
  Naming naming;
  std::string_view form_en; // the file name's form, for messages: "<risk-id>.yaml"
  std::string_view form_zh;
  const model::RecordFields& (*fields)();
  // Decodes `text` into its findings. When no finding is an error and `into` is given, puts the
  // record where it belongs there: its list of the portfolio, the office, or (closure) the
  // project's record, which must then be the last of into->projects. Returns whether the record
  // is usable.
  bool (*decode)(std::string_view text, const RecordPath& at, model::Lang lang,
                 model::Portfolio* into, std::vector<model::Finding>& findings);
  // Each record of this kind in `portfolio`, encoded as its file holds it.
  std::vector<std::string> (*encode_all)(const model::Portfolio& portfolio);
  // The files of this kind's records in `portfolio`, appended to `out`.
  void (*files)(const model::Portfolio& portfolio, std::vector<std::string>& out);
  // The number of this kind's records in the portfolio's own list of them (0 for the office,
  // and for the closure report, which travels with its project).
  std::size_t (*count)(const model::Portfolio& portfolio);
  // Makes room in the portfolio's list of this kind for `total` records (same exceptions).
  void (*reserve)(model::Portfolio& portfolio, std::size_t total);
  // Moves this kind's records from `from` to the end of `into`'s list of them (same exceptions).
  void (*move)(model::Portfolio& from, model::Portfolio& into);
};

// Every kind, in the order the loader reads a portfolio: pmo.yaml, people/, then per project
// project.yaml, closure.yaml and the record directories.
std::span<const RecordKind> record_kinds();
const RecordKind& record_kind(Place place);                // the first kind at that place
const RecordKind* find_record_kind(std::string_view name); // by name, or nullptr

// Where a kind's JSON Schema lies in a portfolio (`pmo init` writes it, `pmo schema --out` too):
// ".pmo/schema/risk.json".
inline constexpr std::string_view k_schema_dir = ".pmo/schema";
std::string schema_path(const RecordKind& kind);
// The first line of every record pmo writes, which points an editor (yaml-language-server) at the
// kind's schema, relative to the record's directory:
// "# yaml-language-server: $schema=../../../.pmo/schema/risk.json\n" for a risk.
std::string schema_modeline(const RecordKind& kind);
// The same, by kind name ("risk"); throws std::logic_error for a name not in the table.
std::string schema_modeline(std::string_view kind);

// The files of every record of the portfolio, pmo.yaml included, each once, sorted.
std::vector<std::string> record_files(const model::Portfolio& portfolio);

} // namespace pmo::codec
