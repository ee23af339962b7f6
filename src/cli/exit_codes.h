#pragma once

namespace drover::cli {

// The exit codes every subcommand documents (docs/cli/*.md, "Exit codes").
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;      // The daemon reported a failure.
constexpr int kExitUsage = 2;        // Bad arguments, or an invalid config.
constexpr int kExitUnreachable = 3;  // Nothing answers on the control socket.

}  // namespace drover::cli
