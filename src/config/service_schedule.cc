// The schedule keys of a service (issue #9). They are read together because
// they depend on each other: every other key needs `schedule`, and
// `schedule` changes the service's type.
#include "config/field_reader.h"
#include "config/service_reader.h"
#include "core/cron_expression.h"

namespace drover::config {
namespace {

const std::vector<std::string> kConcurrency = {"forbid", "allow", "replace"};
const char* const kNeedsSchedule[] = {"timezone", "concurrency", "starting_deadline",
                                      "max_runtime"};

void read_cron(const Node& value, const std::string& field, core::ScheduleSpec& schedule,
               Errors& errors) {
  std::optional<std::string> text = read_nonempty_string(value, field, errors);
  if (!text) {
    return;
  }
  Result<core::CronExpression> parsed = core::parse_cron(*text);
  if (!parsed) {
    errors.push_back(config_error(value.at, field, parsed.error().message));
    return;
  }
  schedule.cron = *text;
  schedule.expression = *parsed;
}

void read_options(const Node& service, const std::string& field, ServiceRead& out, Errors& errors) {
  core::ScheduleSpec& schedule = out.spec.schedule;
  if (const MapEntry* zone = find_entry(service, "timezone")) {
    std::optional<std::string> name =
        read_nonempty_string(zone->value, join_field(field, "timezone"), errors);
    schedule.timezone = name.value_or("");
    out.where.timezone_at = zone->value.at;
  }
  if (const MapEntry* concurrency = find_entry(service, "concurrency")) {
    constexpr core::ConcurrencyPolicy kByIndex[] = {core::ConcurrencyPolicy::Forbid,
                                                    core::ConcurrencyPolicy::Allow,
                                                    core::ConcurrencyPolicy::Replace};
    std::optional<size_t> policy =
        read_choice(concurrency->value, join_field(field, "concurrency"), kConcurrency, errors);
    schedule.concurrency = kByIndex[policy.value_or(0)];
  }
  if (const MapEntry* deadline = find_entry(service, "starting_deadline")) {
    schedule.starting_deadline =
        read_duration(deadline->value, join_field(field, "starting_deadline"), errors)
            .value_or(core::Duration{0});
  }
  if (const MapEntry* limit = find_entry(service, "max_runtime")) {
    schedule.max_runtime = read_duration(limit->value, join_field(field, "max_runtime"), errors)
                               .value_or(core::Duration{0});
  }
}

}  // namespace

void read_schedule(const Node& service, const std::string& field, ServiceRead& out,
                   Errors& errors) {
  const MapEntry* cron = find_entry(service, "schedule");
  if (cron == nullptr) {
    for (const char* key : kNeedsSchedule) {
      if (const MapEntry* entry = find_entry(service, key)) {
        errors.push_back(config_error(entry->key_at, join_field(field, key),
                                      std::string(key) + " needs schedule"));
      }
    }
    return;
  }
  read_cron(cron->value, join_field(field, "schedule"), out.spec.schedule, errors);
  read_options(service, field, out, errors);
  const MapEntry* type = find_entry(service, "type");
  if (type != nullptr && type->value.is_scalar() && type->value.text == "longrun") {
    errors.push_back(config_error(type->value.at, join_field(field, "type"),
                                  "a scheduled service is a oneshot (each run is one instance "
                                  "that exits); remove type: longrun or the schedule"));
  }
  out.spec.type = core::ServiceType::Oneshot;
}

void check_time_zones(const std::vector<core::ServiceSpec>& services,
                      const std::vector<ServiceLocations>& where, const TimeZoneCheck& check_zone,
                      Errors& errors) {
  if (!check_zone) {
    return;
  }
  for (size_t i = 0; i < services.size(); ++i) {
    const core::ServiceSpec& spec = services[i];
    if (!spec.schedule.scheduled() || spec.schedule.timezone.empty()) {
      continue;
    }
    if (Result<void> ok = check_zone(spec.schedule.timezone); !ok) {
      errors.push_back(config_error(where[i].timezone_at, "services." + spec.name + ".timezone",
                                    ok.error().message));
    }
  }
}

}  // namespace drover::config
