// supervisord's "group:name" addressing and its process info struct, built
// from drover's service views.
#include "api/rpc_names.h"

#include <algorithm>
#include <ctime>
#include <map>

namespace drover::api::rpc {
namespace {

bool by_name(const core::ServiceView* a, const core::ServiceView* b) {
  return process_name(*a) < process_name(*b);
}

// Python's str(datetime.timedelta) for whole seconds: "0:01:02", "2 days, 3:04:05".
std::string format_uptime(int64_t seconds) {
  seconds = std::max<int64_t>(seconds, 0);
  int64_t days = seconds / 86400;
  int64_t rest = seconds % 86400;
  char clock[32];
  std::snprintf(clock, sizeof clock, "%lld:%02lld:%02lld", static_cast<long long>(rest / 3600),
                static_cast<long long>(rest % 3600 / 60), static_cast<long long>(rest % 60));
  if (days == 0) {
    return clock;
  }
  return std::to_string(days) + (days == 1 ? " day, " : " days, ") + clock;
}

// supervisord's spawnerr: its own words for a start that ended too early
// (scripts grep for them), drover's reason for anything else.
std::string spawn_error(const core::ServiceView& view) {
  if (view.spawn_error.starts_with("exited too quickly")) {
    return "Exited too quickly (process log may have details)";
  }
  return view.spawn_error;
}

// supervisord's _interpretProcessInfo.
std::string describe(const core::ServiceView& view, int64_t now) {
  switch (view.state) {
    case core::State::Running:
      return "pid " + std::to_string(view.pid) + ", uptime " + format_uptime(now - view.started_at);
    case core::State::Fatal:
    case core::State::Backoff:
      return view.spawn_error.empty() ? "unknown error (try \"tail " + process_name(view) + "\")"
                                      : spawn_error(view);
    case core::State::Stopped:
    case core::State::Exited: {
      if (view.started_at == 0) {
        return "Not started";
      }
      std::time_t stop = view.stopped_at;
      std::tm local{};
      localtime_r(&stop, &local);
      char text[64];
      std::strftime(text, sizeof text, "%b %d %I:%M %p", &local);
      return text;
    }
    default:
      return "";
  }
}

int32_t clamp32(int64_t value) {
  return static_cast<int32_t>(std::clamp<int64_t>(value, INT32_MIN, INT32_MAX));
}

}  // namespace

std::string group_name(const core::ServiceView& view) {
  return view.group.empty() ? view.name : view.group;
}

std::string process_name(const core::ServiceView& view) {
  std::string group = group_name(view);
  if (view.name.size() > group.size() + 1 && view.name.compare(0, group.size(), group) == 0 &&
      view.name[group.size()] == ':') {
    return view.name.substr(group.size() + 1);
  }
  return view.name;
}

std::string namespec(const core::ServiceView& view) {
  std::string group = group_name(view);
  std::string name = process_name(view);
  return group == name ? name : group + ":" + name;
}

std::vector<Target> all_groups(const std::vector<core::ServiceView>& views) {
  std::map<std::string, Target> groups;
  for (const core::ServiceView& view : views) {
    Target& target = groups[group_name(view)];
    target.group = group_name(view);
    target.members.push_back(&view);
  }
  std::vector<Target> out;
  for (auto& [name, target] : groups) {
    std::stable_sort(target.members.begin(), target.members.end(), by_name);
    out.push_back(std::move(target));
  }
  return out;
}

std::variant<Target, Fault> find_target(const std::vector<core::ServiceView>& views,
                                        std::string_view name) {
  size_t colon = name.find(':');
  std::string group(name.substr(0, colon));
  std::string process(colon == std::string_view::npos ? name : name.substr(colon + 1));
  for (Target& target : all_groups(views)) {
    if (target.group != group) {
      continue;
    }
    if (process == "*") {
      return target;
    }
    for (const core::ServiceView* member : target.members) {
      if (process_name(*member) == process) {
        target.process = member;
        return target;
      }
    }
    return fault(kBadName, name);
  }
  // drover's own names ("web" for a service in group "app") also work.
  for (const core::ServiceView& view : views) {
    if (view.name == name) {
      return Target{group_name(view), {&view}, &view};
    }
  }
  return fault(kBadName, name);
}

int state_code(core::State state) {
  switch (state) {
    case core::State::Stopped:
      return 0;
    case core::State::Starting:
      return 10;
    case core::State::Running:
      return 20;
    case core::State::Backoff:
      return 30;
    case core::State::Stopping:
      return 40;
    case core::State::Exited:
      return 100;
    case core::State::Fatal:
      return 200;
    default:
      return 1000;
  }
}

bool is_running_state(core::State state) {
  return state == core::State::Running || state == core::State::Backoff ||
         state == core::State::Starting;
}

bool is_stopped_state(core::State state) {
  return state == core::State::Stopped || state == core::State::Exited ||
         state == core::State::Fatal || state == core::State::Unknown;
}

Value process_info(const core::ServiceView& view, int64_t now) {
  int exit_code = view.last_exit ? view.last_exit->code : 0;
  return Value(Struct{
      {"name", Value(process_name(view))},
      {"group", Value(group_name(view))},
      {"start", Value(clamp32(view.started_at))},
      {"stop", Value(clamp32(view.stopped_at))},
      {"now", Value(clamp32(now))},
      {"state", Value(state_code(view.state))},
      {"statename", Value(std::string(core::state_name(view.state)))},
      {"spawnerr", Value(spawn_error(view))},
      {"exitstatus", Value(exit_code)},
      {"logfile", Value(view.stdout_log_file)},
      {"stdout_logfile", Value(view.stdout_log_file)},
      {"stderr_logfile", Value(view.stderr_log_file)},
      {"pid", Value(view.pid)},
      {"description", Value(describe(view, now))},
  });
}

}  // namespace drover::api::rpc
