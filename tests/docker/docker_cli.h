#pragma once

#include "harness/drover_instance.h"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace drover::docker_test {

// The absolute path of `name` found on $PATH, or "" (run_command execs
// without a PATH search).
std::string find_program(const std::string& name);

// Whether `path` is an ELF executable with no program interpreter, i.e. one
// that runs in an image holding no libc. False for missing or non-ELF files.
bool is_static_executable(const std::string& path);

// The static release drover: $DROVER_STATIC_BIN, else $DROVER_BIN, else the
// release preset's output (build/release/src/drover).
std::string static_drover_binary();

// The docker CLI, with a deadline on every call. The test drives the engine
// through the CLI; drover itself is only ever inside the container.
class DockerCli {
 public:
  DockerCli();

  bool found() const { return !docker_.empty(); }
  // Runs `docker args...`; stdin is /dev/null.
  e2e::CommandResult run(const std::vector<std::string>& args,
                         std::chrono::milliseconds deadline = std::chrono::seconds(60)) const;
  // Empty when an engine answers `docker info`; else why not.
  std::string engine_problem() const;

 private:
  std::string docker_;
};

// A build context in a temp dir holding the image's whole file system under
// rootfs/: /drover, /testsvc, /bin/busybox with applet symlinks, /drover.yaml,
// and empty /run, /tmp and /log.
class ImageContext {
 public:
  // `entrypoint` ends the Dockerfile (ENTRYPOINT, CMD, ENV lines).
  ImageContext(const std::string& drover, const std::string& testsvc, const std::string& busybox,
               const std::string& config_yaml,
               const std::string& entrypoint =
                   "ENTRYPOINT [\"/drover\", \"up\", \"-c\", \"/drover.yaml\"]\n");
  ~ImageContext();
  ImageContext(const ImageContext&) = delete;
  ImageContext& operator=(const ImageContext&) = delete;

  const std::string& dir() const { return dir_; }
  const std::string& problem() const { return problem_; }  // Empty when the context is complete.

 private:
  void copy_executable(const std::string& from, const std::string& to);
  std::string dir_;
  std::string problem_;
};

// What a docker suite shares: the engine check and one image built from an
// ImageContext (the static drover, testsvc, busybox and `config_yaml`).
struct SuiteImage {
  std::unique_ptr<DockerCli> docker;
  std::string problem;        // Why no engine answers; empty when one does.
  std::string build_problem;  // Why the image could not be built.
  std::string image;

  // In SetUpTestSuite: checks the engine, then builds `tag`.
  void build(const std::string& tag, const std::string& config_yaml, const std::string& entrypoint);
  // In TearDownTestSuite.
  void remove();
  // In SetUp: without an engine the test fails when DROVER_REQUIRE_DOCKER=1
  // (CI) and is skipped otherwise; a failed build fails it.
  void require() const;
};

// One line of /proc/<pid>/stat, reduced to what the tests check.
struct ProcessEntry {
  int pid = 0;
  std::string command;  // The comm field, without parentheses.
  char state = '?';
  int ppid = 0;
};

// Parses the concatenated /proc/[0-9]*/stat lines printed inside a container.
std::vector<ProcessEntry> parse_proc_stats(const std::string& text);

}  // namespace drover::docker_test
