// Helpers for the Docker PID-1 test: finding the docker CLI and the static
// binaries, laying out an image's file system, and reading /proc listings
// taken inside the container. No mocks: everything here drives the real
// engine through the real CLI.
#include "docker_cli.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <elf.h>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace drover::docker_test {
namespace fs = std::filesystem;

std::string find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return "";
}

bool is_static_executable(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  Elf64_Ehdr header{};
  if (!file.read(reinterpret_cast<char*>(&header), sizeof header) ||
      std::string(reinterpret_cast<char*>(header.e_ident), 4) !=
          "\x7f"
          "ELF" ||
      header.e_ident[EI_CLASS] != ELFCLASS64) {
    return false;
  }
  for (int i = 0; i < header.e_phnum; ++i) {
    Elf64_Phdr program{};
    file.seekg(static_cast<std::streamoff>(header.e_phoff + i * header.e_phentsize));
    if (!file.read(reinterpret_cast<char*>(&program), sizeof program)) {
      return false;
    }
    if (program.p_type == PT_INTERP) {
      return false;
    }
  }
  return true;
}

std::string static_drover_binary() {
  for (const char* variable : {"DROVER_STATIC_BIN", "DROVER_BIN"}) {
    const char* value = std::getenv(variable);
    if (value != nullptr && *value != '\0') {
      return value;
    }
  }
  return DROVER_RELEASE_BINARY;
}

DockerCli::DockerCli() : docker_(find_program("docker")) {}

e2e::CommandResult DockerCli::run(const std::vector<std::string>& args,
                                  std::chrono::milliseconds deadline) const {
  std::vector<std::string> argv{docker_};
  argv.insert(argv.end(), args.begin(), args.end());
  // The classic builder: it needs no buildx plugin and works offline.
  return e2e::run_command(argv, deadline, {"DOCKER_BUILDKIT=0"});
}

std::string DockerCli::engine_problem() const {
  if (!found()) {
    return "no `docker` CLI on PATH (Debian package docker.io)";
  }
  e2e::CommandResult info =
      run({"info", "--format", "{{.ServerVersion}}"}, std::chrono::seconds(20));
  if (info.exit_code != 0 || info.out.empty()) {
    return "`docker info` failed (exit " + std::to_string(info.exit_code) + "): " + info.err;
  }
  return "";
}

ImageContext::ImageContext(const std::string& drover, const std::string& testsvc,
                           const std::string& busybox, const std::string& config_yaml,
                           const std::string& entrypoint) {
  char name[] = "/tmp/dv-img-XXXXXX";
  dir_ = ::mkdtemp(name);
  fs::path root = fs::path(dir_) / "rootfs";
  for (const char* sub : {"bin", "run", "tmp", "log", "etc"}) {
    fs::create_directories(root / sub);
  }
  copy_executable(drover, "rootfs/drover");
  copy_executable(testsvc, "rootfs/testsvc");
  copy_executable(busybox, "rootfs/bin/busybox");
  for (const char* applet : {"sh", "cat", "ls", "ps", "sleep", "true", "echo"}) {
    fs::create_symlink("busybox", root / "bin" / applet);
  }
  std::ofstream(root / "etc" / "passwd") << "root:x:0:0:root:/:/bin/sh\n";
  std::ofstream(root / "etc" / "group") << "root:x:0:\n";
  std::ofstream(root / "drover.yaml") << config_yaml;
  std::ofstream(fs::path(dir_) / "Dockerfile") << "FROM scratch\n"
                                                  "COPY rootfs/ /\n"
                                                  "ENV PATH=/bin\n"
                                               << entrypoint;
}

ImageContext::~ImageContext() {
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

void ImageContext::copy_executable(const std::string& from, const std::string& to) {
  if (!is_static_executable(from)) {
    problem_ += from + " is missing or not a static executable; ";
    return;
  }
  fs::path target = fs::path(dir_) / to;
  std::error_code error;
  fs::copy_file(from, target, fs::copy_options::overwrite_existing, error);
  if (error) {
    problem_ += "cannot copy " + from + ": " + error.message() + "; ";
    return;
  }
  fs::permissions(target, fs::perms(0755), error);
}

std::vector<ProcessEntry> parse_proc_stats(const std::string& text) {
  std::vector<ProcessEntry> entries;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    size_t open = line.find('(');
    size_t close = line.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close < open) {
      continue;
    }
    ProcessEntry entry;
    entry.pid = std::atoi(line.c_str());
    entry.command = line.substr(open + 1, close - open - 1);
    std::istringstream rest(line.substr(close + 1));
    rest >> entry.state >> entry.ppid;
    entries.push_back(entry);
  }
  return entries;
}

void SuiteImage::build(const std::string& tag, const std::string& config_yaml,
                       const std::string& entrypoint) {
  docker = std::make_unique<DockerCli>();
  problem = docker->engine_problem();
  if (!problem.empty()) {
    return;
  }
  image = tag;
  ImageContext context(static_drover_binary(), e2e::testsvc_binary(), "/bin/busybox", config_yaml,
                       entrypoint);
  if (!context.problem().empty()) {
    build_problem = context.problem() + "(run `tools/build release` first)";
    return;
  }
  e2e::CommandResult built = docker->run({"build", "-q", "-t", image, context.dir()});
  if (built.exit_code != 0) {
    build_problem = "docker build failed: " + built.err;
  }
}

void SuiteImage::remove() {
  if (docker && problem.empty()) {
    docker->run({"rmi", "-f", image});
  }
  docker.reset();
}

void SuiteImage::require() const {
  if (!problem.empty()) {
    const char* required = std::getenv("DROVER_REQUIRE_DOCKER");
    if (required != nullptr && std::string(required) == "1") {
      FAIL() << "No Docker engine: " << problem;
    }
    GTEST_SKIP() << "No Docker engine: " << problem;
  }
  ASSERT_TRUE(build_problem.empty()) << build_problem;
}

}  // namespace drover::docker_test
