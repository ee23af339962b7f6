// drover's entry point: builds the pieces and hands argv to the CLI's command
// table. `up` and `check` are the only commands that load a config and run
// code in this process; every other command is an API client. The wiring of
// supervisor, runtimes and API server happens here and nowhere else.
#include "api_listeners.h"
#include "export_main.h"
#include "role_main.h"
#include "supervisord_main.h"
#include "tz/tz_database.h"
#include "up.h"

#include "api/http_server.h"
#include "cli/cli.h"
#include "config/config.h"
#include "config/ini_section_reader.h"
#include "log/diagnostics.h"
#include "supervisor/supervisor.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <iostream>
#include <signal.h>
#include <unistd.h>

extern char** environ;

namespace drover {
namespace {

// Every config error, one per line, in file:line:col form.
std::string join_errors(const std::vector<Error>& errors) {
  std::string text;
  for (const Error& error : errors) {
    if (!text.empty()) {
      text += '\n';
    }
    text += error.to_string();
  }
  return text;
}

// A service's `timezone:` must name a zone of the system tz database
// ($TZDIR or /usr/share/zoneinfo), checked when the config is loaded.
config::TimeZoneCheck zone_check(const config::Environment& env) {
  auto dir = env.find("TZDIR");
  tz::TzDatabase database(dir == env.end() ? "" : dir->second);
  return [database](const std::string& name) -> Result<void> {
    Result<core::ZoneRules> rules = database.load(name);
    if (!rules) {
      return rules.error();
    }
    return {};
  };
}

void print_warnings(const config::LoadResult& loaded) {
  for (const Error& warning : loaded.warnings) {
    std::cerr << config::warning_line(warning) << "\n";
  }
}

Result<core::Model> load_model(const std::string& path, const config::Environment& env,
                               const config::SupervisordOverrides& overrides = {}) {
  config::LoadResult loaded = config::load_file(path, env, overrides, zone_check(env));
  if (!loaded.model) {
    return make_error(Errc::InvalidConfig, join_errors(loaded.errors));
  }
  return std::move(*loaded.model);
}

Result<std::string> find_config(const std::string& flag, const config::Environment& env) {
  return config::locate_config(flag, env);
}

int run_check(const std::string& flag) {
  config::Environment env = config::process_environment();
  Result<std::string> path = find_config(flag, env);
  if (!path) {
    std::cerr << "drover: " << path.error().to_string() << "\n";
    return 2;
  }
  config::LoadResult loaded = config::load_file(*path, env, {}, zone_check(env));
  print_warnings(loaded);
  if (!loaded.model) {
    std::cerr << join_errors(loaded.errors) << "\n";
    return 2;
  }
  std::cout << *path << ": ok, " << loaded.model->services.size() << " service(s)\n";
  return 0;
}

}  // namespace

// Loads the config for `up`, printing its warnings and errors on stderr.
Result<core::Model> load_for_up(const std::string& path,
                                const config::SupervisordOverrides& overrides) {
  config::Environment env = config::process_environment();
  config::LoadResult loaded = config::load_file(path, env, overrides, zone_check(env));
  print_warnings(loaded);
  if (!loaded.model) {
    std::cerr << join_errors(loaded.errors) << "\n";
    return make_error(Errc::InvalidConfig, "invalid config");
  }
  return std::move(*loaded.model);
}

std::optional<LoadedConfig> load_config_for_command(const std::string& flag) {
  Result<std::string> path = find_config(flag, config::process_environment());
  if (!path) {
    std::cerr << "drover: " << path.error().to_string() << "\n";
    return std::nullopt;
  }
  Result<core::Model> model = load_for_up(*path, {});
  if (!model) {
    return std::nullopt;
  }
  return LoadedConfig{std::move(*path), std::move(*model)};
}

int supervise(const std::string& path, core::Model loaded,
              const config::SupervisordOverrides& overrides, Reshape reshape) {
  Result<core::Model> model = std::move(loaded);
  // Writes to a closed socket or pipe must fail with EPIPE, not kill PID 1.
  ::signal(SIGPIPE, SIG_IGN);
  boost::asio::io_context io(1);
  std::string control = model->settings.control;
  core::Settings supervisor_settings = model->settings;
  std::string config_path = path;
  supervisor::Supervisor supervisor(
      io, std::move(*model),
      [config_path, overrides, reshape]() -> Result<core::Model> {
        Result<core::Model> reloaded =
            load_model(config_path, config::process_environment(), overrides);
        if (!reloaded || !reshape) {
          return reloaded;
        }
        return reshape(std::move(*reloaded));
      },
      environ);
  api::HttpServer server(io, supervisor);
  Result<void> listening = open_api_listeners(server, supervisor_settings);
  if (!listening) {
    log::error("", "unable to serve the control API: " + listening.error().message);
    return 1;
  }
  // When the stack has stopped, let open API connections (a `drover logs -f`
  // stream) write their last lines and end, for at most a second.
  boost::asio::steady_timer grace(io);
  supervisor.on_finished([&] {
    server.close([&] { io.stop(); });
    grace.expires_after(std::chrono::seconds(1));
    grace.async_wait([&](boost::system::error_code ec) {
      if (!ec) {
        io.stop();
      }
    });
  });
  log::info("", "supervising " + config_path + "; control socket " + control +
                    (supervisor_settings.http.listen.empty()
                         ? ""
                         : "; HTTP on " + supervisor_settings.http.listen));
  supervisor.start();
  io.run();
  return supervisor.exit_code();
}

namespace {

int run_up(const std::string& flag) {
  std::optional<LoadedConfig> loaded = load_config_for_command(flag);
  if (!loaded) {
    return 2;
  }
  return supervise(loaded->path, std::move(loaded->model), {});
}

std::string control_socket_for(const std::string& flag) {
  config::Environment env = config::process_environment();
  Result<std::string> path = find_config(flag, env);
  if (path) {
    config::LoadResult loaded = config::load_file(*path, env);
    if (loaded.model) {
      return loaded.model->settings.control;
    }
  }
  return config::default_control_socket(env);
}

}  // namespace
}  // namespace drover

int main(int argc, char** argv) {
  drover::cli::LocalHandlers local;
  local.up = drover::run_up;
  local.check = drover::run_check;
  local.default_socket = drover::control_socket_for;
  local.supervisord = drover::run_as_supervisord;
  local.run = drover::run_role;
  local.roles = drover::list_roles;
  local.export_manifests = drover::export_manifests;
  std::string_view program = argc > 0 ? argv[0] : "drover";
  if (program.substr(program.rfind('/') + 1) == "supervisord") {
    return drover::cli::run_supervisord(argc, argv, local);
  }
  return drover::cli::run_cli(argc, argv, local);
}
