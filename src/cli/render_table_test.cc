#include "cli/render_table.h"

#include <gtest/gtest.h>

namespace drover::cli {
namespace {

core::ServiceView view(std::string name, core::State state, int pid, int64_t uptime,
                       std::optional<core::ExitStatus> last_exit, std::string description) {
  core::ServiceView v;
  v.name = std::move(name);
  v.state = state;
  v.pid = pid;
  v.uptime_seconds = uptime;
  v.last_exit = last_exit;
  v.description = std::move(description);
  return v;
}

TEST(RenderTableTest, GoldenTable) {
  std::vector<core::ServiceView> views = {
      view("web", core::State::Running, 4242, 3723, core::ExitStatus{0, 9},
           "pid 4242, uptime 1:02:03"),
      view("database-migrations", core::State::Exited, 0, 0, core::ExitStatus{1, 0},
           "exit status 1"),
      view("worker", core::State::Stopped, 0, 0, std::nullopt, ""),
      view("api", core::State::Backoff, 0, 0, core::ExitStatus{0, 0}, "exited too quickly"),
  };
  views[0].restarts = 2;
  views[3].restarts = 12;
  EXPECT_EQ(
      render_status_table(views),
      "NAME                 STATE    PID   UPTIME   RESTARTS  EXIT     DESCRIPTION\n"
      "web                  RUNNING  4242  1:02:03  2         SIGKILL  pid 4242, uptime 1:02:03\n"
      "database-migrations  EXITED   -     -        0         1        exit status 1\n"
      "worker               STOPPED  -     -        0         -\n"
      "api                  BACKOFF  -     -        12        0        exited too quickly\n");
}

TEST(RenderTableTest, NoServicesIsJustTheHeader) {
  EXPECT_EQ(render_status_table({}), "NAME  STATE  PID  UPTIME  RESTARTS  EXIT  DESCRIPTION\n");
}

TEST(RenderTableTest, FormatsUptime) {
  EXPECT_EQ(format_uptime(0), "0:00:00");
  EXPECT_EQ(format_uptime(59), "0:00:59");
  EXPECT_EQ(format_uptime(61), "0:01:01");
  EXPECT_EQ(format_uptime(3723), "1:02:03");
  EXPECT_EQ(format_uptime(100 * 3600 + 5), "100:00:05");  // Hours do not wrap into days.
  EXPECT_EQ(format_uptime(-5), "0:00:00");
}

TEST(RenderTableTest, FormatsLastExit) {
  EXPECT_EQ(format_last_exit(std::nullopt), "-");
  EXPECT_EQ(format_last_exit(core::ExitStatus{0, 0}), "0");
  EXPECT_EQ(format_last_exit(core::ExitStatus{127, 0}), "127");
  EXPECT_EQ(format_last_exit(core::ExitStatus{0, 15}), "SIGTERM");
}

}  // namespace
}  // namespace drover::cli
