// supervisor.* log methods: byte-offset reads of the files on disk, with
// supervisord's offset semantics (api/log_file_read.h), clearing and stdin.
#include "api/log_file_read.h"
#include "api/rpc_method.h"
#include "api/rpc_names.h"

#include <sys/stat.h>
#include <unistd.h>

namespace drover::api::rpc {
namespace {

enum class Channel { Stdout, Stderr };

bool exists(const std::string& path) {
  struct stat info {};
  return !path.empty() && stat(path.c_str(), &info) == 0;
}

Reply read_range(const std::string& path, const Params& params, size_t index) {
  std::optional<int32_t> offset = int_param(params, index);
  std::optional<int32_t> length = int_param(params, index + 1);
  if (!offset || !length || params.size() != index + 2) {
    return fault(kIncorrectParameters);
  }
  if (!exists(path)) {
    return fault(kNoFile, path.empty() ? "None" : path);
  }
  ReadFileResult read = read_file_range(path, *offset, *length);
  if (!read.data) {
    return fault(read.error == ReadFileError::BadArguments ? kBadArguments : kFailed);
  }
  return Value(std::move(*read.data));
}

// The process named by params[0], or a fault.
std::variant<core::ServiceView, Fault> named_process(Controller& controller, const Params& params) {
  const std::string* name = string_param(params, 0);
  if (name == nullptr) {
    return fault(kIncorrectParameters);
  }
  std::vector<core::ServiceView> views = controller.services();
  auto target = find_target(views, *name);
  if (Fault* error = std::get_if<Fault>(&target)) {
    return *error;
  }
  if (std::get<Target>(target).process == nullptr) {
    return fault(kBadName, *name);
  }
  return *std::get<Target>(target).process;
}

const std::string& log_path(const core::ServiceView& view, Channel channel) {
  return channel == Channel::Stdout ? view.stdout_log_file : view.stderr_log_file;
}

Reply read_process_log(Controller& controller, const Params& params, Channel channel) {
  auto process = named_process(controller, params);
  if (Fault* error = std::get_if<Fault>(&process)) {
    return *error;
  }
  return read_range(log_path(std::get<core::ServiceView>(process), channel), params, 1);
}

Reply tail_process_log(Controller& controller, const Params& params, Channel channel) {
  auto process = named_process(controller, params);
  if (Fault* error = std::get_if<Fault>(&process)) {
    return *error;
  }
  std::optional<int32_t> offset = int_param(params, 1);
  std::optional<int32_t> length = int_param(params, 2);
  if (!offset || !length || params.size() != 3) {
    return fault(kIncorrectParameters);
  }
  const std::string& path = log_path(std::get<core::ServiceView>(process), channel);
  if (!exists(path)) {
    return Value(Array{Value(""), Value(0), Value(false)});
  }
  TailResult tail = tail_file(path, *offset, *length);
  int32_t end = static_cast<int32_t>(std::min<int64_t>(tail.offset, INT32_MAX));
  return Value(Array{Value(std::move(tail.data)), Value(end), Value(tail.overflow)});
}

// supervisord removes the files and reopens them; drover's writers append,
// so emptying the files in place has the same effect for every reader.
std::optional<Fault> clear_files(const core::ServiceView& view, const std::string& spec) {
  for (const std::string* path : {&view.stdout_log_file, &view.stderr_log_file}) {
    if (exists(*path) && truncate(path->c_str(), 0) != 0) {
      return fault(kFailed, spec);
    }
  }
  return std::nullopt;
}

Reply read_log(Controller& controller, const Params& params) {
  return read_range(controller.main_log_file(), params, 0);
}

Reply clear_log(Controller& controller, const Params&) {
  std::string path = controller.main_log_file();
  if (!exists(path)) {
    return fault(kNoFile);
  }
  if (truncate(path.c_str(), 0) != 0) {
    return fault(kFailed);
  }
  return Value(true);
}

Reply read_stdout(Controller& c, const Params& p) {
  return read_process_log(c, p, Channel::Stdout);
}
Reply read_stderr(Controller& c, const Params& p) {
  return read_process_log(c, p, Channel::Stderr);
}
Reply tail_stdout(Controller& c, const Params& p) {
  return tail_process_log(c, p, Channel::Stdout);
}
Reply tail_stderr(Controller& c, const Params& p) {
  return tail_process_log(c, p, Channel::Stderr);
}

Reply clear_process_logs(Controller& controller, const Params& params) {
  auto process = named_process(controller, params);
  if (Fault* error = std::get_if<Fault>(&process)) {
    return *error;
  }
  if (auto failed = clear_files(std::get<core::ServiceView>(process), *string_param(params, 0))) {
    return *failed;
  }
  return Value(true);
}

Reply clear_all_process_logs(Controller& controller, const Params&) {
  Array results;
  std::vector<core::ServiceView> views = controller.services();
  for (const Target& group : all_groups(views)) {
    for (const core::ServiceView* view : group.members) {
      std::optional<Fault> failed = clear_files(*view, namespec(*view));
      results.push_back(Value(Struct{{"name", Value(process_name(*view))},
                                     {"group", Value(group.group)},
                                     {"status", Value(failed ? failed->code : kSuccess)},
                                     {"description", Value(failed ? failed->message : "OK")}}));
    }
  }
  return Value(std::move(results));
}

Reply send_stdin(Controller& controller, const Params& params) {
  const std::string* chars = string_param(params, 1);
  if (chars == nullptr || params.size() != 2) {
    return fault(kIncorrectParameters);
  }
  auto process = named_process(controller, params);
  if (Fault* error = std::get_if<Fault>(&process)) {
    return *error;
  }
  const core::ServiceView& view = std::get<core::ServiceView>(process);
  if (view.pid == 0 || view.state == core::State::Stopping) {
    return fault(kNotRunning, *string_param(params, 0));
  }
  // Services from drover.yaml have no stdin pipe (they read /dev/null); a
  // pipe the process closed is supervisord's EPIPE: NO_FILE both.
  if (!controller.send_stdin(view.name, *chars)) {
    return fault(kNoFile, *string_param(params, 0));
  }
  return Value(true);
}

// Delivered to the listeners subscribed to REMOTE_COMMUNICATION, if any;
// true either way, as in supervisord.
Reply send_remote_comm_event(Controller& controller, const Params& params) {
  const std::string* type = string_param(params, 0);
  const std::string* data = string_param(params, 1);
  if (type == nullptr || data == nullptr || params.size() != 2) {
    return fault(kIncorrectParameters);
  }
  (void)controller.send_remote_event(*type, *data);
  return Value(true);
}

constexpr Method kMethods[] = {
    {"supervisor.readLog", "string,int,int",
     "Read length bytes from the main log starting at offset", read_log},
    {"supervisor.readMainLog", "string,int,int", "Read the main log (alias of readLog)", read_log},
    {"supervisor.clearLog", "boolean", "Clear the main log", clear_log},
    {"supervisor.readProcessLog", "string,string,int,int",
     "Read a process's stdout log (alias of readProcessStdoutLog)", read_stdout},
    {"supervisor.readProcessStdoutLog", "string,string,int,int",
     "Read length bytes from name's stdout log starting at offset", read_stdout},
    {"supervisor.readProcessStderrLog", "string,string,int,int",
     "Read length bytes from name's stderr log starting at offset", read_stderr},
    {"supervisor.tailProcessLog", "array,string,int,int",
     "Tail a process's stdout log (alias of tailProcessStdoutLog)", tail_stdout},
    {"supervisor.tailProcessStdoutLog", "array,string,int,int",
     "Tail name's stdout log: [bytes, offset, overflow]", tail_stdout},
    {"supervisor.tailProcessStderrLog", "array,string,int,int",
     "Tail name's stderr log: [bytes, offset, overflow]", tail_stderr},
    {"supervisor.clearProcessLogs", "boolean,string", "Clear the stdout and stderr logs of name",
     clear_process_logs},
    {"supervisor.clearProcessLog", "boolean,string", "Clear a process's logs (alias)",
     clear_process_logs},
    {"supervisor.clearAllProcessLogs", "array", "Clear all process log files",
     clear_all_process_logs},
    {"supervisor.sendProcessStdin", "boolean,string,string",
     "Send a string of chars to the stdin of the process name", send_stdin},
    {"supervisor.sendRemoteCommEvent", "boolean,string,string",
     "Send an event that will be received by event listener subprocesses", send_remote_comm_event},
};

}  // namespace

std::span<const Method> log_methods() { return kMethods; }

}  // namespace drover::api::rpc
