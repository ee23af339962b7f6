#pragma once

#include "core/service_view.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace drover::cli {

// The `drover status` table, supervisorctl-like, one line per service:
//
//   NAME      STATE    PID   UPTIME   RESTARTS  EXIT     DESCRIPTION
//   web       RUNNING  4242  1:02:03  2         SIGKILL  pid 4242, uptime 1:02:03
//   database  EXITED   -     -        0         1        exit status 1
//
// Columns are left-aligned and separated by two spaces; the last column is
// not padded, so no line has trailing blanks. Pure: same views, same text.
std::string render_status_table(const std::vector<core::ServiceView>& views);

// "h:mm:ss" (hours are not wrapped into days): 3723 -> "1:02:03".
std::string format_uptime(int64_t seconds);

// How the last process ended: "0", "1", "SIGKILL", or "-" when none has.
std::string format_last_exit(const std::optional<core::ExitStatus>& status);

}  // namespace drover::cli
