// pmo: the Project Management Office, as code. The whole command line lives in the pmo_cli
// library (cli/app.cpp); this is only the process's entry point.

#include "app.hpp"

#include <filesystem>
#include <iostream>
#include <unistd.h>

int main(int argc, char** argv) {
  pmo::cli::Invocation invocation;
  invocation.args.assign(argv + 1, argv + argc);
  std::error_code ec;
  invocation.start_dir = std::filesystem::current_path(ec).string();
  invocation.out = &std::cout;
  invocation.err = &std::cerr;
  invocation.terminal = isatty(STDERR_FILENO) != 0;
  return pmo::cli::run(invocation);
}
