#pragma once
// The whole command line as a library call: parse the global options, dispatch to one command,
// turn every failure into a message on `err` and an exit code. main() only calls this; tests
// call it in-process.

#include <iosfwd>
#include <string>
#include <vector>

namespace pmo::cli {

struct Invocation {
  std::vector<std::string> args; // argv without the program name
  std::string start_dir;         // where pmo was started (the current directory)
  std::ostream* out = nullptr;   // data
  std::ostream* err = nullptr;   // messages
  bool terminal = false;         // whether `err` is a terminal (colour)
};

int run(const Invocation& invocation);

} // namespace pmo::cli
