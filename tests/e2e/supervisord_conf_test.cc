// The seeds' supervisord.conf files run through the `supervisord` alias
// (issue 6, point 4), with testsvc and sh standing in for the real programs.
// Behaviour is checked through drover's own API and the log files.
#include "harness/drover_instance.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <signal.h>

namespace drover::e2e {
namespace {

std::string supervisord_binary() {
  return std::filesystem::path(drover_binary()).parent_path().string() + "/supervisord";
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// Writes supervisord.conf in the instance dir, with the control socket at
// the instance's socket; @TESTSVC@ and @DIR@ as in write_config().
std::string write_conf(DroverInstance& drover, std::string programs) {
  std::string text =
      "[supervisord]\nlogfile=@DIR@/supervisord.log\npidfile=@DIR@/"
      "supervisord.pid\n\n[unix_http_server]\nfile=" +
      drover.socket() + "\n\n" + programs;
  replace_all(text, "@TESTSVC@", testsvc_binary());
  replace_all(text, "@DIR@", drover.dir());
  std::string path = drover.path("supervisord.conf");
  std::ofstream(path) << text;
  return path;
}

bool exists(const std::string& path) { return std::filesystem::exists(path); }

// Seed (a): migrate first (priority=1, autorestart=false, startsecs=0),
// then the web server and the scheduler, which run until stopped.
TEST(SupervisordConfTest, SeedMigrateGunicornSchedulerThroughTheAlias) {
  DroverInstance drover;
  std::string conf = write_conf(drover,
                                "[program:migrate]\n"
                                "command=@TESTSVC@ --say migrated --after-ms 200 --exit 0\n"
                                "autorestart=false\nstartsecs=0\npriority=1\n\n"
                                "[program:gunicorn]\n"
                                "command=@TESTSVC@ --say serving\nautorestart=true\npriority=10\n\n"
                                "[program:scheduler]\n"
                                "command=@TESTSVC@ --say scheduling\nautorestart=true\n"
                                "priority=10\n");
  ASSERT_TRUE(drover.start_command({supervisord_binary(), "-n", "-c", conf}));
  EXPECT_TRUE(drover.wait_state("migrate", "EXITED"));
  EXPECT_TRUE(drover.wait_state("gunicorn", "RUNNING"));
  EXPECT_TRUE(drover.wait_state("scheduler", "RUNNING"));
  boost::json::object migrate = drover.service("migrate");
  EXPECT_EQ(migrate["restarts"].as_int64(), 0);
  drover.send_signal(SIGTERM);
  EXPECT_EQ(drover.wait_exit(), 0);
  EXPECT_TRUE(drover.stderr_text().find("warning") == std::string::npos) << drover.stderr_text();
}

// supervisord stops programs in reverse priority order, each priority only
// after every higher one has stopped: the queue (999) is TERMed and gone
// before the web server (500), which goes before the database (1).
TEST(SupervisordConfTest, ShutdownStopsInReversePriorityOrder) {
  DroverInstance drover;
  std::string conf = write_conf(
      drover,
      "[program:db]\ncommand=@TESTSVC@ --role db --log-signals @DIR@/signals --exit-on-term 0\n"
      "priority=1\nstartsecs=0\n\n"
      "[program:web]\ncommand=@TESTSVC@ --role web --log-signals @DIR@/signals --exit-on-term 0\n"
      "priority=500\nstartsecs=0\n\n"
      "[program:queue]\ncommand=@TESTSVC@ --role queue --log-signals @DIR@/signals "
      "--exit-on-term 0\nstartsecs=0\n");
  ASSERT_TRUE(drover.start_command({supervisord_binary(), "-n", "-c", conf}));
  for (const char* name : {"db", "web", "queue"}) {
    ASSERT_TRUE(drover.wait_state(name, "RUNNING")) << name;
  }
  drover.send_signal(SIGTERM);
  EXPECT_EQ(drover.wait_exit(), 0);
  std::string signals = drover.read_file("signals");
  size_t queue = signals.find("queue:TERM");
  size_t web = signals.find("web:TERM");
  size_t db = signals.find("db:TERM");
  ASSERT_NE(queue, std::string::npos) << signals;
  ASSERT_NE(web, std::string::npos) << signals;
  ASSERT_NE(db, std::string::npos) << signals;
  EXPECT_LT(queue, web) << signals;
  EXPECT_LT(web, db) << signals;
}

// drover's extension makes "migrate before web" a guarantee: the web
// process starts only after migrate has finished successfully.
TEST(SupervisordConfTest, DependsOnWaitsForMigrateToComplete) {
  DroverInstance drover;
  std::string conf = write_conf(drover,
                                "[program:migrate]\n"
                                "command=sh -c 'sleep 0.5; touch @DIR@/migrated'\n"
                                "autorestart=false\nstartsecs=0\npriority=1\n\n"
                                "[program:web]\n"
                                "command=sh -c 'test -f @DIR@/migrated && touch @DIR@/web-saw-it; "
                                "exec @TESTSVC@'\n"
                                "priority=10\ndepends_on=migrate:completed_successfully\n");
  ASSERT_TRUE(drover.start_command({supervisord_binary(), "-n", "-c", conf}));
  EXPECT_TRUE(drover.wait_state("web", "RUNNING"));
  EXPECT_TRUE(exists(drover.path("web-saw-it")));
}

// Seed (b): four programs with their own .out.log/.err.log, autorestart=true,
// one of which crashes and is restarted.
TEST(SupervisordConfTest, FourProgramsWithLogFilesAndACrashThatIsRestarted) {
  DroverInstance drover;
  std::string programs;
  for (const char* name : {"api", "worker", "beat"}) {
    programs += std::string("[program:") + name + "]\ncommand=@TESTSVC@ --say '" + name +
                " up' --print-stderr 1\nautorestart=true\nstdout_logfile=@DIR@/" + name +
                ".out.log\nstderr_logfile=@DIR@/" + name + ".err.log\n\n";
  }
  programs +=
      "[program:crasher]\ncommand=@TESTSVC@ --say 'crasher up' --print-stderr 1 --after-ms 300 "
      "--exit 3\nautorestart=true\nstartsecs=0\nstdout_logfile=@DIR@/crasher.out.log\n"
      "stderr_logfile=@DIR@/crasher.err.log\n";
  std::string conf = write_conf(drover, programs);
  ASSERT_TRUE(drover.start_command({supervisord_binary(), "--nodaemon", "--configuration", conf}));
  for (const char* name : {"api", "worker", "beat"}) {
    EXPECT_TRUE(drover.wait_state(name, "RUNNING")) << name;
  }
  EXPECT_TRUE(wait_until([&] { return drover.service("crasher")["restarts"].as_int64() >= 2; },
                         std::chrono::seconds(20)));
  EXPECT_TRUE(wait_until([&] {
    std::string out = drover.read_file("crasher.out.log");
    return out.find("crasher up\n") != out.rfind("crasher up\n");  // At least two runs.
  }));
  EXPECT_TRUE(wait_until([&] { return drover.read_file("api.out.log") == "api up\n"; }));
  EXPECT_TRUE(wait_until([&] { return drover.read_file("api.err.log") == "err 1\n"; }));
  CommandResult status = drover.cli({"status", "--json"});
  EXPECT_EQ(status.exit_code, 0);
  EXPECT_NE(status.out.find("\"crasher\""), std::string::npos);
}

// Without -n and without nodaemon=true the alias daemonizes like
// supervisord: the command returns 0 at once, the daemon keeps serving and
// writes its pid to the pidfile.
TEST(SupervisordConfTest, DaemonizesWithoutNodaemon) {
  DroverInstance drover;
  std::string conf = write_conf(drover, "[program:svc]\ncommand=@TESTSVC@\n");
  std::string pidfile = drover.path("sd.pid");
  CommandResult started = run_command({supervisord_binary(), "-c", conf, "-j", pidfile});
  EXPECT_EQ(started.exit_code, 0) << started.err;
  ASSERT_TRUE(wait_until([&] { return exists(pidfile) && drover.state_of("svc") == "RUNNING"; }));
  pid_t daemon = 0;
  std::ifstream(pidfile) >> daemon;
  ASSERT_GT(daemon, 1);
  // The daemon is not the harness's child: make sure a failed check below
  // does not leave it running.
  struct KillOnExit {
    pid_t pid;
    ~KillOnExit() {
      if (pid > 1) {
        ::kill(pid, SIGKILL);
      }
    }
  } guard{daemon};
  EXPECT_EQ(drover.cli({"shutdown"}).exit_code, 0);
  if (wait_until([&] { return ::kill(daemon, 0) != 0; }, std::chrono::seconds(20))) {
    guard.pid = 0;  // Gone: its pid may belong to someone else by now.
  } else {
    ADD_FAILURE() << "the daemon did not exit after shutdown";
  }
  EXPECT_FALSE(exists(pidfile));
}

// `drover up -c supervisord.conf` picks the format by extension; a program
// logging to /dev/stdout lands in drover's unified stream, one logging to a
// file does not (as with supervisord).
TEST(SupervisordConfTest, UpReadsTheConfAndDevStdoutIsTheUnifiedStream) {
  DroverInstance drover;
  std::string conf = write_conf(drover,
                                "[program:loud]\ncommand=@TESTSVC@ --say 'to the console'\n"
                                "stdout_logfile=/dev/stdout\nstdout_logfile_maxbytes=0\n"
                                "redirect_stderr=true\n\n"
                                "[program:quiet]\ncommand=@TESTSVC@ --say 'to a file'\n"
                                "stdout_logfile=@DIR@/quiet.log\nredirect_stderr=true\n");
  ASSERT_TRUE(drover.start_command({drover_binary(), "up", "-c", conf}));
  EXPECT_TRUE(wait_until([&] { return drover.read_file("quiet.log") == "to a file\n"; }));
  EXPECT_TRUE(
      wait_until([&] { return drover.stdout_text().find("to the console") != std::string::npos; }));
  EXPECT_EQ(drover.stdout_text().find("to a file"), std::string::npos) << drover.stdout_text();
}

TEST(SupervisordConfTest, CheckPrintsWarningsWithFileAndLine) {
  DroverInstance drover;
  std::string conf = write_conf(drover, "[program:svc]\ncommand=@TESTSVC@\nstdout_syslog=true\n");
  CommandResult check = run_command({drover_binary(), "check", "-c", conf});
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_EQ(check.err, conf +
                           ":10:1: warning: [program:svc] stdout_syslog: syslog output is not "
                           "supported; ignored\n");
}

}  // namespace
}  // namespace drover::e2e
