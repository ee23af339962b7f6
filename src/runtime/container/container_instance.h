#pragma once

// The container runtime's record of one instance, shared by its .cc files
// (container_runtime.cc, container_probe.cc); not for other modules.
#include "runtime/container/container_runtime.h"
#include "runtime/container/docker_client.h"
#include "runtime/container/frame_demuxer.h"

#include <optional>
#include <string>

namespace drover::runtime {

struct ContainerRuntime::Instance {
  explicit Instance(FrameDemuxer::Sink sink) : demux(std::move(sink)) {}

  std::string service;
  std::string name;
  std::string image;
  core::PullPolicy pull = core::PullPolicy::Missing;
  std::string create_body;
  std::string config_hash;  // create_body's drover.config-hash label.
  bool adopted = false;     // A running leftover with that hash: attached, not created.
  std::string id;           // Docker's container id, once created.
  bool started = false;
  bool output_ended = false;
  std::optional<core::ExitStatus> exit;
  std::shared_ptr<DockerAttach> attach;
  FrameDemuxer demux;
};

}  // namespace drover::runtime
