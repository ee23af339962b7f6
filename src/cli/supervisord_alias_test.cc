// supervisord's command line mapped onto [supervisord] overrides.
#include "cli/supervisord_alias.h"

#include "cli/exit_codes.h"

#include <gtest/gtest.h>

#include <sstream>

namespace drover::cli {
namespace {

struct AliasRun {
  int code = -1;
  SupervisordInvocation invocation;
  std::string out;
  std::string err;
};

AliasRun run(std::vector<std::string> args) {
  AliasRun result;
  LocalHandlers local;
  local.supervisord = [&result](const SupervisordInvocation& invocation) {
    result.invocation = invocation;
    return 0;
  };
  std::ostringstream out;
  std::ostringstream err;
  CliIo io{out, err, nullptr};
  args.insert(args.begin(), "/usr/bin/supervisord");
  result.code = run_supervisord_with(args, local, io);
  result.out = out.str();
  result.err = err.str();
  return result;
}

using Overrides = std::vector<std::pair<std::string, std::string>>;

TEST(SupervisordAliasTest, ShortFlagsBecomeSupervisordOptions) {
  AliasRun r = run({"-c",     "/etc/sd.conf", "-n",  "-u", "app", "-d",   "/srv",  "-l",
                    "/l.log", "-y",           "1MB", "-z", "3",   "-e",   "debug", "-j",
                    "/p.pid", "-i",           "box", "-k", "-a",  "2048", "-t"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.invocation.config, "/etc/sd.conf");
  EXPECT_EQ(r.invocation.argv0, "/usr/bin/supervisord");
  EXPECT_EQ(r.invocation.overrides, (Overrides{{"user", "app"},
                                               {"directory", "/srv"},
                                               {"logfile", "/l.log"},
                                               {"logfile_maxbytes", "1MB"},
                                               {"logfile_backups", "3"},
                                               {"loglevel", "debug"},
                                               {"pidfile", "/p.pid"},
                                               {"identifier", "box"},
                                               {"minfds", "2048"},
                                               {"nodaemon", "true"},
                                               {"nocleanup", "true"},
                                               {"strip_ansi", "true"}}));
}

TEST(SupervisordAliasTest, LongFormsWithEquals) {
  AliasRun r = run({"--configuration=/x.conf", "--nodaemon", "--loglevel=warn"});
  EXPECT_EQ(r.invocation.config, "/x.conf");
  EXPECT_EQ(r.invocation.overrides, (Overrides{{"loglevel", "warn"}, {"nodaemon", "true"}}));
}

TEST(SupervisordAliasTest, NoFlagsSearchesForTheConfig) {
  AliasRun r = run({});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.invocation.config, "");
  EXPECT_TRUE(r.invocation.overrides.empty());
}

TEST(SupervisordAliasTest, VersionHelpAndBadFlags) {
  AliasRun version = run({"-v"});
  EXPECT_EQ(version.code, kExitOk);
  EXPECT_NE(version.out.find("supervisord 4.2"), std::string::npos) << version.out;
  AliasRun help = run({"-h"});
  EXPECT_EQ(help.code, kExitOk);
  EXPECT_NE(help.out.find("--nodaemon"), std::string::npos);
  AliasRun bad = run({"--bogus"});
  EXPECT_EQ(bad.code, kExitUsage);
  EXPECT_NE(bad.err.find("For help, use /usr/bin/supervisord -h"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace drover::cli
