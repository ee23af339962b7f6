#pragma once

#include "harness/drover_instance.h"
#include "harness/supervisord_instance.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace drover::e2e {

// One supervisord config for the drop-in tests, and the YAML twin drover
// reads until its INI reader lands (issue 6, point 1). `programs` is INI
// ([program:x] sections); `yaml` the same programs as drover services.
// Both may use @DIR@ for their instance dir.
struct PairConfig {
  std::string programs;
  std::string yaml;
};

// drover and the real supervisord, each in its own dir, running the same
// config, so that supervisorctl's output can be compared command by command.
class SupervisordPair {
 public:
  // When drover reads supervisord.conf itself, this becomes true: both then
  // run the very same file and the YAML twin is no longer used.
  static constexpr bool kDroverReadsIni = true;

  bool start(const PairConfig& config);
  void rewrite(const PairConfig& config);  // For reread/update.

  DroverInstance drover;
  SupervisordInstance supervisord;
};

// Digits become "N", so pids, uptimes and dates compare equal.
std::string mask_numbers(const std::string& text);
std::string sorted_lines(const std::string& text);

// An XML-RPC request body calling `method` with string `params`, as
// supervisorctl would send it (the text is not escaped).
std::string rpc_call(const std::string& method, const std::vector<std::string>& params);

// A file's whole text ("" when it cannot be read).
std::string read_all(const std::string& path);

// An event listener (python3) that speaks supervisord's protocol and appends
// "EVENTNAME payload" per event to the file named by its first argument,
// newlines shown as '|'. With `kill_parent_on_fatal` it also TERMs its
// parent (the daemon) on PROCESS_STATE_FATAL, as images commonly do.
std::string recording_listener_script(bool kill_parent_on_fatal);

// Polls getProcessInfo until `name` is in `state` ("RUNNING").
bool wait_rpc_state(const std::string& socket, const std::string& name, const std::string& state);

// Runs supervisorctl `args` against both and expects the same exit code and
// the same masked output (line order ignored with `any_order`, for commands
// whose results come back in completion order).
void expect_same_output(SupervisordPair& pair, const std::vector<std::string>& args,
                        bool any_order = false);

}  // namespace drover::e2e
