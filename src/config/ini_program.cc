// [program:x] -> one ServiceSpec per process, with supervisord's semantics
// mapped onto drover's model (docs/supervisord-compat.md has the table):
// startsecs is the start period, startretries the start retries, autorestart
// unexpected restarts on an exit code not in exitcodes.
#include "config/ini_program.h"

#include "base/shell_words.h"
#include "config/ini_values.h"

#include <climits>

#include <algorithm>

namespace drover::config {
namespace {

using core::ServiceSpec;

constexpr long long kMaxSeconds = 365LL * 24 * 3600;

void read_command(IniSectionReader& r, ServiceSpec& spec) {
  std::optional<std::string> command = r.text("command");
  if (!command) {
    if (r.entry("command") == nullptr) {
      r.error("", "program section " + r.section().name + " does not specify a command");
    }
    return;
  }
  Result<std::vector<std::string>> words = split_shell_words(*command);
  if (!words) {
    r.error("command", words.error().message);
  } else if (words->empty()) {
    r.error("command", "is empty");
  } else {
    spec.argv = std::move(*words);
  }
}

void read_restart(IniSectionReader& r, ServiceSpec& spec) {
  spec.restart = core::RestartPolicy::OnFailure;  // supervisord's default: unexpected.
  std::optional<std::string> value = r.text("autorestart");
  if (!value) {
    return;
  }
  std::string word = *value;
  std::transform(word.begin(), word.end(), word.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (word == "unexpected") {
    return;
  }
  std::optional<bool> flag = parse_ini_bool(word);
  if (!flag) {
    r.error("autorestart", "\"" + *value + "\" is not true, false or unexpected");
    return;
  }
  spec.restart = *flag ? core::RestartPolicy::Always : core::RestartPolicy::Never;
}

void read_exit_codes(IniSectionReader& r, ServiceSpec& spec) {
  std::optional<std::string> value = r.text("exitcodes");
  if (!value) {
    return;
  }
  std::vector<int> codes;
  for (const auto& [item, offset] : split_ini_list(*value)) {
    char* end = nullptr;
    long code = std::strtol(item.c_str(), &end, 10);
    if (*end != '\0' || code < 0 || code > 255) {
      r.error("exitcodes", "\"" + item + "\" is not an exit code from 0 to 255");
      return;
    }
    codes.push_back(static_cast<int>(code));
  }
  if (codes.empty()) {
    r.error("exitcodes", "must list at least one exit code");
    return;
  }
  spec.success_exit_codes = std::move(codes);
}

void read_timing(IniSectionReader& r, ServiceSpec& spec) {
  if (auto secs = r.integer("startsecs", 0, kMaxSeconds)) {
    spec.start_period = std::chrono::seconds(*secs);
  }
  if (auto retries = r.integer("startretries", 0, INT_MAX)) {
    spec.start_retries = static_cast<int>(*retries);
  }
  if (auto secs = r.integer("stopwaitsecs", 0, kMaxSeconds)) {
    spec.stop_timeout = std::chrono::seconds(*secs);
  }
  if (auto signo = r.signal("stopsignal")) {
    spec.stop_signal = *signo;
  }
  // supervisord signals the process only unless stopasgroup; drover's
  // SIGKILL after stopwaitsecs always goes to the group.
  spec.stop_target = core::SignalTarget::Process;
  bool as_group = r.boolean("stopasgroup").value_or(false);
  if (as_group) {
    spec.stop_target = core::SignalTarget::Group;
  }
  if (auto kill = r.boolean("killasgroup"); kill && !*kill) {
    if (as_group) {
      r.error("killasgroup", "Cannot set stopasgroup=true and killasgroup=false");
    } else {
      r.warn("killasgroup",
             "drover always sends SIGKILL to the whole process group after stopwaitsecs");
    }
  }
}

void read_process_env(IniSectionReader& r, const IniGlobals& g, const std::string& group,
                      ServiceSpec& spec) {
  spec.env = g.environment;
  spec.env.emplace_back("SUPERVISOR_ENABLED", "1");
  spec.env.emplace_back("SUPERVISOR_PROCESS_NAME", spec.name);
  spec.env.emplace_back("SUPERVISOR_GROUP_NAME", group);
  std::string url = r.text("serverurl").value_or("AUTO");
  spec.env.emplace_back("SUPERVISOR_SERVER_URL", url == "AUTO" ? g.server_url : url);
  if (std::optional<std::string> value = r.text("environment")) {
    auto pairs = parse_supervisord_environment(*value);
    if (!pairs) {
      r.error("environment", pairs.error().message);
      return;
    }
    for (auto& pair : *pairs) {
      std::erase_if(spec.env, [&pair](const auto& e) { return e.first == pair.first; });
      spec.env.push_back(std::move(pair));
    }
  }
}

void read_process_options(IniSectionReader& r, const IniGlobals& g, const std::string& group,
                          ServiceRead& out) {
  ServiceSpec& spec = out.spec;
  read_command(r, spec);
  if (auto priority = r.integer("priority", INT_MIN, INT_MAX)) {
    spec.priority = static_cast<int>(*priority);
  }
  if (auto autostart = r.boolean("autostart")) {
    spec.autostart = *autostart;
  }
  read_restart(r, spec);
  read_exit_codes(r, spec);
  read_timing(r, spec);
  if (auto user = r.text("user"); user && !user->empty()) {
    spec.user = *user;
  }
  if (auto directory = r.text("directory"); directory && !directory->empty()) {
    spec.working_dir = *directory;
  }
  if (auto mask = r.octal("umask", 0777)) {
    spec.umask = *mask;
  }
  read_process_env(r, g, group, spec);
  read_program_log(r, g, spec);
  read_extensions(r, out);
}

// The name of process `num`: process_name expanded with process_num, which
// it must mention when there are several (supervisord's own message).
std::optional<std::string> process_name(IniSectionReader& r, long long numprocs) {
  std::string pattern = r.raw("process_name").value_or("%(program_name)s");
  if (numprocs > 1 && pattern.find("%(process_num)") == std::string::npos) {
    r.error("process_name", "%(process_num) must be present within process_name when numprocs > 1");
    return std::nullopt;
  }
  return r.text("process_name").value_or(r.names().at("program_name").text);
}

}  // namespace

const std::vector<std::string>& program_keys() {
  static const std::vector<std::string> keys = {"command",
                                                "process_name",
                                                "numprocs",
                                                "numprocs_start",
                                                "priority",
                                                "autostart",
                                                "startsecs",
                                                "startretries",
                                                "autorestart",
                                                "exitcodes",
                                                "stopsignal",
                                                "stopwaitsecs",
                                                "stopasgroup",
                                                "killasgroup",
                                                "user",
                                                "redirect_stderr",
                                                "stdout_logfile",
                                                "stdout_logfile_maxbytes",
                                                "stdout_logfile_backups",
                                                "stdout_capture_maxbytes",
                                                "stdout_events_enabled",
                                                "stdout_syslog",
                                                "stderr_logfile",
                                                "stderr_logfile_maxbytes",
                                                "stderr_logfile_backups",
                                                "stderr_capture_maxbytes",
                                                "stderr_events_enabled",
                                                "stderr_syslog",
                                                "environment",
                                                "directory",
                                                "umask",
                                                "serverurl"};
  return keys;
}

ProgramRead read_program(const IniSection& section, const std::string& group,
                         const IniGlobals& globals, Errors& errors, Errors& warnings) {
  ProgramRead out;
  out.program = section.name.substr(section.name.find(':') + 1);
  IniExpansions names = base_ini_expansions(globals.env, section.here);
  names["program_name"] = {out.program, std::nullopt};
  names["group_name"] = {group, std::nullopt};
  names["host_node_name"] = {globals.host_node_name, std::nullopt};
  IniSectionReader reader(section, names, errors, warnings);
  std::vector<std::string> known = program_keys();
  known.insert(known.end(), extension_keys().begin(), extension_keys().end());
  bool listener = section.name.rfind("eventlistener:", 0) == 0;
  if (listener) {
    known.insert(known.end(), eventlistener_keys().begin(), eventlistener_keys().end());
  }
  reader.warn_unknown(known);
  long long numprocs = reader.integer("numprocs", 1, 10000).value_or(1);
  long long start = reader.integer("numprocs_start", 0, INT_MAX - 10000).value_or(0);
  for (long long num = start; num < start + numprocs; ++num) {
    size_t errors_before = errors.size();
    // Warnings are the same for every process; keep the first process's.
    Errors process_warnings;
    IniSectionReader r(section, names, errors, num == start ? warnings : process_warnings);
    r.names()["process_num"] = {std::to_string(num), num};
    r.names()["numprocs"] = {std::to_string(numprocs), numprocs};
    ServiceRead process;
    process.where.name_at = section.at;
    std::optional<std::string> name = process_name(r, numprocs);
    process.spec.name = name.value_or(out.program);
    process.spec.program_group = group;
    process.spec.stdin_pipe = true;  // As supervisord: sendProcessStdin can write to it.
    if (listener) {
      process.spec.priority = -1;  // supervisord's default for listeners: start first.
    }
    read_process_options(r, globals, group, process);
    if (listener) {
      read_event_listener(r, out.program, process.spec);
    }
    out.processes.push_back(std::move(process));
    if (errors.size() != errors_before) {
      break;  // The same mistake would be reported once per process.
    }
  }
  return out;
}

}  // namespace drover::config
