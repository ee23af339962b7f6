#include "runtime/remote/remote_runtime.h"

#include "base/signal_names.h"
#include "runtime/remote/remote_instance.h"
#include "runtime/remote/ssh_command.h"

#include <boost/asio/post.hpp>
#include <climits>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace drover::runtime {
namespace asio = boost::asio;
namespace {

constexpr size_t kKeptStderr = 4096;  // Enough for ssh's and the shell's own messages.

void keep_first(std::string& kept, std::string_view bytes) {
  if (kept.size() < kKeptStderr) {
    kept.append(bytes.substr(0, kKeptStderr - kept.size()));
  }
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

std::string local_host_name() {
  char name[HOST_NAME_MAX + 1] = {};
  return ::gethostname(name, sizeof name) == 0 ? std::string(name) : std::string("drover");
}

}  // namespace

// The inner ProcessRuntime's events, routed to the master or follower they
// belong to.
class RemoteRuntime::SshEvents : public Listener {
 public:
  explicit SshEvents(RemoteRuntime& owner) : owner_(owner) {}

  void on_spawned(InstanceId /*id*/, int /*pid*/) override {}
  void on_spawn_failed(InstanceId id, Error error) override {
    on_exited(id, core::ExitStatus(127, 0, "cannot run ssh: " + error.message));
  }
  void on_output(InstanceId id, Stream stream, std::string_view bytes) override {
    auto route = owner_.routes_.find(id);
    if (route == owner_.routes_.end()) {
      return;
    }
    if (route->second.master != nullptr) {
      owner_.master_output(*route->second.master, stream, bytes);
    } else {
      owner_.follower_output(route->second.follower_of, stream, bytes);
    }
  }
  void on_exited(InstanceId id, core::ExitStatus status) override {
    auto route = owner_.routes_.find(id);
    if (route == owner_.routes_.end()) {
      return;
    }
    Route where = route->second;
    owner_.routes_.erase(route);
    if (where.master != nullptr) {
      owner_.master_exited(*where.master, status);
    } else {
      owner_.follower_exited(where.follower_of, status);
    }
  }

 private:
  RemoteRuntime& owner_;
};

RemoteRuntime::RemoteRuntime(asio::io_context& io, Listener& listener, char* const* environment,
                             std::string project)
    : io_(io),
      listener_(listener),
      events_(std::make_unique<SshEvents>(*this)),
      ssh_(io, *events_, environment),
      project_(std::move(project)),
      local_host_(local_host_name()) {}

RemoteRuntime::~RemoteRuntime() {
  if (!control_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(control_dir_, ignored);
  }
}

bool RemoteRuntime::child_exited(pid_t pid, int wait_status) {
  return ssh_.child_exited(pid, wait_status);
}

const std::string& RemoteRuntime::control_dir() {
  if (control_dir_.empty()) {
    // Short and private: a unix socket path holds 107 bytes, and the
    // sockets let anyone who can open them use the connection.
    char templ[] = "/tmp/drover-ssh.XXXXXX";
    if (::mkdtemp(templ) != nullptr) {
      control_dir_ = templ;
    }
  }
  return control_dir_;
}

core::ServiceSpec RemoteRuntime::ssh_spec(std::vector<std::string> argv) const {
  core::ServiceSpec spec;
  spec.name = "ssh";
  spec.argv = std::move(argv);
  return spec;
}

void RemoteRuntime::start(InstanceId id, const core::ServiceSpec& spec) {
  auto instance = std::make_unique<Instance>(io_);
  instance->spec = spec;
  instance->host = &host_for(spec.remote);
  Host& host = *instance->host;
  instances_[id] = std::move(instance);
  connect(host, [this, id](const std::string* error) {
    if (error != nullptr) {
      fail(id, *error);
      return;
    }
    launch(id);
  });
}

void RemoteRuntime::fail(InstanceId id, const std::string& message) {
  if (instances_.erase(id) != 0) {
    listener_.on_spawn_failed(id, make_error(Errc::Unavailable, message));
  }
}

void RemoteRuntime::launch(InstanceId id) {
  auto found = instances_.find(id);
  if (found == instances_.end()) {
    return;
  }
  Instance& instance = *found->second;
  remote::Launch launch;
  launch.state_key = remote::state_key(local_host_, project_, instance.spec.name);
  launch.working_dir = instance.spec.working_dir;
  launch.env = instance.spec.env;
  launch.argv = instance.spec.argv;
  instance.phase = Instance::Phase::Starting;
  open_session(id, instance, remote::follower_script(launch));
}

void RemoteRuntime::open_session(InstanceId id, Instance& instance, const std::string& script) {
  instance.session = next_ssh_id_++;
  instance.first_line.clear();
  instance.setup_stderr.clear();
  routes_[instance.session] = Route{nullptr, id};
  ssh_.start(instance.session,
             ssh_spec(remote::session_argv(instance.host->remote, instance.host->control_path,
                                           remote::remote_command(script))));
}

void RemoteRuntime::follower_output(InstanceId id, Stream stream, std::string_view bytes) {
  auto found = instances_.find(id);
  if (found == instances_.end()) {
    return;
  }
  Instance& instance = *found->second;
  if (instance.phase == Instance::Phase::Attached) {
    listener_.on_output(id, stream, bytes);
    return;
  }
  if (stream == Stream::Stderr) {
    keep_first(instance.setup_stderr, bytes);
    return;
  }
  instance.first_line.append(bytes);
  size_t newline = instance.first_line.find('\n');
  if (newline == std::string::npos) {
    return;
  }
  std::string line = instance.first_line.substr(0, newline);
  std::string rest = instance.first_line.substr(newline + 1);
  instance.first_line.clear();
  first_line(id, instance, line);
  if (instance.phase == Instance::Phase::Attached && !rest.empty()) {
    listener_.on_output(id, Stream::Stdout, rest);
  }
}

// The follower's header, or what an adopt script found.
void RemoteRuntime::first_line(InstanceId id, Instance& instance, std::string_view line) {
  bool starting = instance.phase == Instance::Phase::Starting;
  std::optional<remote::Resumed> resumed =
      starting ? std::optional<remote::Resumed>() : remote::parse_resumed(line);
  std::optional<remote::Header> header = starting ? remote::parse_header(line) : std::nullopt;
  if (resumed && resumed->kind == remote::Resumed::Kind::Running) {
    header = resumed->header;
  }
  if (header) {
    instance.header = *header;
    instance.phase = Instance::Phase::Attached;
    if (starting) {
      listener_.on_spawned(id, 0);
    } else {
      attach(id, instance);
    }
    if (!instance.setup_stderr.empty()) {
      listener_.on_output(id, Stream::Stderr, instance.setup_stderr);
    }
    return;
  }
  if (resumed) {
    const char* why = resumed->kind == remote::Resumed::Kind::Killed
                          ? "killed after the connection was lost (on_disconnect: restart)"
                          : "ended while the connection was lost";
    instance.outcome = resumed->kind == remote::Resumed::Kind::Exited
                           ? remote::exit_status_from_shell(resumed->code)
                       : resumed->kind == remote::Resumed::Kind::Killed
                           ? core::ExitStatus(0, SIGKILL)
                           : core::ExitStatus(255, 0);
    instance.outcome->cause = resumed->kind == remote::Resumed::Kind::Gone
                                  ? std::string(why) + "; its exit status is unknown"
                                  : why;
    return;
  }
  keep_first(instance.setup_stderr, "unexpected output from the remote side: " + std::string(line));
  (void)ssh_.signal(instance.session, SIGKILL, core::SignalTarget::Group);
}

void RemoteRuntime::follower_exited(InstanceId id, const core::ExitStatus& status) {
  auto found = instances_.find(id);
  if (found == instances_.end()) {
    return;
  }
  Instance& instance = *found->second;
  std::string where = remote::describe_destination(instance.host->remote);
  if (instance.phase == Instance::Phase::Starting) {
    std::string why = trimmed(instance.setup_stderr);
    fail(id, "cannot start on " + where + ": " + (why.empty() ? core::describe_exit(status) : why));
    return;
  }
  // The session itself ended (ssh's 255, or killed here) with no status
  // from the remote side: the connection went, the command may not have.
  bool session_lost = status.signal != 0 || status.code == 255;
  if (instance.phase == Instance::Phase::Resuming && instance.outcome) {
    core::ExitStatus outcome = *instance.outcome;
    instances_.erase(found);
    listener_.on_exited(id, outcome);
    return;
  }
  if (session_lost && !killing_) {
    std::string why = trimmed(instance.setup_stderr);
    lose(id, instance, why.empty() ? "the connection to " + where + " was lost" : why);
    return;
  }
  core::ExitStatus outcome = session_lost ? core::ExitStatus(status.code, status.signal,
                                                             "connection to " + where + " lost")
                                          : remote::exit_status_from_shell(status.code);
  instances_.erase(found);
  listener_.on_exited(id, outcome);
}

Result<void> RemoteRuntime::signal(InstanceId id, int signo, core::SignalTarget target) {
  auto found = instances_.find(id);
  if (found == instances_.end() || !found->second->header) {
    return make_error(Errc::NotFound,
                      "no running remote process for instance " + std::to_string(id));
  }
  Instance& instance = *found->second;
  if (instance.phase != Instance::Phase::Attached) {
    instance.pending_signals.emplace_back(signo, target);  // Delivered once found again.
    return {};
  }
  send_signal(instance, signo, target);
  return {};
}

// Fire and forget: a signal that cannot be delivered shows as the instance
// not stopping, and the stop timeout's SIGKILL follows.
void RemoteRuntime::send_signal(const Instance& instance, int signo, core::SignalTarget target) {
  std::string script =
      remote::signal_script(instance.header->pid, instance.header->token, signal_name(signo),
                            target == core::SignalTarget::Group);
  ssh_.run_probe(ssh_spec({}),
                 remote::session_argv(instance.host->remote, instance.host->control_path,
                                      remote::remote_command(script)),
                 std::chrono::seconds(30), [](const ProbeResult&) {});
}

}  // namespace drover::runtime
