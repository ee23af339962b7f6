#pragma once

#include "core/model.h"

#include <string>
#include <vector>

// The OpenSSH client command lines drover runs (decision 0018): one master
// connection per host (ControlMaster) that every session of that host's
// services is multiplexed over. Pure, so the options are unit-tested.
namespace drover::runtime::remote {

// What identifies one master connection: the destination and the options
// that change how it is made. Services that agree on all of it share one.
std::string connection_key(const core::RemoteSpec& remote);

// "user@address:port" as far as it is known, for messages.
std::string describe_destination(const core::RemoteSpec& remote);

// The line the master prints (through LocalCommand) once it is connected
// and authenticated.
inline constexpr const char* kMasterReady = "drover-ssh-ready";

// `ssh -M -N`: the master. It stays in the foreground (drover's child), so
// its exit is how drover learns that the connection is gone; keepalives
// find a dead peer within about 15 s.
std::vector<std::string> master_argv(const core::RemoteSpec& remote,
                                     const std::string& control_path);

// One session over the master: `ssh -T ... -- destination command`.
std::vector<std::string> session_argv(const core::RemoteSpec& remote,
                                      const std::string& control_path,
                                      const std::string& remote_command);

// A shell command line (for /bin/sh -c) that prints the host key
// fingerprints the host offers ("256 SHA256:... (ED25519)"), for the
// message when its key is unknown.
std::vector<std::string> fingerprint_argv(const core::RemoteSpec& remote);

}  // namespace drover::runtime::remote
