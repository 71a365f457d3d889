#pragma once
// Files the CLI writes outside the git history (report --out, schema --out), each atomically.

#include <pmo/model/types.hpp>

#include <filesystem>
#include <string>

namespace pmo::cli {

// Writes `content` to `target` atomically: a temporary file in the same directory, fsync,
// rename over the target, fsync the directory. A symlink at `target` is followed (the user's
// file is replaced, the link kept); an existing file keeps its permissions. Throws a Failure
// (exit 2 when `target` is a directory, 3 when it cannot be written).
void write_atomically(std::filesystem::path target, const std::string& content, model::Lang lang);

} // namespace pmo::cli
