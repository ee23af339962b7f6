// Scheduled services through the real binary (issue #9): runs happen on
// their own, concurrency and max_runtime act, `drover trigger` runs one now.
// Waits are generous and nothing asserts exact timing.
#include "harness/drover_instance.h"

#include <gtest/gtest.h>

#include <ctime>
#include <signal.h>

namespace drover::e2e {
namespace {

using std::chrono::seconds;

// A job that appends a line to runs.txt, then sleeps `sleep` seconds.
std::string job(DroverInstance& drover, const std::string& name, int sleep,
                const std::string& extra = "") {
  return "  " + name + ":\n    command: [\"sh\", \"-c\", \"echo run >> " +
         drover.path(name + ".runs") + "; sleep " + std::to_string(sleep) +
         "\"]\n    schedule: '@every 2s'\n" + extra;
}

size_t runs_recorded(DroverInstance& drover, const std::string& name) {
  std::string text = drover.read_file(name + ".runs");
  size_t lines = 0;
  for (char c : text) {
    lines += c == '\n' ? 1 : 0;
  }
  return lines;
}

int64_t int_field(DroverInstance& drover, const std::string& name, const char* field) {
  boost::json::object entry = drover.service(name);
  return entry.contains(field) ? entry.at(field).as_int64() : -1;
}

std::string string_field(DroverInstance& drover, const std::string& name, const char* field) {
  boost::json::object entry = drover.service(name);
  return entry.contains(field) ? std::string(entry.at(field).as_string()) : "";
}

TEST(ScheduleTest, AnEveryJobRunsRepeatedlyAndNotAtStart) {
  DroverInstance drover;
  drover.write_config("services:\n" + job(drover, "tick", 0));
  ASSERT_TRUE(drover.start());
  // Not run at start: the first run is due 2s after start-up.
  EXPECT_EQ(runs_recorded(drover, "tick"), 0u);
  EXPECT_GT(int_field(drover, "tick", "next_run_at"), static_cast<int64_t>(std::time(nullptr)) - 1);
  EXPECT_TRUE(wait_until([&] { return runs_recorded(drover, "tick") >= 3; }, seconds(30)));
  EXPECT_TRUE(wait_until(
      [&] {
        return string_field(drover, "tick", "last_run_result") == "completed (exit status 0)";
      },
      seconds(20)));
  EXPECT_GE(int_field(drover, "tick", "last_run_duration_ms"), 0);
  EXPECT_GT(int_field(drover, "tick", "last_run_at"), 0);
  EXPECT_EQ(string_field(drover, "tick", "schedule"), "@every 2s");
  // next_run_at is in the future (a second of slack for the clock's tick).
  EXPECT_GE(int_field(drover, "tick", "next_run_at"), static_cast<int64_t>(std::time(nullptr)));
  CommandResult status = drover.cli({"status", "tick"});
  EXPECT_NE(status.out.find("next run"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("last run"), std::string::npos) << status.out;
}

TEST(ScheduleTest, ForbidSkipsRunsWhileTheLongRunGoesOn) {
  DroverInstance drover;
  drover.write_config("services:\n" + job(drover, "long", 7, "    concurrency: forbid\n"));
  ASSERT_TRUE(drover.start());
  EXPECT_TRUE(
      wait_until([&] { return int_field(drover, "long", "skipped_runs") >= 1; }, seconds(30)));
  EXPECT_EQ(runs_recorded(drover, "long"), 1u);
  CommandResult status = drover.cli({"status", "long"});
  EXPECT_NE(status.out.find("skipped: previous run still running"), std::string::npos)
      << status.out;
}

// concurrency allow: runs overlap. Each run's lines arrive whole (their
// own partial lines), each finished run is recorded, and a run beside the
// first is held to max_runtime too.
TEST(ScheduleTest, AllowRunsOverlapAndEachIsRecorded) {
  DroverInstance drover;
  std::string overlap = "  overlap:\n    command: [\"sh\", \"-c\", \"echo run >> " +
                        drover.path("overlap.runs") +
                        "; printf 'half '; sleep 3; echo line\"]\n    schedule: '@every 2s'\n" +
                        "    concurrency: allow\n";
  drover.write_config("services:\n" + overlap +
                      job(drover, "capped", 60,
                          "    concurrency: allow\n"
                          "    max_runtime: 3s\n"));
  ASSERT_TRUE(drover.start());
  // Runs start every 2 s and last 3 s: the second starts while the first runs.
  EXPECT_TRUE(wait_until([&] { return runs_recorded(drover, "overlap") >= 3; }, seconds(30)));
  EXPECT_EQ(int_field(drover, "overlap", "skipped_runs"), 0);
  EXPECT_TRUE(wait_until(
      [&] {
        return string_field(drover, "overlap", "last_run_result") == "completed (exit status 0)";
      },
      seconds(20)));
  CommandResult logs = drover.cli({"logs", "-n", "100", "overlap"});
  EXPECT_NE(logs.out.find("half line"), std::string::npos) << logs.out;
  EXPECT_EQ(logs.out.find("half half"), std::string::npos) << logs.out;
  // Every run of `capped` (the first and those beside it) is killed at 3 s.
  EXPECT_TRUE(wait_until([&] { return runs_recorded(drover, "capped") >= 3; }, seconds(30)));
  EXPECT_TRUE(wait_until(
      [&] {
        return string_field(drover, "capped", "last_run_result") ==
               "killed: max_runtime 3s exceeded";
      },
      seconds(20)));
  CommandResult stop = drover.cli({"stop", "capped", "overlap"});
  EXPECT_EQ(stop.exit_code, 0) << stop.out << stop.err;
}

TEST(ScheduleTest, ReplaceStopsThePreviousRunAndStartsAgain) {
  DroverInstance drover;
  drover.write_config("services:\n" + job(drover, "rep", 30, "    concurrency: replace\n"));
  ASSERT_TRUE(drover.start());
  EXPECT_TRUE(wait_until([&] { return runs_recorded(drover, "rep") >= 2; }, seconds(30)));
  EXPECT_TRUE(wait_until(
      [&] { return string_field(drover, "rep", "last_run_result") == "stopped"; }, seconds(20)));
  EXPECT_EQ(int_field(drover, "rep", "skipped_runs"), 0);
}

TEST(ScheduleTest, MaxRuntimeKillsALongRun) {
  DroverInstance drover;
  drover.write_config("services:\n" + job(drover, "hog", 60, "    max_runtime: 1s\n"));
  ASSERT_TRUE(drover.start());
  EXPECT_TRUE(wait_until(
      [&] {
        return string_field(drover, "hog", "last_run_result") == "killed: max_runtime 1s exceeded";
      },
      seconds(30)));
  CommandResult status = drover.cli({"status", "hog"});
  EXPECT_NE(status.out.find("killed: max_runtime 1s exceeded"), std::string::npos) << status.out;
}

TEST(ScheduleTest, TriggerRunsNowAndHonoursForbid) {
  DroverInstance drover;
  std::string slow = "  slow:\n    command: [\"sh\", \"-c\", \"echo run >> " +
                     drover.path("slow.runs") + "; sleep 30\"]\n    schedule: '0 0 1 1 *'\n";
  drover.write_config("services:\n" + slow);
  ASSERT_TRUE(drover.start());
  CommandResult first = drover.cli({"trigger", "slow"});
  EXPECT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_TRUE(wait_until([&] { return runs_recorded(drover, "slow") == 1; }, seconds(20)));
  CommandResult second = drover.cli({"trigger", "slow"});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.out.find("skipped: previous run still running"), std::string::npos)
      << second.out;
  EXPECT_EQ(int_field(drover, "slow", "skipped_runs"), 1);
  HttpReply reply = http_unix(drover.socket(), "POST", "/v1/services/slow/trigger");
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_NE(reply.body.find("previous run still running"), std::string::npos) << reply.body;
}

TEST(ScheduleTest, AFailedRunDoesNotStopTheStack) {
  DroverInstance drover;
  drover.write_config(
      "services:\n  bad:\n    command: [\"sh\", \"-c\", \"exit 3\"]\n    schedule: '@every 2s'\n"
      "  web:\n    command: @TESTSVC@\n    start_period: 0\n");
  ASSERT_TRUE(drover.start());
  EXPECT_TRUE(wait_until(
      [&] { return string_field(drover, "bad", "last_run_result") == "failed (exit status 3)"; },
      seconds(30)));
  EXPECT_TRUE(wait_until([&] { return int_field(drover, "bad", "runs") >= 2; }, seconds(30)));
  EXPECT_EQ(drover.state_of("web"), "RUNNING");
  EXPECT_TRUE(drover.running());
}

TEST(ScheduleTest, ReloadRearmsAChangedSchedule) {
  DroverInstance drover;
  std::string yearly = "  job:\n    command: [\"sh\", \"-c\", \"echo run >> " +
                       drover.path("job.runs") + "\"]\n    schedule: '0 0 1 1 *'\n";
  drover.write_config("services:\n" + yearly);
  ASSERT_TRUE(drover.start());
  int64_t yearly_next = int_field(drover, "job", "next_run_at");
  EXPECT_GT(yearly_next, static_cast<int64_t>(std::time(nullptr)) + 60);
  drover.write_config("services:\n" + job(drover, "job", 0));
  drover.send_signal(SIGHUP);
  EXPECT_TRUE(wait_until([&] { return runs_recorded(drover, "job") >= 2; }, seconds(30)));
  EXPECT_EQ(string_field(drover, "job", "schedule"), "@every 2s");
}

}  // namespace
}  // namespace drover::e2e
