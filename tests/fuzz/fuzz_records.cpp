// libFuzzer target for the record reader: the hardened YAML reader and every record decoder on
// the same input, in both languages. A crash, a sanitizer report, an exception escaping a decoder
// (they never throw), or a finding without a location is a bug. A record that decodes cleanly
// must survive its encoder: encode, decode again, no error.

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

// A decoded record that its own encoder cannot round-trip is a codec bug.
template <class Decode, class Encode>
void round_trip(const Decode& decode, const Encode& encode, std::string_view text,
                const std::string& file) {
  auto first = decode(text, file);
  check_located(first.findings, file);
  if (!first.ok()) {
    return;
  }
  const std::string canonical = encode(first.value);
  auto second = decode(canonical, file);
  if (!second.ok()) {
    std::abort();
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
  namespace codec = pmo::codec;
  const Lang lang = size % 2 == 0 ? Lang::en : Lang::zh;
  round_trip(
      [&](std::string_view t, const std::string& f) { return codec::decode_office(t, f, lang); },
      [](const auto& v) { return codec::encode_office(v); }, text, "pmo.yaml");
  round_trip([&](std::string_view t,
                 const std::string& f) { return codec::decode_person(t, f, "fuzzer", lang); },
             [](const auto& v) { return codec::encode_person(v); }, text, "people/fuzzer.yaml");
  round_trip([&](std::string_view t,
                 const std::string& f) { return codec::decode_project(t, f, "FZ-1", lang); },
             [](const auto& v) { return codec::encode_project(v); }, text,
             "projects/FZ-1/project.yaml");
  round_trip([&](std::string_view t,
                 const std::string& f) { return codec::decode_decision(t, f, "FZ-1", lang); },
             [](const auto& v) { return codec::encode_decision(v); }, text,
             "projects/FZ-1/decisions/20260101T000000Z-G1-fuzzer.yaml");
  round_trip(
      [&](std::string_view t, const std::string& f) { return codec::decode_closure(t, f, lang); },
      [](const auto& v) { return codec::encode_closure(v); }, text, "projects/FZ-1/closure.yaml");
  round_trip(
      [&](std::string_view t, const std::string& f) {
        return codec::decode_status_report(t, f, "FZ-1", "2026-W47", lang);
      },
      [](const auto& v) { return codec::encode_status_report(v); }, text,
      "projects/FZ-1/status/2026-W47.yaml");
  round_trip([&](std::string_view t,
                 const std::string& f) { return codec::decode_risk(t, f, "FZ-1", "R-001", lang); },
             [](const auto& v) { return codec::encode_risk(v); }, text,
             "projects/FZ-1/risks/R-001.yaml");
  round_trip([&](std::string_view t,
                 const std::string& f) { return codec::decode_issue(t, f, "FZ-1", "I-001", lang); },
             [](const auto& v) { return codec::encode_issue(v); }, text,
             "projects/FZ-1/issues/I-001.yaml");
  round_trip(
      [&](std::string_view t, const std::string& f) {
        return codec::decode_change(t, f, "FZ-1", "CR-001", lang);
      },
      [](const auto& v) { return codec::encode_change(v); }, text,
      "projects/FZ-1/changes/CR-001.yaml");
  return 0;
}
