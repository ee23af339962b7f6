#include "runtime/container/container_runtime.h"

#include "runtime/container/docker_ping.h"

#include <boost/asio/post.hpp>

namespace drover::runtime {

ContainerRuntime::ContainerRuntime(boost::asio::io_context& io, Listener& listener,
                                   std::string_view docker_host)
    : io_(io), listener_(listener), endpoint_(parse_docker_host(docker_host)) {}

void ContainerRuntime::start(InstanceId id, const core::ServiceSpec& spec) {
  if (!endpoint_) {
    boost::asio::post(io_, [this, id] { listener_.on_spawn_failed(id, endpoint_.error()); });
    return;
  }
  std::string where = endpoint_->describe();
  std::string image = spec.container.image;
  ping_docker(io_, *endpoint_, [this, id, where, image](std::optional<std::string> failure) {
    if (failure) {
      listener_.on_spawn_failed(
          id, make_error(Errc::Unavailable, "cannot reach Docker at " + where + ": " + *failure));
      return;
    }
    listener_.on_spawn_failed(
        id,
        make_error(Errc::SpawnFailed, "Docker answers at " + where + ", but this drover cannot " +
                                          "create containers yet (image " + image + ")"));
  });
}

Result<void> ContainerRuntime::signal(InstanceId /*id*/, int /*signo*/,
                                      core::SignalTarget /*target*/) {
  return make_error(Errc::NotFound, "no such container instance");
}

void ContainerRuntime::run_probe(const core::ServiceSpec& /*spec*/,
                                 std::vector<std::string> /*argv*/, core::Duration /*timeout*/,
                                 ProbeCallback done) {
  boost::asio::post(io_, [done = std::move(done)] {
    ProbeResult result;
    result.status = core::ExitStatus{1, 0};  // A failed probe, never a passing one.
    result.output = "health.exec inside containers is not supported yet";
    done(std::move(result));
  });
}

}  // namespace drover::runtime
