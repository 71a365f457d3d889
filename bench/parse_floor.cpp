// pmo-bench-parse-floor DIR — the floor for `pmo validate`: reads every *.yaml file under DIR
// (pmo.yaml, people/, projects/) and parses it with yaml-cpp, single-threaded, doing nothing
// else. Prints the number of files and nodes so the work cannot be optimised away.

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace {

std::size_t count_nodes(const YAML::Node& node) {
  std::size_t n = 1;
  if (node.IsSequence() || node.IsMap())
    for (const auto& child : node)
      n += node.IsMap() ? count_nodes(child.first) + count_nodes(child.second) : count_nodes(child);
  return n;
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: pmo-bench-parse-floor DIR\n";
    return 2;
  }
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  const fs::path root = argv[1];
  files.push_back(root / "pmo.yaml");
  for (const char* dir : {"people", "projects"})
    for (const auto& entry : fs::recursive_directory_iterator(root / dir))
      if (entry.is_regular_file() && entry.path().extension() == ".yaml")
        files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::size_t nodes = 0;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    nodes += count_nodes(YAML::Load(text));
  }
  std::cout << files.size() << " files, " << nodes << " nodes\n";
  return 0;
}
