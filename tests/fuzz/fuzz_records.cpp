// libFuzzer target for the record reader: the hardened YAML reader and the decoder of every kind
// of record (codec::record_kinds) on the same input, in both languages. A crash, a sanitizer
// report, an exception escaping a decoder (they never throw), or a finding without a location is
// a bug. A record that decodes cleanly
// must survive its encoder: encode, decode again, no error.

#include <pmo/codec/kinds.hpp>
#include <pmo/codec/records.hpp>
#include <pmo/codec/yaml_reader.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

namespace {

using pmo::model::Finding;
using pmo::model::Lang;

// Every finding points into the file it came from (line 0 means the whole file).
void check_located(const std::vector<Finding>& findings, const std::string& file) {
  for (const auto& finding : findings) {
    if (finding.where.file != file || finding.where.line < 0 || finding.where.column < 0 ||
        finding.message.empty()) {
      std::abort();
    }
  }
}

// A path where a file of `kind` may lie, with the ids the path gives.
pmo::codec::RecordPath sample_path(const pmo::codec::RecordKind& kind) {
  using pmo::codec::Naming;
  using pmo::codec::Place;
  const std::string dir = "projects/FZ-1/";
  switch (kind.place) {
  case Place::office:
    return {"pmo.yaml", "", ""};
  case Place::person:
    return {"people/fuzzer.yaml", "", "fuzzer"};
  case Place::project:
  case Place::project_file:
    return {dir + std::string{kind.path}, "FZ-1", ""};
  case Place::project_records:
    break;
  }
  const std::string stem = kind.naming == Naming::period     ? "2026-W47"
                           : kind.naming == Naming::decision ? "20260101T000000Z-G1-fuzzer"
                                                             : "X-00001";
  return {dir + std::string{kind.path} + "/" + stem + ".yaml", "FZ-1", stem};
}

// Every kind of record (codec::record_kinds) decodes the input; a record that decodes cleanly
// must survive its encoder: encode, decode again, no error. Failing that is a codec bug.
void round_trip(const pmo::codec::RecordKind& kind, std::string_view text, Lang lang) {
  const pmo::codec::RecordPath at = sample_path(kind);
  pmo::model::Portfolio portfolio;
  if (kind.place == pmo::codec::Place::project_file) {
    portfolio.projects.emplace_back().id = "FZ-1"; // the closure report's project
  }
  std::vector<Finding> findings;
  const bool ok = kind.decode(text, at, lang, &portfolio, findings);
  check_located(findings, at.file);
  if (!ok) {
    return;
  }
  for (const std::string& canonical : kind.encode_all(portfolio)) {
    std::vector<Finding> again;
    if (!kind.decode(canonical, at, lang, nullptr, again)) {
      std::abort();
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const Lang lang : {Lang::en, Lang::zh}) {
    const auto parsed = pmo::codec::parse_yaml(text, "fuzz.yaml", {}, lang);
    if (const auto* finding = std::get_if<Finding>(&parsed)) {
      check_located({*finding}, "fuzz.yaml");
    }
  }
  const Lang lang = size % 2 == 0 ? Lang::en : Lang::zh;
  for (const auto& kind : pmo::codec::record_kinds()) {
    round_trip(kind, text, lang);
  }
  return 0;
}
