#include "api/rpc_command_check.h"

#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

namespace drover::api::rpc {
namespace {

std::string search_path(const core::ServiceSpec& spec) {
  for (const auto& [name, value] : spec.env) {
    if (name == "PATH") {
      return value;
    }
  }
  const char* path = std::getenv("PATH");
  return path ? path : "/usr/local/bin:/usr/bin:/bin";
}

std::string quoted(const std::string& text) { return "'" + text + "'"; }

}  // namespace

std::optional<Fault> check_command(const core::ServiceSpec& spec) {
  if (spec.runtime != core::RuntimeKind::Process || spec.argv.empty()) {
    return std::nullopt;  // Containers and remote runtimes have no local program.
  }
  const std::string& program = spec.argv[0];
  std::string file = program;
  if (program.find('/') == std::string::npos) {
    std::string dirs = search_path(spec);
    for (size_t start = 0; start <= dirs.size();) {
      size_t colon = dirs.find(':', start);
      std::string dir = dirs.substr(start, colon - start);
      std::string candidate = (dir.empty() ? "." : dir) + "/" + program;
      struct stat info {};
      if (stat(candidate.c_str(), &info) == 0) {
        file = candidate;
        break;
      }
      start = colon == std::string::npos ? dirs.size() + 1 : colon + 1;
    }
  } else if (program.front() != '/' && !spec.working_dir.empty()) {
    file = spec.working_dir + "/" + program;
  }
  struct stat info {};
  if (stat(file.c_str(), &info) != 0) {
    return fault(kNoFile, "can't find command " + quoted(program));
  }
  if (S_ISDIR(info.st_mode)) {
    return fault(kNotExecutable, "command at " + quoted(file) + " is a directory");
  }
  if ((info.st_mode & 0111) == 0) {
    return fault(kNotExecutable, "command at " + quoted(file) + " is not executable");
  }
  return std::nullopt;
}

}  // namespace drover::api::rpc
