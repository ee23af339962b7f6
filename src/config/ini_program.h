#pragma once

#include "config/config_error.h"
#include "config/environment.h"
#include "config/ini_document.h"
#include "config/ini_section_reader.h"
#include "config/service_reader.h"

#include <string>
#include <utility>
#include <vector>

namespace drover::config {

// What every [program:x] needs from the rest of the file.
struct IniGlobals {
  Environment env;             // For %(ENV_X)s.
  std::string host_node_name;  // For %(host_node_name)s: uname's nodename.
  std::string childlogdir;     // Where AUTO log files go.
  std::string identifier = "supervisor";
  std::string server_url;  // SUPERVISOR_SERVER_URL given to every process.
  std::vector<std::pair<std::string, std::string>> environment;  // [supervisord] environment.
};

// The processes of one [program:x]: one, or `numprocs` of them named by
// process_name. `group` is its [group:x] name, or the program's own name.
struct ProgramRead {
  std::string program;
  std::vector<ServiceRead> processes;
};

ProgramRead read_program(const IniSection& section, const std::string& group,
                         const IniGlobals& globals, Errors& errors, Errors& warnings);

// The options of [program:x] in supervisord's documentation order, then
// drover's extensions (ini_extensions.cc).
const std::vector<std::string>& program_keys();
const std::vector<std::string>& extension_keys();

// [eventlistener:x]'s own options (ini_eventlistener.cc): events=, buffer_size
// and result_handler -> spec.event_listener, pooled under `pool`.
const std::vector<std::string>& eventlistener_keys();
void read_event_listener(IniSectionReader& reader, const std::string& pool,
                         core::ServiceSpec& spec);

// stdout_logfile, stderr_logfile and their size, backup, capture, events
// and syslog options -> spec.log (ini_program_log.cc).
void read_program_log(IniSectionReader& reader, const IniGlobals& globals, core::ServiceSpec& spec);

// depends_on, required, type, health_*, ready* -> spec (ini_extensions.cc).
// Dependencies name programs; the reader maps them to processes later.
void read_extensions(IniSectionReader& reader, ServiceRead& out);

}  // namespace drover::config
