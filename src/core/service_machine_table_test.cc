// The transition table, cell by cell. Every (state, event kind) pair is fed
// one canonical event from a canonical status, and the outcome is compared
// with an explicit expectation: handler, next state, change of `want`, and
// every action. The same rendering is the table in docs/state-machine.md;
// the last test keeps the two equal (DROVER_UPDATE_GOLDEN=1 rewrites the doc).
#include "core/service_machine.h"
#include "core/service_machine_test_util.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace drover::core::testing {
namespace {

constexpr int64_t kNow = 5000;

// One canonical event per kind, in EventBody order.
std::vector<EventBody> canonical_events() {
  return {StartRequested{},
          StopRequested{},
          SpawnSucceeded{42},
          SpawnFailed{"exec /usr/bin/web: No such file or directory"},
          ProcessExited{ExitStatus{1, 0}},
          StartPeriodElapsed{},
          StopTimeoutElapsed{},
          BackoffElapsed{},
          ReadyNotified{},
          FailureDetected{"health check failed 3 times"},
          ConnectionLost{"connection to deploy@app1 lost"},
          ConnectionRestored{}};
}

// A row of the table: a state, seen in one canonical situation.
struct Row {
  std::string label;
  ServiceSpec spec;
  ServiceStatus status;
};

ServiceStatus status_of(State state, Want want, int pid) {
  ServiceStatus status;
  status.state = state;
  status.want = want;
  status.pid = pid;
  status.started_at = pid != 0 ? at(1000) : TimePoint{};
  return status;
}

ServiceStatus pending(State state, Want want) {
  ServiceStatus status = status_of(state, want, 0);
  status.spawn_pending = true;
  return status;
}

ServiceStatus with_failures(ServiceStatus status, int failed_attempts, int exit_code) {
  status.failed_attempts = failed_attempts;
  status.last_exit = ExitStatus{exit_code, 0};
  return status;
}

std::vector<Row> rows() {
  const ServiceSpec web = longrun_spec();
  const ServiceSpec job = oneshot_spec();
  ServiceSpec notify = longrun_spec();
  notify.ready.kind = ReadinessKind::Notify;
  return {
      {"STOPPED", web, status_of(State::Stopped, Want::Down, 0)},
      {"STARTING (spawn pending)", web, pending(State::Starting, Want::Up)},
      {"STARTING", web, status_of(State::Starting, Want::Up, 42)},
      {"STARTING (oneshot)", job, status_of(State::Starting, Want::Up, 42)},
      {"STARTING (ready: notify)", notify, status_of(State::Starting, Want::Up, 42)},
      {"RUNNING", web, status_of(State::Running, Want::Up, 42)},
      {"BACKOFF", web, with_failures(status_of(State::Backoff, Want::Up, 0), 1, 1)},
      {"STOPPING (spawn pending)", web, pending(State::Stopping, Want::Down)},
      {"STOPPING", web, status_of(State::Stopping, Want::Down, 42)},
      {"EXITED", web, with_failures(status_of(State::Exited, Want::Up, 0), 0, 0)},
      {"FATAL", web, with_failures(status_of(State::Fatal, Want::Up, 0), 4, 1)},
      {"UNKNOWN", web, status_of(State::Unknown, Want::Up, 42)},
  };
}

// The expected cell of each row (in rows() order) and event kind. Columns:
// StartRequested, StopRequested, SpawnSucceeded, SpawnFailed, ProcessExited,
// StartPeriodElapsed, StopTimeoutElapsed, BackoffElapsed, ReadyNotified, FailureDetected,
// ConnectionLost, ConnectionRestored.
constexpr std::string_view kStopSignalled =
    "begin_stop → STOPPING: want down, cancel StartPeriod, signal TERM to group, arm StopTimeout "
    "10s";
constexpr std::string_view kRestartBroken =
    "restart_broken → STOPPING: cancel StartPeriod, signal TERM to group, arm StopTimeout 10s";
constexpr std::array<std::array<std::string_view, kEventKindCount>, 12> kExpected = {{
    // STOPPED
    {"begin_start → STARTING: want up, spawn", "note_down → STOPPED", "ignore → STOPPED",
     "ignore → STOPPED", "ignore → STOPPED", "ignore → STOPPED", "ignore → STOPPED",
     "ignore → STOPPED", "ignore → STOPPED", "ignore → STOPPED", "ignore → STOPPED",
     "ignore → STOPPED"},
    // STARTING (spawn pending)
    {"note_up → STARTING", "begin_stop → STOPPING: want down, cancel StartPeriod",
     "record_spawn → STARTING: arm StartPeriod 1s", "spawn_failed → BACKOFF: arm Backoff 1s",
     "exited_while_starting → BACKOFF: cancel StartPeriod, arm Backoff 1s",
     "confirm_running → STARTING", "ignore → STARTING", "ignore → STARTING",
     "note_ready → STARTING", "restart_broken → STARTING", "lose_sight → STARTING",
     "ignore → STARTING"},
    // STARTING
    {"note_up → STARTING", kStopSignalled, "record_spawn → STARTING", "spawn_failed → STARTING",
     "exited_while_starting → BACKOFF: cancel StartPeriod, arm Backoff 1s",
     "confirm_running → RUNNING", "ignore → STARTING", "ignore → STARTING", "note_ready → STARTING",
     kRestartBroken, "lose_sight → UNKNOWN: cancel StartPeriod", "ignore → STARTING"},
    // STARTING (oneshot)
    {"note_up → STARTING", kStopSignalled, "record_spawn → STARTING", "spawn_failed → STARTING",
     "exited_while_starting → FATAL", "confirm_running → STARTING", "ignore → STARTING",
     "ignore → STARTING", "note_ready → STARTING", "restart_broken → STARTING",
     "lose_sight → UNKNOWN: cancel StartPeriod", "ignore → STARTING"},
    // STARTING (ready: notify)
    {"note_up → STARTING", kStopSignalled, "record_spawn → STARTING", "spawn_failed → STARTING",
     "exited_while_starting → BACKOFF: cancel StartPeriod, arm Backoff 1s",
     "confirm_running → STARTING", "ignore → STARTING", "ignore → STARTING", "note_ready → RUNNING",
     kRestartBroken, "lose_sight → UNKNOWN: cancel StartPeriod", "ignore → STARTING"},
    // RUNNING
    {"note_up → RUNNING", kStopSignalled, "ignore → RUNNING", "ignore → RUNNING",
     "exited_while_running → STARTING: spawn", "ignore → RUNNING", "ignore → RUNNING",
     "ignore → RUNNING", "ignore → RUNNING", kRestartBroken,
     "lose_sight → UNKNOWN: cancel StartPeriod", "ignore → RUNNING"},
    // BACKOFF
    {"start_from_backoff → STARTING: cancel Backoff, spawn",
     "cancel_backoff → STOPPED: want down, cancel Backoff", "ignore → BACKOFF", "ignore → BACKOFF",
     "ignore → BACKOFF", "ignore → BACKOFF", "ignore → BACKOFF",
     "retry_after_backoff → STARTING: spawn", "ignore → BACKOFF", "ignore → BACKOFF",
     "ignore → BACKOFF", "ignore → BACKOFF"},
    // STOPPING (spawn pending)
    {"note_up → STOPPING: want up", "note_down → STOPPING",
     "signal_late → STOPPING: signal TERM to group, arm StopTimeout 10s",
     "stopped_before_spawn → STOPPED", "stopped → STOPPED: cancel StopTimeout", "ignore → STOPPING",
     "kill_group → STOPPING", "ignore → STOPPING", "ignore → STOPPING", "ignore → STOPPING",
     "ignore → STOPPING", "ignore → STOPPING"},
    // STOPPING
    {"note_up → STOPPING: want up", "note_down → STOPPING", "signal_late → STOPPING",
     "stopped_before_spawn → STOPPING", "stopped → STOPPED: cancel StopTimeout",
     "ignore → STOPPING", "kill_group → STOPPING: signal KILL to group", "ignore → STOPPING",
     "ignore → STOPPING", "ignore → STOPPING", "ignore → STOPPING", "ignore → STOPPING"},
    // EXITED
    {"begin_start → STARTING: spawn", "note_down → EXITED: want down", "ignore → EXITED",
     "ignore → EXITED", "ignore → EXITED", "ignore → EXITED", "ignore → EXITED", "ignore → EXITED",
     "ignore → EXITED", "ignore → EXITED", "ignore → EXITED", "ignore → EXITED"},
    // FATAL
    {"begin_start → STARTING: spawn", "note_down → FATAL: want down", "ignore → FATAL",
     "ignore → FATAL", "ignore → FATAL", "ignore → FATAL", "ignore → FATAL", "ignore → FATAL",
     "ignore → FATAL", "ignore → FATAL", "ignore → FATAL", "ignore → FATAL"},
    // UNKNOWN
    {"note_up → UNKNOWN", kStopSignalled, "ignore → UNKNOWN", "ignore → UNKNOWN",
     "exited_while_unknown → STARTING: spawn", "ignore → UNKNOWN", "ignore → UNKNOWN",
     "ignore → UNKNOWN", "ignore → UNKNOWN", "ignore → UNKNOWN",
     "lose_sight → UNKNOWN: cancel StartPeriod", "regain_sight → RUNNING"},
}};

Transition apply(const Row& row, size_t kind) {
  return step(row.spec, row.status, Event{canonical_events()[kind], at(kNow)});
}

// "handler → NEXT: want up, action, action"
std::string render_cell(const Row& row, size_t kind) {
  Transition t = apply(row, kind);
  std::string cell = std::string(handler_name(row.status.state, kind)) + " → " +
                     std::string(state_name(t.status.state));
  Actions notes;
  if (t.status.want != row.status.want) {
    notes.push_back(t.status.want == Want::Up ? "want up" : "want down");
  }
  for (std::string& action : describe(t.actions)) {
    notes.push_back(std::move(action));
  }
  for (size_t i = 0; i < notes.size(); ++i) {
    cell += (i == 0 ? ": " : ", ") + notes[i];
  }
  return cell;
}

std::string render_table() {
  std::string out = "| state |";
  std::string rule = "|---|";
  for (size_t kind = 0; kind < kEventKindCount; ++kind) {
    out += " " + std::string(event_name(kind)) + " |";
    rule += "---|";
  }
  out += "\n" + rule + "\n";
  for (const Row& row : rows()) {
    out += "| " + row.label + " |";
    for (size_t kind = 0; kind < kEventKindCount; ++kind) {
      out += " " + render_cell(row, kind) + " |";
    }
    out += "\n";
  }
  return out;
}

TEST(ServiceMachineTableTest, CanonicalEventsAreInEventKindOrder) {
  std::vector<EventBody> events = canonical_events();
  ASSERT_EQ(events.size(), kEventKindCount);
  for (size_t kind = 0; kind < kEventKindCount; ++kind) {
    EXPECT_EQ(events[kind].index(), kind) << event_name(kind);
  }
}

TEST(ServiceMachineTableTest, RowsCoverEveryState) {
  std::set<State> covered;
  for (const Row& row : rows()) {
    covered.insert(row.status.state);
  }
  for (size_t s = 0; s < static_cast<size_t>(State::kCount); ++s) {
    EXPECT_EQ(covered.count(static_cast<State>(s)), 1u) << state_name(static_cast<State>(s));
  }
}

TEST(ServiceMachineTableTest, EveryCellGivesItsExpectedTransition) {
  std::vector<Row> table = rows();
  ASSERT_EQ(table.size(), kExpected.size());
  for (size_t r = 0; r < table.size(); ++r) {
    for (size_t kind = 0; kind < kEventKindCount; ++kind) {
      EXPECT_EQ(render_cell(table[r], kind), kExpected[r][kind])
          << "row " << table[r].label << ", event " << event_name(kind);
    }
  }
}

TEST(ServiceMachineTableTest, IgnoreCellsLeaveTheStatusUntouched) {
  for (const Row& row : rows()) {
    for (size_t kind = 0; kind < kEventKindCount; ++kind) {
      if (handler_name(row.status.state, kind) != "ignore") {
        continue;
      }
      Transition t = apply(row, kind);
      EXPECT_EQ(t.status, row.status) << row.label << ", " << event_name(kind);
      EXPECT_TRUE(t.actions.empty()) << row.label << ", " << event_name(kind);
    }
  }
}

TEST(ServiceMachineTableTest, StepIsDeterministic) {
  for (const Row& row : rows()) {
    for (size_t kind = 0; kind < kEventKindCount; ++kind) {
      Transition first = apply(row, kind);
      Transition second = apply(row, kind);
      EXPECT_EQ(first.status, second.status);
      EXPECT_EQ(describe(first.actions), describe(second.actions));
    }
  }
}

TEST(ServiceMachineTableTest, OutOfRangeStateIsIgnored) {
  ServiceStatus status;
  status.state = State::kCount;
  for (EventBody& body : canonical_events()) {
    Transition t = step(longrun_spec(), status, Event{body, at(kNow)});
    EXPECT_EQ(t.status, status);
    EXPECT_TRUE(t.actions.empty());
  }
  EXPECT_EQ(handler_name(State::kCount, 0), "ignore");
  EXPECT_EQ(handler_name(State::Stopped, kEventKindCount), "ignore");
}

TEST(ServiceMachineTableTest, NamesEventsAndStatesForTheDocs) {
  EXPECT_EQ(event_name(0), "StartRequested");
  EXPECT_EQ(event_name(kEventKindCount - 1), "ConnectionRestored");
  EXPECT_EQ(event_name(kEventKindCount), "Unknown");
  EXPECT_EQ(state_name(State::Stopped), "STOPPED");
  EXPECT_EQ(state_name(State::Unknown), "UNKNOWN");
  EXPECT_EQ(state_name(State::kCount), "UNKNOWN");
}

constexpr std::string_view kBegin =
    "<!-- BEGIN GENERATED TABLE: src/core/service_machine_table_test.cc -->\n";
constexpr std::string_view kEnd = "<!-- END GENERATED TABLE -->\n";

TEST(ServiceMachineTableTest, DocumentedTableMatchesTheMachine) {
  const char* source_dir = std::getenv("DROVER_SOURCE_DIR");
  if (source_dir == nullptr) {
    GTEST_SKIP() << "DROVER_SOURCE_DIR is not set (ctest sets it)";
  }
  std::string path = std::string(source_dir) + "/docs/state-machine.md";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "cannot read " << path;
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string doc = buffer.str();
  size_t begin = doc.find(kBegin);
  size_t end = doc.find(kEnd);
  ASSERT_TRUE(begin != std::string::npos && end != std::string::npos && begin < end)
      << path << " lacks the markers " << kBegin << " and " << kEnd;
  begin += kBegin.size();
  std::string generated = "\n" + render_table() + "\n";
  const char* update = std::getenv("DROVER_UPDATE_GOLDEN");
  if (update != nullptr && std::string_view(update) == "1") {
    doc.replace(begin, end - begin, generated);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << doc;
    return;
  }
  EXPECT_EQ(doc.substr(begin, end - begin), generated)
      << path
      << " is out of date; regenerate it with DROVER_UPDATE_GOLDEN=1 ctest --test-dir build -R "
         "core";
}

}  // namespace
}  // namespace drover::core::testing
