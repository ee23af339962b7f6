// Whole supervisord configurations: settings, groups, priority order,
// [include], drover's extensions, warnings about sections, format choice.
#include "config/ini_reader.h"

#include "config/ini_test_util.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace drover::config::test {
namespace {

using namespace std::chrono_literals;

std::vector<std::string> names_of(const LoadResult& result) {
  std::vector<std::string> names;
  if (result.model) {
    for (const core::ServiceSpec& spec : result.model->services) {
      names.push_back(spec.name);
    }
  }
  return names;
}

TEST(IniReaderTest, SupervisordSectionsFillSettings) {
  LoadResult result = load_ini(
      "[supervisord]\nnodaemon=true\nlogfile=/var/log/sd.log\nlogfile_maxbytes=1MB\n"
      "logfile_backups=3\nloglevel=debug\npidfile=/run/sd.pid\numask=002\nminfds=4096\n"
      "minprocs=300\nuser=root\ndirectory=/srv\nidentifier=box\n"
      "[unix_http_server]\nfile=/run/sd.sock\nchmod=0770\nchown=app:app\nusername=u\n"
      "password={SHA}ab\n[inet_http_server]\nport=127.0.0.1:9001\nusername=a\npassword=b\n"
      "[supervisorctl]\nserverurl=unix:///run/sd.sock\n[rpcinterface:supervisor]\n"
      "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n"
      "[program:a]\ncommand=a\n");
  ASSERT_TRUE(result.model) << ini_errors(result)[0];
  EXPECT_EQ(ini_warnings(result), std::vector<std::string>{});
  const core::Settings& s = result.model->settings;
  EXPECT_TRUE(s.daemon.foreground);
  EXPECT_EQ(s.daemon.log_file, "/var/log/sd.log");
  EXPECT_EQ(s.daemon.log_max_size, 1024u * 1024);
  EXPECT_EQ(s.daemon.log_backups, 3);
  EXPECT_EQ(s.daemon.log_level, "debug");
  EXPECT_EQ(s.daemon.pidfile, "/run/sd.pid");
  EXPECT_EQ(s.daemon.umask, 002u);
  EXPECT_EQ(s.daemon.minfds, 4096u);
  EXPECT_EQ(s.daemon.minprocs, 300u);
  EXPECT_EQ(s.daemon.user, "root");
  EXPECT_EQ(s.daemon.directory, "/srv");
  EXPECT_EQ(s.daemon.identifier, "box");
  EXPECT_EQ(s.control, "/run/sd.sock");
  EXPECT_EQ(s.control_access.mode, 0770u);
  EXPECT_EQ(s.control_access.owner, "app:app");
  EXPECT_EQ(s.control_access.auth.user, "u");
  EXPECT_EQ(s.control_access.auth.password, "{SHA}ab");
  EXPECT_EQ(s.http.listen, "127.0.0.1:9001");
  EXPECT_EQ(s.http.auth.user, "a");
  EXPECT_FALSE(s.http.insecure);
}

TEST(IniReaderTest, HalfACredentialIsSupervisordsError) {
  EXPECT_EQ(ini_errors(load_ini("[inet_http_server]\nport=9001\nusername=u\n[program:a]\n"
                                "command=a\n")),
            std::vector<std::string>{
                "supervisord.conf:4:10: [inet_http_server] username: Section [inet_http_server] "
                "contains incomplete authentication: If a username or a password is specified, "
                "both the username and password must be specified"});
}

TEST(IniReaderTest, WithoutNodaemonSupervisordDaemonizes) {
  LoadResult result = load_ini("[program:a]\ncommand=a\n");
  ASSERT_TRUE(result.model);
  EXPECT_FALSE(result.model->settings.daemon.foreground);
}

TEST(IniReaderTest, MissingSupervisordSectionIsSupervisordsError) {
  EXPECT_EQ(ini_errors(load_text("[program:a]\ncommand=a\n", "x.conf", {})),
            std::vector<std::string>{
                "x.conf:1:1: [supervisord]: .ini file does not include supervisord section"});
}

TEST(IniReaderTest, PriorityOrdersServicesTiesKeepDeclarationOrder) {
  LoadResult result = load_ini(
      "[program:gunicorn]\ncommand=g\npriority=10\n[program:scheduler]\ncommand=s\n"
      "priority=10\n[program:migrate]\ncommand=m\npriority=1\nautorestart=false\nstartsecs=0\n"
      "[program:late]\ncommand=l\n");
  EXPECT_EQ(names_of(result),
            (std::vector<std::string>{"migrate", "gunicorn", "scheduler", "late"}));
}

TEST(IniReaderTest, GroupsOwnTheirProgramsAndOrderByGroupPriority) {
  LoadResult result = load_ini(
      "[program:a]\ncommand=a\npriority=1\n[program:b]\ncommand=b\npriority=2\n"
      "[program:c]\ncommand=c\npriority=50\n[group:web]\nprograms=b,c\npriority=5\n"
      "[group:none]\nprograms=a, missing\n");
  EXPECT_EQ(ini_errors(result),
            std::vector<std::string>{
                "supervisord.conf:15:13: [group:none] programs: no [program:missing] section"});
  result = load_ini(
      "[program:a]\ncommand=a\npriority=10\n[program:b]\ncommand=b\npriority=2\n"
      "[program:c]\ncommand=c\npriority=1\n[group:web]\nprograms=b,c\npriority=5\n");
  EXPECT_EQ(names_of(result), (std::vector<std::string>{"c", "b", "a"}));
  EXPECT_EQ(result.model->services[0].program_group, "web");
  EXPECT_EQ(result.model->services[2].program_group, "a");
}

TEST(IniReaderTest, GroupAndHostExpansions) {
  LoadResult result = load_ini(
      "[program:a]\ncommand=run %(group_name)s %(host_node_name)s %(here)s\n"
      "[group:g]\nprograms=a\n",
      {}, "/etc/sv/supervisord.conf");
  core::ServiceSpec spec = only_service(result);
  EXPECT_EQ(spec.argv[1], "g");
  EXPECT_FALSE(spec.argv[2].empty());
  EXPECT_EQ(spec.argv[3], "/etc/sv");
}

TEST(IniReaderTest, ExpansionErrorsAreLocated) {
  EXPECT_EQ(ini_errors(load_ini("[program:a]\ncommand=run %(ENV_NOPE)s\n")),
            std::vector<std::string>{
                "supervisord.conf:3:9: [program:a] command: cannot expand %(ENV_NOPE); "
                "available names: group_name, here, host_node_name, numprocs, process_num, "
                "program_name"});
}

TEST(IniReaderTest, DependsOnAndRequiredAreDroverExtensions) {
  LoadResult result = load_ini(
      "[program:migrate]\ncommand=m\nautorestart=false\nstartsecs=0\npriority=1\n"
      "[program:db]\ncommand=d\nhealth_tcp=127.0.0.1:5432\nhealth_interval=2\n"
      "health_timeout=500ms\nhealth_retries=5\nhealth_start_period=1m\nhealth_on_failure=none\n"
      "[program:web]\ncommand=w\ndepends_on = migrate:completed_successfully, db:healthy\n"
      "required=true\nready=notify\nready_watchdog=30s\n");
  ASSERT_TRUE(result.model) << ini_errors(result)[0];
  const core::ServiceSpec* web = result.model->find("web");
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(web->depends_on, (std::vector<core::Dependency>{
                                 {"migrate", core::DependencyCondition::CompletedSuccessfully},
                                 {"db", core::DependencyCondition::Healthy}}));
  EXPECT_TRUE(web->required);
  EXPECT_EQ(web->ready.kind, core::ReadinessKind::Notify);
  EXPECT_EQ(web->ready.watchdog, 30s);
  const core::HealthSpec& health = result.model->find("db")->health;
  EXPECT_EQ(health.kind, core::ProbeKind::Tcp);
  EXPECT_EQ(health.tcp_address, "127.0.0.1:5432");
  EXPECT_EQ(health.interval, 2s);
  EXPECT_EQ(health.timeout, 500ms);
  EXPECT_EQ(health.retries, 5);
  EXPECT_EQ(health.start_period, 60s);
  EXPECT_EQ(health.on_failure, core::HealthFailureAction::None);
}

TEST(IniReaderTest, HealthExecAndHttp) {
  core::ServiceSpec spec =
      only_service(load_ini("[program:a]\ncommand=a\nhealth_http=http://127.0.0.1:8000/health\n"
                            "health_http_status=200,204\ntype=oneshot\n"));
  EXPECT_EQ(spec.health.kind, core::ProbeKind::Http);
  EXPECT_EQ(spec.health.http_status, (std::vector<int>{200, 204}));
  EXPECT_EQ(spec.type, core::ServiceType::Oneshot);
  EXPECT_EQ(spec.restart, core::RestartPolicy::Never);
  spec = only_service(load_ini("[program:a]\ncommand=a\nhealth_exec=pg_isready -q\n"));
  EXPECT_EQ(spec.health.exec, (std::vector<std::string>{"pg_isready", "-q"}));
}

TEST(IniReaderTest, ExtensionErrorsPointAtTheItem) {
  EXPECT_EQ(ini_errors(load_ini("[program:a]\ncommand=a\ndepends_on=b, nope:ready\n"
                                "[program:b]\ncommand=b\n")),
            std::vector<std::string>{"supervisord.conf:4:12: [program:a] depends_on: unknown "
                                     "condition \"ready\"; expected started, healthy or "
                                     "completed_successfully"});
  EXPECT_EQ(ini_errors(load_ini("[program:a]\ncommand=a\ndepends_on=b, zz\n[program:b]\n"
                                "command=b\n")),
            std::vector<std::string>{
                "supervisord.conf:4:15: [program:a] depends_on: unknown service \"zz\""});
  EXPECT_EQ(ini_errors(load_ini("[program:a]\ncommand=a\nhealth_exec=x\nhealth_tcp=h:1\n")),
            std::vector<std::string>{"supervisord.conf:4:13: [program:a] health_exec: choose "
                                     "one of health_exec, health_http and health_tcp"});
}

TEST(IniReaderTest, DependencyCyclesNameTheProgram) {
  EXPECT_EQ(ini_errors(load_ini("[program:a]\ncommand=a\ndepends_on=b\n[program:b]\ncommand=b\n"
                                "depends_on=a\n")),
            std::vector<std::string>{
                "supervisord.conf:4:12: [program:a] depends_on: dependency cycle: a -> b -> a"});
}

TEST(IniReaderTest, DependingOnAProgramWithSeveralProcessesWaitsForEach) {
  LoadResult result = load_ini(
      "[program:w]\ncommand=w\nnumprocs=2\nprocess_name=w%(process_num)d\n"
      "[program:lb]\ncommand=lb\ndepends_on=w\n");
  ASSERT_TRUE(result.model) << ini_errors(result)[0];
  EXPECT_EQ(result.model->find("lb")->depends_on.size(), 2u);
}

TEST(IniReaderTest, UnsupportedSectionsAreWarnings) {
  LoadResult result = load_ini(
      "[program:a]\ncommand=a\n[eventlistener:crash]\ncommand=x\nevents=PROCESS_STATE\n"
      "[fcgi-program:f]\ncommand=f\nsocket=tcp://:9000\n[rpcinterface:custom]\n"
      "supervisor.rpcinterface_factory=x:y\n[supervisrod]\n[supervisord]\nsilent=true\n");
  EXPECT_EQ(ini_warnings(result),
            (std::vector<std::string>{
                "supervisord.conf:6:1: warning: [fcgi-program:f]: [fcgi-program:x] is not "
                "supported yet; section ignored",
                "supervisord.conf:9:1: warning: [rpcinterface:custom]: custom RPC interfaces are "
                "not supported; drover serves supervisord's built-in one only",
                "supervisord.conf:11:1: warning: [supervisrod]: unknown section, ignored; did you "
                "mean \"supervisord\"?",
                "supervisord.conf:13:1: warning: [supervisord] silent: not supported yet; "
                "drover's own log still goes to stdout in the foreground"}));
}

TEST(IniReaderTest, DuplicateProcessNamesAcrossProgramsAreErrors) {
  EXPECT_EQ(ini_errors(load_ini("[program:a]\ncommand=a\nprocess_name=x\n[program:b]\n"
                                "command=b\nprocess_name=x\n")),
            std::vector<std::string>{"supervisord.conf:5:1: [program:x]: process name \"x\" is "
                                     "already used by another program; drover needs unique "
                                     "process names"});
}

class IniIncludeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/drover-ini-XXXXXX";
    dir_ = ::mkdtemp(pattern);
    std::filesystem::create_directories(dir_ + "/conf.d");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ + "/" + name) << text;
  }
  std::string dir_;
};

TEST_F(IniIncludeTest, GlobsRelativeToTheIncludingFileInSortedOrder) {
  write("conf.d/b.conf", "[program:b]\ncommand=%(here)s/b\n");
  write("conf.d/a.conf", "[program:a]\ncommand=a\n[include]\nfiles=nested.conf\n");
  write("supervisord.conf", "[supervisord]\n[include]\nfiles = conf.d/*.conf none/*.ini\n");
  LoadResult result = load_file(dir_ + "/supervisord.conf", {});
  ASSERT_TRUE(result.model) << ini_errors(result)[0];
  EXPECT_EQ(names_of(result), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(result.model->find("b")->argv[0], dir_ + "/conf.d/b");
  EXPECT_EQ(ini_warnings(result),
            (std::vector<std::string>{
                dir_ +
                    "/supervisord.conf:3:9: warning: [include] files: no file matches via "
                    "include \"" +
                    dir_ + "/none/*.ini\"",
                dir_ + "/conf.d/a.conf:4:1: warning: [include] files: an [include] inside an "
                       "included file is ignored, as in supervisord"}));
}

TEST_F(IniIncludeTest, ErrorsInIncludedFilesNameThatFile) {
  write("conf.d/bad.conf", "[program:bad]\ncommand=x\nstartsecs=x\n");
  write("supervisord.conf", "[supervisord]\n[include]\nfiles=conf.d/*.conf\n");
  EXPECT_EQ(ini_errors(load_file(dir_ + "/supervisord.conf", {})),
            std::vector<std::string>{dir_ + "/conf.d/bad.conf:3:11: [program:bad] startsecs: "
                                            "\"x\" is not an integer"});
}

TEST(IniFormatTest, ChosenByExtensionThenContent) {
  EXPECT_TRUE(is_ini_config("/etc/supervisord.conf", ""));
  EXPECT_TRUE(is_ini_config("x.ini", ""));
  EXPECT_FALSE(is_ini_config("drover.yaml", "[program:x]\n"));
  EXPECT_TRUE(is_ini_config("config", "; comment\n[program:x]\ncommand=a\n"));
  EXPECT_TRUE(is_ini_config("config", "[supervisord]\n"));
  EXPECT_FALSE(is_ini_config("config", "services:\n  a:\n    command: \"[program:x]\"\n"));
}

}  // namespace
}  // namespace drover::config::test
