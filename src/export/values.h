#pragma once

#include "core/model.h"

#include <optional>
#include <string>

// Conversions from drover's values to the orchestrators' spellings. Pure.
namespace drover::exporter {

// A DNS-1123 label: lower case letters, digits and '-', at most 63 bytes,
// starting and ending with a letter or digit ("Web_UI" -> "web-ui").
std::string dns_label(const std::string& name);

// Whole seconds, rounded up, at least `minimum`.
int whole_seconds(core::Duration duration, int minimum = 1);

// A memory quantity: "512Mi", "1Gi", "1500k"... exact, never rounded.
std::string memory_quantity(uint64_t bytes);

// A CPU quantity in millicores: 0.5 -> "500m", 2 -> "2".
std::string cpu_quantity(double cpus);

// The schedule in the five-field form Kubernetes and cron share. `@every`
// becomes "*/N * * * *" or "0 */N * * *" when it divides an hour or a day;
// nullopt when it cannot be said.
std::optional<std::string> cron_for_orchestrator(const core::ScheduleSpec& schedule);

// The port of an http or tcp probe, nullopt for an exec probe, a named port
// or an unparsable target.
std::optional<int> probe_port(const core::HealthSpec& health);

// Whether the probe's host is this machine (127.0.0.1, localhost, ::1, empty):
// in a pod, a probe without a host goes to the pod's own address.
bool probe_is_local(const core::HealthSpec& health);

}  // namespace drover::exporter
