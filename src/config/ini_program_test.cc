// [program:x] options mapped onto ServiceSpec, one behaviour per test.
#include "config/ini_test_util.h"

namespace drover::config::test {
namespace {

using core::RestartPolicy;
using namespace std::chrono_literals;

std::string env_of(const core::ServiceSpec& spec, const std::string& key) {
  for (const auto& [name, value] : spec.env) {
    if (name == key) {
      return value;
    }
  }
  return "<unset>";
}

TEST(IniProgramTest, DefaultsAreSupervisords) {
  core::ServiceSpec spec = only_service(load_ini("[program:web]\ncommand=/bin/web --port 80\n"));
  EXPECT_EQ(spec.name, "web");
  EXPECT_EQ(spec.program_group, "web");
  EXPECT_EQ(spec.argv, (std::vector<std::string>{"/bin/web", "--port", "80"}));
  EXPECT_EQ(spec.restart, RestartPolicy::OnFailure);
  EXPECT_EQ(spec.success_exit_codes, std::vector<int>{0});
  EXPECT_EQ(spec.start_period, 1s);
  EXPECT_EQ(spec.start_retries, 3);
  EXPECT_EQ(spec.stop_signal, 15);
  EXPECT_EQ(spec.stop_target, core::SignalTarget::Process);
  EXPECT_EQ(spec.stop_timeout, 10s);
  EXPECT_EQ(spec.priority, 999);
  EXPECT_TRUE(spec.autostart);
  EXPECT_FALSE(spec.log.console);
  EXPECT_EQ(spec.log.max_size, 50u * 1024 * 1024);
  EXPECT_EQ(spec.log.backups, 10);
}

TEST(IniProgramTest, EveryProcessOptionIsMapped) {
  core::ServiceSpec spec = only_service(
      load_ini("[program:web]\ncommand=sh -c 'exec web'\npriority=5\nautostart=false\nstartsecs=0\n"
               "startretries=7\nautorestart=true\nexitcodes=0,2\nstopsignal=INT\nstopwaitsecs=3\n"
               "stopasgroup=true\nkillasgroup=true\nuser=nobody\ndirectory=/srv\numask=027\n"));
  EXPECT_EQ(spec.argv, (std::vector<std::string>{"sh", "-c", "exec web"}));
  EXPECT_EQ(spec.priority, 5);
  EXPECT_FALSE(spec.autostart);
  EXPECT_EQ(spec.start_period, 0s);
  EXPECT_EQ(spec.start_retries, 7);
  EXPECT_EQ(spec.restart, RestartPolicy::Always);
  EXPECT_EQ(spec.success_exit_codes, (std::vector<int>{0, 2}));
  EXPECT_EQ(spec.stop_signal, 2);
  EXPECT_EQ(spec.stop_timeout, 3s);
  EXPECT_EQ(spec.stop_target, core::SignalTarget::Group);
  EXPECT_EQ(spec.user, "nobody");
  EXPECT_EQ(spec.working_dir, "/srv");
  EXPECT_EQ(spec.umask, 027u);
}

TEST(IniProgramTest, AutorestartValues) {
  auto restart_of = [](const std::string& value) {
    return only_service(load_ini("[program:a]\ncommand=x\nautorestart=" + value + "\n")).restart;
  };
  EXPECT_EQ(restart_of("false"), RestartPolicy::Never);
  EXPECT_EQ(restart_of("TRUE"), RestartPolicy::Always);
  EXPECT_EQ(restart_of("unexpected"), RestartPolicy::OnFailure);
  EXPECT_EQ(ini_errors(load_ini("[program:a]\ncommand=x\nautorestart=maybe\n")),
            std::vector<std::string>{"supervisord.conf:4:13: [program:a] autorestart: \"maybe\" "
                                     "is not true, false or unexpected"});
}

TEST(IniProgramTest, EnvironmentSyntaxAndSupervisorVariables) {
  LoadResult result = load_ini(
      "[supervisord]\nenvironment=GLOBAL=1,A=global\n[unix_http_server]\nfile=/run/s.sock\n"
      "[program:a]\ncommand=x\nenvironment=A=\"x, y\",B='q',C=%(ENV_HOME)s,D=a/b.c:1\n",
      {{"HOME", "/root"}});
  core::ServiceSpec spec = only_service(result);
  EXPECT_EQ(env_of(spec, "GLOBAL"), "1");
  EXPECT_EQ(env_of(spec, "A"), "x, y");
  EXPECT_EQ(env_of(spec, "B"), "q");
  EXPECT_EQ(env_of(spec, "C"), "/root");
  EXPECT_EQ(env_of(spec, "D"), "a/b.c:1");
  EXPECT_EQ(env_of(spec, "SUPERVISOR_ENABLED"), "1");
  EXPECT_EQ(env_of(spec, "SUPERVISOR_PROCESS_NAME"), "a");
  EXPECT_EQ(env_of(spec, "SUPERVISOR_GROUP_NAME"), "a");
  EXPECT_EQ(env_of(spec, "SUPERVISOR_SERVER_URL"), "unix:///run/s.sock");
}

TEST(IniProgramTest, MalformedEnvironmentIsAnError) {
  EXPECT_EQ(ini_errors(load_ini("[program:a]\ncommand=x\nenvironment=A=1,B\n")),
            std::vector<std::string>{
                "supervisord.conf:4:13: [program:a] environment: expected KEY=value pairs "
                "separated by commas (quote values that hold spaces or commas), got \"A=1,B\""});
}

TEST(IniProgramTest, NumprocsExpandsProcessNames) {
  LoadResult result = load_ini(
      "[program:w]\ncommand=w --id %(process_num)d\nnumprocs=3\nnumprocs_start=1\n"
      "process_name=%(program_name)s_%(process_num)02d\n");
  ASSERT_TRUE(result.model) << ini_errors(result)[0];
  ASSERT_EQ(result.model->services.size(), 3u);
  EXPECT_EQ(result.model->services[0].name, "w_01");
  EXPECT_EQ(result.model->services[2].name, "w_03");
  EXPECT_EQ(result.model->services[2].argv.back(), "3");
  EXPECT_EQ(result.model->services[2].program_group, "w");
}

TEST(IniProgramTest, NumprocsNeedsProcessNumInProcessName) {
  EXPECT_EQ(ini_errors(load_ini("[program:w]\ncommand=w\nnumprocs=2\n")),
            std::vector<std::string>{"supervisord.conf:2:1: [program:w] process_name: "
                                     "%(process_num) must be present within process_name when "
                                     "numprocs > 1"});
}

TEST(IniProgramTest, MissingCommandUsesSupervisordsMessage) {
  EXPECT_EQ(ini_errors(load_ini("[program:w]\npriority=1\n")),
            std::vector<std::string>{"supervisord.conf:2:1: [program:w]: program section "
                                     "program:w does not specify a command"});
}

TEST(IniProgramTest, BadValuesNameFileLineAndColumn) {
  LoadResult result = load_ini(
      "[program:w]\ncommand=w\nstartsecs=soon\nautostart=perhaps\numask=999\nstopsignal=NOPE\n"
      "exitcodes=0,300\nstdout_logfile_maxbytes=lots\nnumprocs=0\n");
  std::vector<std::string> errors = ini_errors(result);
  ASSERT_EQ(errors.size(), 7u) << ::testing::PrintToString(errors);
  EXPECT_EQ(errors[0], "supervisord.conf:4:11: [program:w] startsecs: \"soon\" is not an integer");
  EXPECT_EQ(errors[1],
            "supervisord.conf:5:11: [program:w] autostart: \"perhaps\" is not a boolean; use "
            "true or false");
  EXPECT_EQ(errors[2],
            "supervisord.conf:6:7: [program:w] umask: \"999\" is not an octal number such as 022");
  EXPECT_EQ(errors[4],
            "supervisord.conf:8:11: [program:w] exitcodes: \"300\" is not an exit code from 0 to "
            "255");
  EXPECT_EQ(errors[5],
            "supervisord.conf:9:25: [program:w] stdout_logfile_maxbytes: \"lots\" is not a byte "
            "size; use a number with KB, MB or GB");
  EXPECT_EQ(errors[6],
            "supervisord.conf:10:10: [program:w] numprocs: 0 is out of range; expected 1 to 10000");
}

TEST(IniProgramTest, StopAsGroupWithoutKillAsGroupIsSupervisordsError) {
  EXPECT_EQ(ini_errors(load_ini("[program:w]\ncommand=w\nstopasgroup=true\nkillasgroup=false\n")),
            std::vector<std::string>{"supervisord.conf:5:13: [program:w] killasgroup: Cannot set "
                                     "stopasgroup=true and killasgroup=false"});
}

TEST(IniProgramTest, LogFilesPerStream) {
  core::ServiceSpec spec =
      only_service(load_ini("[program:w]\ncommand=w\nstdout_logfile=/var/log/w.out.log\n"
                            "stderr_logfile=/var/log/"
                            "w.err.log\nstdout_logfile_maxbytes=1MB\nstdout_logfile_backups=2\n"));
  EXPECT_TRUE(spec.log.files);
  EXPECT_FALSE(spec.log.console);
  EXPECT_EQ(spec.log.dir, "/var/log");
  EXPECT_EQ(spec.log.stdout_file, "/var/log/w.out.log");
  EXPECT_EQ(spec.log.stderr_file, "/var/log/w.err.log");
  EXPECT_EQ(spec.log.max_size, 1024u * 1024);
  EXPECT_EQ(spec.log.backups, 2);
}

TEST(IniProgramTest, DevStdoutMeansTheUnifiedStream) {
  core::ServiceSpec spec = only_service(
      load_ini("[program:w]\ncommand=w\nstdout_logfile=/dev/stdout\nstdout_logfile_maxbytes=0\n"
               "redirect_stderr=true\n"));
  EXPECT_TRUE(spec.log.console);
  EXPECT_FALSE(spec.log.files);
  EXPECT_TRUE(spec.log.merge_stderr);
}

TEST(IniProgramTest, AutoLogsGoToChildlogdir) {
  core::ServiceSpec spec =
      only_service(load_ini("[supervisord]\nchildlogdir=/var/log/sv\n[program:w]\ncommand=w\n"));
  EXPECT_EQ(spec.log.stdout_file, "/var/log/sv/w-stdout---supervisor.log");
  EXPECT_EQ(spec.log.stderr_file, "/var/log/sv/w-stderr---supervisor.log");
}

TEST(IniProgramTest, NoneForBothStreamsWritesNoFiles) {
  core::ServiceSpec spec =
      only_service(load_ini("[program:w]\ncommand=w\nstdout_logfile=NONE\nstderr_logfile=NONE\n"));
  EXPECT_FALSE(spec.log.files);
  EXPECT_FALSE(spec.log.console);
}

TEST(IniProgramTest, OneStreamInAFileAndOneNotIsAWarning) {
  LoadResult result =
      load_ini("[program:w]\ncommand=w\nstdout_logfile=/l/w.log\nstderr_logfile=NONE\n");
  EXPECT_EQ(only_service(result).log.stderr_file, "/l/w.err.log");
  EXPECT_EQ(ini_warnings(result),
            std::vector<std::string>{
                "supervisord.conf:5:1: warning: [program:w] stderr_logfile: drover writes both "
                "streams to files when one of them goes to a file; stderr goes to /l/w.err.log"});
}

TEST(IniProgramTest, UnsupportedOptionsAreWarnedAboutNeverIgnoredSilently) {
  LoadResult result = load_ini(
      "[program:w]\ncommand=w\nstdout_syslog=true\nstdout_events_enabled=true\n"
      "stderr_capture_maxbytes=1MB\nkillasgroup=false\nstartsecz=1\n");
  EXPECT_TRUE(result.model.has_value());
  std::vector<std::string> warnings = ini_warnings(result);
  // stdout_events_enabled and capture mode are supported now (PROCESS_LOG_STDOUT
  // and PROCESS_COMMUNICATION_STDERR events).
  ASSERT_EQ(warnings.size(), 3u) << ::testing::PrintToString(warnings);
  EXPECT_TRUE(only_service(result).log.stdout_events);
  EXPECT_EQ(only_service(result).log.stderr_capture, 1024u * 1024u);
  EXPECT_EQ(only_service(result).log.stdout_capture, 0u);
  EXPECT_EQ(warnings[0],
            "supervisord.conf:4:1: warning: [program:w] stdout_syslog: syslog output is not "
            "supported; ignored");
  EXPECT_EQ(warnings[2],
            "supervisord.conf:8:1: warning: [program:w] startsecz: unknown option, ignored; did "
            "you mean \"startsecs\"?");
}

TEST(IniProgramTest, EventListenerSectionsBecomeListenerServices) {
  LoadResult result = load_ini(
      "[eventlistener:crash]\ncommand=x\nevents=PROCESS_STATE_FATAL, TICK\nbuffer_size=3\n");
  ASSERT_TRUE(result.model.has_value()) << ::testing::PrintToString(ini_errors(result));
  const core::ServiceSpec& spec = only_service(result);
  EXPECT_EQ(spec.event_listener.events, (std::vector<std::string>{"PROCESS_STATE_FATAL", "TICK"}));
  EXPECT_EQ(spec.event_listener.buffer_size, 3);
  EXPECT_EQ(spec.event_listener.pool, "crash");
  EXPECT_EQ(spec.priority, -1);
  EXPECT_EQ(ini_errors(load_ini("[eventlistener:crash]\ncommand=x\nevents=PROCESS_STAT\n")),
            std::vector<std::string>{"supervisord.conf:4:8: [eventlistener:crash] events: unknown "
                                     "event type PROCESS_STAT"});
}

}  // namespace
}  // namespace drover::config::test
