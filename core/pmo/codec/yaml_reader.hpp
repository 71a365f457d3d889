#pragma once
// The one hardened entry point from untrusted text to a yaml-cpp tree: libyaml scans and parses
// (a quarter of yaml-cpp's cost), the decoders read yaml-cpp nodes. One event pass enforces
// size cap, one document, no anchors or aliases, nesting depth cap, node count cap, no duplicate
// mapping keys, and builds the tree as it goes. Every failure is a Finding with file, line, column.

#include <pmo/model/types.hpp>

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <variant>

namespace pmo::codec {

struct ReadLimits {
  std::size_t max_bytes = 4 * 1024 * 1024; // a record is a few KiB; 4 MiB is generous
  int max_depth = 64;
  std::size_t max_nodes = 200000;
};

// Parses one YAML document. An empty document yields a Null node (the caller's decoder says
// whether that is allowed). On failure returns the finding (code "yaml-syntax", "yaml-limit",
// "yaml-alias", "yaml-duplicate-key", "yaml-multi-document", "yaml-encoding"), its message in
// `lang`. Lines count line feeds; columns count bytes, as before libyaml (which counts characters).
std::variant<YAML::Node, model::Finding> parse_yaml(std::string_view text, const std::string& file,
                                                    const ReadLimits& limits = {},
                                                    model::Lang lang = model::Lang::en);

// 1-based location of a node's start.
model::Location location_of(const YAML::Node& node, const std::string& file);

} // namespace pmo::codec
