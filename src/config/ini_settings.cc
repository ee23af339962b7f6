// The daemon-wide sections. supervisord's defaults are kept where drover has
// the same setting (logfile_maxbytes 50MB, chmod 0700, identifier
// "supervisor"); its options without an equivalent are warned about unless
// they hold supervisord's default, since then nothing differs.
#include "config/ini_settings.h"

#include "config/config.h"
#include "config/ini_values.h"

#include <climits>

#include <algorithm>
#include <filesystem>

namespace drover::config {
namespace {

constexpr size_t kMaxSocketPath = 107;

std::string absolute(const std::string& path) {
  std::error_code ec;
  std::filesystem::path full = std::filesystem::absolute(path, ec);
  return ec ? path : full.lexically_normal().string();
}

const std::vector<std::string> kSupervisordKeys = {
    "logfile",  "logfile_maxbytes", "logfile_backups", "loglevel",    "pidfile",   "umask",
    "nodaemon", "silent",           "minfds",          "minprocs",    "nocleanup", "childlogdir",
    "user",     "directory",        "strip_ansi",      "environment", "identifier"};
const std::vector<std::string> kLogLevels = {"critical", "error", "warn",   "info",
                                             "debug",    "trace", "blather"};

void read_daemon_flags(IniSectionReader& r, core::DaemonSettings& d) {
  if (auto nodaemon = r.boolean("nodaemon")) {
    d.foreground = *nodaemon;
  }
  if (auto silent = r.boolean("silent"); silent && *silent) {
    r.warn("silent", "not supported yet; drover's own log still goes to stdout in the foreground");
  }
  if (auto nocleanup = r.boolean("nocleanup"); nocleanup && *nocleanup) {
    r.warn("nocleanup", "no effect: drover's AUTO log files have stable names and are reused");
  }
  if (auto strip = r.boolean("strip_ansi"); strip && *strip) {
    r.warn("strip_ansi", "not supported yet; escape sequences are kept in log files");
  }
  d.minfds = r.integer("minfds", 0, LLONG_MAX).value_or(static_cast<long long>(d.minfds));
  d.minprocs = r.integer("minprocs", 0, LLONG_MAX).value_or(static_cast<long long>(d.minprocs));
  d.umask = r.octal("umask", 0777).value_or(022);
  d.user = r.text("user").value_or("");
  d.directory = r.text("directory").value_or("");
  d.identifier = r.text("identifier").value_or(d.identifier);
}

void read_supervisord(IniSectionReader& r, core::Settings& s, IniGlobals& g) {
  r.warn_unknown(kSupervisordKeys);
  core::DaemonSettings& d = s.daemon;
  d.foreground = false;  // supervisord daemonizes unless nodaemon or -n.
  if (auto logfile = r.text("logfile")) {
    d.log_file =
        *logfile == "NONE" ? "" : (logfile->rfind("/dev/", 0) == 0 ? *logfile : absolute(*logfile));
  }
  d.log_max_size = r.byte_size("logfile_maxbytes").value_or(d.log_max_size);
  d.log_backups =
      static_cast<int>(r.integer("logfile_backups", 0, INT_MAX).value_or(d.log_backups));
  if (auto level = r.text("loglevel")) {
    if (std::find(kLogLevels.begin(), kLogLevels.end(), *level) == kLogLevels.end()) {
      r.error("loglevel", "\"" + *level +
                              "\" is not one of critical, error, warn, info, debug, "
                              "trace, blather");
    } else {
      d.log_level = *level;
    }
  }
  if (auto pidfile = r.text("pidfile")) {
    d.pidfile = absolute(*pidfile);
  }
  read_daemon_flags(r, d);
  g.identifier = d.identifier;
  if (auto dir = r.text("childlogdir")) {
    g.childlogdir = absolute(*dir);
  }
  if (auto value = r.text("environment")) {
    auto pairs = parse_supervisord_environment(*value);
    if (pairs) {
      g.environment = std::move(*pairs);
    } else {
      r.error("environment", pairs.error().message);
    }
  }
}

// supervisord refuses half a credential rather than serving without one.
core::HttpAuth read_auth(IniSectionReader& r) {
  core::HttpAuth auth;
  std::optional<std::string> user = r.text("username");
  std::optional<std::string> password = r.text("password");
  if (user.has_value() != password.has_value()) {
    r.error(user ? "username" : "password",
            "Section [" + r.section().name +
                "] contains incomplete authentication: If a username or a password is "
                "specified, both the username and password must be specified");
  }
  auth.user = user.value_or("");
  auth.password = password.value_or("");
  return auth;
}

void read_unix_server(IniSectionReader& r, core::Settings& s) {
  r.warn_unknown({"file", "chmod", "chown", "username", "password"});
  std::optional<std::string> file = r.text("file");
  if (!file) {
    if (r.entry("file") == nullptr) {
      r.error("", "section [unix_http_server] has no file value");
    }
  } else if (file->size() > kMaxSocketPath) {
    r.error("file", "socket path is " + std::to_string(file->size()) +
                        " bytes long; a unix socket path holds at most 107");
  } else {
    s.control = absolute(*file);
  }
  s.control_access.mode = r.octal("chmod", 07777).value_or(0700);
  s.control_access.owner = r.text("chown").value_or("");
  s.control_access.auth = read_auth(r);
}

void read_inet_server(IniSectionReader& r, core::Settings& s) {
  r.warn_unknown({"port", "username", "password"});
  std::optional<std::string> port = r.text("port");
  if (!port) {
    if (r.entry("port") == nullptr) {
      r.error("", "section [inet_http_server] has no port value");
    }
    return;
  }
  size_t colon = port->rfind(':');
  std::string host = colon == std::string::npos ? "" : port->substr(0, colon);
  std::string number = colon == std::string::npos ? *port : port->substr(colon + 1);
  if (number.empty() || number.find_first_not_of("0123456789") != std::string::npos ||
      number.size() > 5 || std::stoi(number) > 65535) {
    r.error("port", "\"" + *port + "\" is not host:port or port");
    return;
  }
  s.http.listen = (host.empty() || host == "*" ? "0.0.0.0" : host) + ":" + number;
  s.http.auth = read_auth(r);
  // supervisord serves without authentication when no username is set.
  s.http.insecure = s.http.auth.user.empty();
  if (s.http.insecure && host != "127.0.0.1" && host != "localhost") {
    r.warn("port",
           "serving the control API on " + s.http.listen +
               " without a username and "
               "password, as supervisord does; anyone who can reach it controls every process");
  }
}

void read_rpcinterface(IniSectionReader& r) {
  std::optional<std::string> factory = r.text("supervisor.rpcinterface_factory");
  if (r.section().name != "rpcinterface:supervisor" || !factory ||
      *factory != "supervisor.rpcinterface:make_main_rpcinterface") {
    r.warn_section(
        "custom RPC interfaces are not supported; drover serves supervisord's "
        "built-in one only");
  }
}

}  // namespace

core::Settings read_ini_settings(const IniDocument& doc, const std::string& file,
                                 const Environment& env, IniGlobals& globals, Errors& errors,
                                 Errors& warnings) {
  core::Settings settings;
  settings.control = default_control_socket(env);
  settings.daemon.foreground = false;
  const IniSection* main = doc.find("supervisord");
  if (main == nullptr) {
    errors.push_back(config_error(SourceLocation{file, 1, 1}, "[supervisord]",
                                  ".ini file does not include supervisord section"));
  }
  for (const IniSection& section : doc.sections) {
    IniSectionReader r(section, base_ini_expansions(env, section.here), errors, warnings);
    if (section.name == "supervisord") {
      read_supervisord(r, settings, globals);
    } else if (section.name == "unix_http_server") {
      read_unix_server(r, settings);
    } else if (section.name == "inet_http_server") {
      read_inet_server(r, settings);
    } else if (section.name == "supervisorctl") {
      r.warn_unknown({"serverurl", "username", "password", "prompt", "history_file"});
    } else if (section.name.rfind("rpcinterface:", 0) == 0) {
      read_rpcinterface(r);
    }
  }
  if (globals.childlogdir.empty()) {
    auto tmp = env.find("TMPDIR");  // Python's tempfile.gettempdir().
    globals.childlogdir = tmp != env.end() && !tmp->second.empty() ? tmp->second : "/tmp";
  }
  globals.server_url = "unix://" + settings.control;
  return settings;
}

}  // namespace drover::config
