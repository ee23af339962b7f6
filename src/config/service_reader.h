#pragma once

#include "config/config.h"
#include "config/config_error.h"
#include "config/node.h"
#include "config/validate.h"
#include "core/model.h"

#include <string>
#include <vector>

namespace drover::config {

// One service as read from the tree, with the locations the cross-service
// checks (validate.h) need.
struct ServiceRead {
  core::ServiceSpec spec;
  ServiceLocations where;
};

// The keys a service map may hold, in documentation order.
const std::vector<std::string>& service_keys();

// Reads `services.<name>` into a ServiceSpec, applying defaults. Reports
// every problem with the service's own fields; the spec is filled as far as
// possible even then, so dependency checks still see it. `config_file`
// resolves a relative env_file.
ServiceRead read_service(const MapEntry& entry, const std::string& config_file, Errors& errors);

// The parts of read_service() that span several keys, in their own files.
// `service` is the service's map; `field` is "services.<name>".

// command / binary / args / shell -> spec.argv (service_command.cc).
void read_command(const Node& service, const SourceLocation& name_at, const std::string& field,
                  core::ServiceSpec& spec, Errors& errors);
// runtime -> spec.runtime, and an error for every key the other runtime
// owns (image on a process, umask on a container) (service_container.cc).
// False when the runtime itself is invalid: then no command can be judged.
bool read_runtime(const Node& service, const std::string& field, core::ServiceSpec& spec,
                  Errors& errors);
// runtime: container: image (required), command/args (the CMD override),
// entrypoint, volumes, ports, ... -> spec.argv and spec.container.
void read_container(const Node& service, const SourceLocation& name_at, const std::string& field,
                    const std::string& config_file, core::ServiceSpec& spec, Errors& errors);
// env_file, then env on top of it -> spec.env (service_env.cc).
void read_environment(const Node& service, const std::string& field, const std::string& config_file,
                      core::ServiceSpec& spec, Errors& errors);

// health: {exec|http|tcp, ...}, ready: notify|{fd: N} and watchdog ->
// spec.health and spec.ready (service_health.cc). Reads after `type`: the
// default on_failure is restart for a longrun, none for a oneshot.
void read_health(const Node& service, const std::string& field, core::ServiceSpec& spec,
                 Errors& errors);

// resources: {memory, memory_swap, cpus, pids, nofile} -> spec.resources
// (service_resources.cc).
void read_resources(const Node& service, const std::string& field, core::ServiceSpec& spec,
                    Errors& errors);

// The keys a service's `log` map may hold, in documentation order.
const std::vector<std::string>& log_keys();
// log: {dir, stdout_file, ...} -> spec.log (service_log.cc). Reads after
// working_dir: relative `follow` paths are resolved against it, else against
// the directory of `config_file`.
void read_log(const Node& service, const std::string& field, const std::string& config_file,
              core::ServiceSpec& spec, Errors& errors);

// schedule, timezone, concurrency, starting_deadline, max_runtime ->
// spec.schedule (service_schedule.cc). A schedule makes the service a
// oneshot (each run is one instance); an explicit `type: longrun` is an
// error. Records where the timezone was written for check_time_zones().
void read_schedule(const Node& service, const std::string& field, ServiceRead& out, Errors& errors);
// Asks `check_zone` about every scheduled service's timezone, reporting
// failures at the timezone value. Does nothing when check_zone is empty.
// REQUIRES: where.size() == services.size().
void check_time_zones(const std::vector<core::ServiceSpec>& services,
                      const std::vector<ServiceLocations>& where, const TimeZoneCheck& check_zone,
                      Errors& errors);

}  // namespace drover::config
