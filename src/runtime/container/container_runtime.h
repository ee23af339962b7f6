#pragma once

#include "runtime/container/docker_endpoint.h"
#include "runtime/runtime.h"

#include <boost/asio/io_context.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace drover::runtime {

// `runtime: container` services through the Docker Engine API, never the
// `docker` command (decision 0014). A start pings the engine, makes sure the
// image is there (pull policy), adopts a leftover container of the same name
// that still runs from the same configuration (its config-hash label) or
// else removes it, creates `<project>-<service>`, attaches to its output,
// starts it and waits for its exit; the output is demultiplexed into stdout and stderr for
// the same line pipeline as processes. The exit is reported once the output
// has ended and the exit code is known; the container is then removed.
// Signals are POST /containers/{id}/kill. Every failure before the start is
// a spawn failure with the engine's own words.
class ContainerRuntime : public Runtime {
 public:
  // `docker_host` is DOCKER_HOST's value (empty: the default socket);
  // `project` prefixes container names and labels them.
  ContainerRuntime(boost::asio::io_context& io, Listener& listener, std::string_view docker_host,
                   std::string project);
  ~ContainerRuntime() override;

  void start(InstanceId id, const core::ServiceSpec& spec) override;
  Result<void> signal(InstanceId id, int signo, core::SignalTarget target) override;
  void run_probe(const core::ServiceSpec& spec, std::vector<std::string> argv,
                 core::Duration timeout, ProbeCallback done) override;
  void kill_all() override;

  // Removes this project's containers whose drover.service label is not in
  // `configured` (container_cleanup.cc). Without an engine, does nothing.
  void remove_unconfigured(std::vector<std::string> configured);

 private:
  struct Instance;
  using InstancePtr = std::shared_ptr<Instance>;

  InstancePtr live(InstanceId id, const InstancePtr& instance) const;
  // The running container of `service`, for probes; nullptr when none runs.
  InstancePtr running(const std::string& service) const;
  struct Probe;
  void run_exec(const std::shared_ptr<Probe>& probe, const std::string& exec_id);
  void fail(InstanceId id, const std::string& message);
  void ensure_image(InstanceId id, InstancePtr instance);
  void pull_image(InstanceId id, InstancePtr instance);
  void adopt_or_replace(InstanceId id, InstancePtr instance);
  void remove_leftover(InstanceId id, InstancePtr instance);
  void create(InstanceId id, InstancePtr instance);
  void attach(InstanceId id, InstancePtr instance);
  void start_container(InstanceId id, InstancePtr instance);
  void wait_exit(InstanceId id, InstancePtr instance);
  void maybe_finished(InstanceId id, const InstancePtr& instance);

  boost::asio::io_context& io_;
  Listener& listener_;
  Result<DockerEndpoint> endpoint_;
  std::string project_;
  std::map<InstanceId, InstancePtr> instances_;
};

}  // namespace drover::runtime
