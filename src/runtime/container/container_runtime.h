#pragma once

#include "runtime/container/docker_endpoint.h"
#include "runtime/runtime.h"

#include <boost/asio/io_context.hpp>

namespace drover::runtime {

// `runtime: container` services, through the Docker Engine API (never the
// `docker` command). First slice (decision 0014): every start checks that the
// engine answers GET /_ping; when it does not, the start fails with "cannot
// reach Docker at <path>: <reason>" and the service goes BACKOFF/FATAL like a
// process whose exec failed. The container lifecycle (create, start, logs,
// wait, remove) is not there yet, so a reachable engine fails the start too,
// saying so.
class ContainerRuntime : public Runtime {
 public:
  // `docker_host` is DOCKER_HOST's value (empty: the default socket).
  ContainerRuntime(boost::asio::io_context& io, Listener& listener, std::string_view docker_host);

  void start(InstanceId id, const core::ServiceSpec& spec) override;
  Result<void> signal(InstanceId id, int signo, core::SignalTarget target) override;
  void run_probe(const core::ServiceSpec& spec, std::vector<std::string> argv,
                 core::Duration timeout, ProbeCallback done) override;
  void kill_all() override {}  // Nothing of ours runs yet.

 private:
  boost::asio::io_context& io_;
  Listener& listener_;
  Result<DockerEndpoint> endpoint_;
};

}  // namespace drover::runtime
