// `supervisord` as a name for drover (`COPY drover /usr/bin/supervisord`):
// supervisord's command line mapped onto `drover up`. Each flag that sets an
// option becomes that [supervisord] option, so the config reader applies it
// with the same checks and the same meaning as in the file.
#include "cli/supervisord_alias.h"

#include "cli/exit_codes.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace drover::cli {
namespace {

// A flag with a value and the [supervisord] option it sets.
struct ValueFlag {
  const char* names;
  const char* option;
  const char* help;
};

constexpr ValueFlag kValueFlags[] = {
    {"-u,--user", "user", "run supervisord as this user (or numeric uid)"},
    {"-m,--umask", "umask", "use this umask for daemon subprocess (default is 022)"},
    {"-d,--directory", "directory", "directory to chdir to when daemonized"},
    {"-l,--logfile", "logfile", "use FILENAME as logfile path"},
    {"-y,--logfile_maxbytes", "logfile_maxbytes", "use BYTES to limit the max size of logfile"},
    {"-z,--logfile_backups", "logfile_backups", "number of backups to keep when max bytes reached"},
    {"-e,--loglevel", "loglevel", "use LEVEL as log level (debug,info,warn,error,critical)"},
    {"-j,--pidfile", "pidfile", "write a pid file for the daemon process to FILENAME"},
    {"-i,--identifier", "identifier", "identifier used for this instance of supervisord"},
    {"-q,--childlogdir", "childlogdir", "the log directory for child process logs"},
    {"-a,--minfds", "minfds", "the minimum number of file descriptors for start success"},
    {"--minprocs", "minprocs", "the minimum number of processes available for start success"},
};

// A flag without a value and the [supervisord] option it turns on.
struct SwitchFlag {
  const char* names;
  const char* option;
  const char* help;
};

constexpr SwitchFlag kSwitchFlags[] = {
    {"-n,--nodaemon", "nodaemon", "run in the foreground (same as 'nodaemon=true' in config file)"},
    {"-s,--silent", "silent", "no logs to stdout (maximum silence)"},
    {"-k,--nocleanup", "nocleanup", "prevent the process from performing cleanup"},
    {"-t,--strip_ansi", "strip_ansi", "strip ansi escape codes from process output"},
};

}  // namespace

int run_supervisord_with(const std::vector<std::string>& args, const LocalHandlers& local,
                         const CliIo& io) {
  try {
    CLI::App app{"supervisord -- run a set of applications as daemons (drover)", "supervisord"};
    SupervisordInvocation invocation;
    invocation.argv0 = args.empty() ? "supervisord" : args[0];
    app.add_option("-c,--configuration", invocation.config, "configuration file path")
        ->type_name("FILENAME");
    std::vector<std::string> values(std::size(kValueFlags));
    for (size_t i = 0; i < std::size(kValueFlags); ++i) {
      app.add_option(kValueFlags[i].names, values[i], kValueFlags[i].help);
    }
    std::vector<CLI::Option*> switch_options;
    for (const SwitchFlag& flag : kSwitchFlags) {
      switch_options.push_back(app.add_flag(flag.names, flag.help));
    }
    app.set_version_flag("-v,--version", "drover " DROVER_VERSION " (supervisord 4.2 drop-in)");
    std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);
    try {
      app.parse(reversed);
    } catch (const CLI::Success& e) {
      app.exit(e, io.out, io.err);
      return kExitOk;
    } catch (const CLI::ParseError& e) {
      io.err << "Error: " << e.what() << "\nFor help, use " << invocation.argv0 << " -h\n";
      return kExitUsage;
    }
    for (size_t i = 0; i < std::size(kValueFlags); ++i) {
      if (app.get_option(std::string("--") + (kValueFlags[i].option))->count() > 0) {
        invocation.overrides.emplace_back(kValueFlags[i].option, values[i]);
      }
    }
    for (size_t i = 0; i < std::size(kSwitchFlags); ++i) {
      if (switch_options[i]->count() > 0) {
        invocation.overrides.emplace_back(kSwitchFlags[i].option, "true");
      }
    }
    if (!local.supervisord) {
      io.err << "supervisord: not available in this build\n";
      return kExitFailure;
    }
    return local.supervisord(invocation);
  } catch (const std::exception& e) {
    io.err << "supervisord: internal error: " << e.what() << '\n';
    return kExitFailure;
  }
}

int run_supervisord(int argc, char** argv, const LocalHandlers& local) {
  CliIo io{std::cout, std::cerr, nullptr};
  return run_supervisord_with(std::vector<std::string>(argv, argv + argc), local, io);
}

}  // namespace drover::cli
