#include "runtime/container/container_runtime.h"

#include "runtime/container/container_instance.h"
#include "runtime/container/create_request.h"
#include "runtime/container/docker_client.h"
#include "runtime/container/frame_demuxer.h"

#include <boost/asio/post.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <csignal>
#include <optional>

namespace drover::runtime {

namespace http = boost::beast::http;

namespace {

// The last {"error": ...} or {"message": ...} of a pull's progress stream.
std::string pull_error(const DockerReply& reply) {
  if (reply.status != 200) {
    return reply.message();
  }
  std::string error;
  size_t start = 0;
  while (start < reply.body.size()) {
    size_t end = reply.body.find('\n', start);
    std::string_view line(reply.body.data() + start,
                          (end == std::string::npos ? reply.body.size() : end) - start);
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(line, ec);
    if (!ec && value.is_object()) {
      if (const auto* text = value.as_object().if_contains("error"); text && text->is_string()) {
        error = std::string(text->as_string());
      }
    }
    start = end == std::string::npos ? reply.body.size() : end + 1;
  }
  return error;
}

// The container's id when GET /containers/{name}/json says it runs and its
// config-hash label is `hash`.
std::optional<std::string> adoptable_id(const std::string& inspect, const std::string& hash) {
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(inspect, ec);
  if (ec || !parsed.is_object()) {
    return std::nullopt;
  }
  const boost::json::object& container = parsed.as_object();
  const boost::json::value* running = container.if_contains("State");
  running = running != nullptr && running->is_object() ? running->as_object().if_contains("Running")
                                                       : nullptr;
  const boost::json::value* config = container.if_contains("Config");
  const boost::json::value* labels = config != nullptr && config->is_object()
                                         ? config->as_object().if_contains("Labels")
                                         : nullptr;
  const boost::json::value* label = labels != nullptr && labels->is_object()
                                        ? labels->as_object().if_contains("drover.config-hash")
                                        : nullptr;
  const boost::json::value* cid = container.if_contains("Id");
  if (running == nullptr || !running->is_bool() || !running->as_bool() || label == nullptr ||
      !label->is_string() || label->as_string() != hash || cid == nullptr || !cid->is_string()) {
    return std::nullopt;
  }
  return std::string(cid->as_string());
}

}  // namespace

ContainerRuntime::ContainerRuntime(boost::asio::io_context& io, Listener& listener,
                                   std::string_view docker_host, std::string project)
    : io_(io),
      listener_(listener),
      endpoint_(parse_docker_host(docker_host)),
      project_(std::move(project)) {}

ContainerRuntime::~ContainerRuntime() {
  for (auto& [id, instance] : instances_) {
    if (instance->attach) {
      close_attach(*instance->attach);
    }
  }
}

void ContainerRuntime::start(InstanceId id, const core::ServiceSpec& spec) {
  if (!endpoint_) {
    boost::asio::post(io_, [this, id] { listener_.on_spawn_failed(id, endpoint_.error()); });
    return;
  }
  auto instance = std::make_shared<Instance>([this, id](Stream stream, std::string_view bytes) {
    listener_.on_output(id, stream, bytes);
  });
  instance->service = spec.name;
  instance->name = container_name(project_, spec.name);
  instance->image = spec.container.image;
  instance->pull = spec.container.pull;
  boost::json::object body = create_body(spec, project_);
  instance->config_hash = std::string(body.at("Labels").at("drover.config-hash").as_string());
  instance->create_body = boost::json::serialize(body);
  instances_[id] = instance;
  std::string where = endpoint_->describe();
  docker_request(io_, *endpoint_, http::verb::get, "/_ping", "",
                 [this, id, instance, where](DockerReply reply) {
                   if (!live(id, instance)) {
                     return;
                   }
                   if (reply.status != 200) {
                     return fail(id, "cannot reach Docker at " + where + ": " + reply.message());
                   }
                   if (instance->pull == core::PullPolicy::Always) {
                     return pull_image(id, instance);
                   }
                   ensure_image(id, instance);
                 });
}

// The instance if it is still the one registered under `id` (a stop or
// kill_all may have dropped it while a request was out).
ContainerRuntime::InstancePtr ContainerRuntime::live(InstanceId id,
                                                     const InstancePtr& instance) const {
  auto found = instances_.find(id);
  return found != instances_.end() && found->second == instance ? instance : nullptr;
}

void ContainerRuntime::fail(InstanceId id, const std::string& message) {
  auto found = instances_.find(id);
  if (found != instances_.end()) {
    if (found->second->attach) {
      close_attach(*found->second->attach);
    }
    if (!found->second->id.empty()) {
      docker_request(io_, *endpoint_, http::verb::delete_,
                     "/containers/" + found->second->id + "?force=1", "", [](DockerReply) {});
    }
    instances_.erase(found);
  }
  listener_.on_spawn_failed(id, make_error(Errc::SpawnFailed, message));
}

void ContainerRuntime::ensure_image(InstanceId id, InstancePtr instance) {
  docker_request(
      io_, *endpoint_, http::verb::get, "/images/" + url_encode(instance->image) + "/json", "",
      [this, id, instance](DockerReply reply) {
        if (!live(id, instance)) {
          return;
        }
        if (reply.status == 200) {
          return adopt_or_replace(id, instance);
        }
        if (reply.status != 404) {
          return fail(id, "cannot inspect image " + instance->image + ": " + reply.message());
        }
        if (instance->pull == core::PullPolicy::Never) {
          return fail(id, "image " + instance->image + " not found locally (pull: never)");
        }
        pull_image(id, instance);
      });
}

// POST /images/create answers 200 and streams progress; a failure is an
// {"error"} line in it (or a non-200 status). Then the image must be there.
void ContainerRuntime::pull_image(InstanceId id, InstancePtr instance) {
  docker_request(
      io_, *endpoint_, http::verb::post, "/images/create?fromImage=" + url_encode(instance->image),
      "", [this, id, instance](DockerReply reply) {
        if (!live(id, instance)) {
          return;
        }
        std::string error = pull_error(reply);
        if (error.empty()) {
          return adopt_or_replace(id, instance);
        }
        fail(id, "image " + instance->image + " not found locally and cannot be pulled: " + error);
      });
}

// A container of the same name left by an earlier drover (killed, crashed):
// still running and created from the same configuration (its config-hash
// label), it is adopted: attached to and waited for, not recreated.
// Anything else of that name goes first, or create would fail on the name.
void ContainerRuntime::adopt_or_replace(InstanceId id, InstancePtr instance) {
  docker_request(
      io_, *endpoint_, http::verb::get, "/containers/" + url_encode(instance->name) + "/json", "",
      [this, id, instance](DockerReply reply) {
        if (!live(id, instance)) {
          return;
        }
        if (reply.status == 404) {
          return create(id, instance);
        }
        std::optional<std::string> adoptable =
            reply.status == 200 ? adoptable_id(reply.body, instance->config_hash) : std::nullopt;
        if (adoptable) {
          instance->id = *adoptable;
          instance->adopted = true;
          return attach(id, instance);
        }
        remove_leftover(id, instance);
      });
}

void ContainerRuntime::remove_leftover(InstanceId id, InstancePtr instance) {
  docker_request(io_, *endpoint_, http::verb::delete_,
                 "/containers/" + url_encode(instance->name) + "?force=1", "",
                 [this, id, instance](DockerReply reply) {
                   if (!live(id, instance)) {
                     return;
                   }
                   if (reply.status != 204 && reply.status != 404) {
                     return fail(id, "cannot remove the leftover container " + instance->name +
                                         ": " + reply.message());
                   }
                   create(id, instance);
                 });
}

void ContainerRuntime::create(InstanceId id, InstancePtr instance) {
  docker_request(
      io_, *endpoint_, http::verb::post, "/containers/create?name=" + url_encode(instance->name),
      instance->create_body, [this, id, instance](DockerReply reply) {
        if (!live(id, instance)) {
          return;
        }
        boost::system::error_code ec;
        boost::json::value created = boost::json::parse(reply.body, ec);
        const boost::json::value* cid =
            !ec && created.is_object() ? created.as_object().if_contains("Id") : nullptr;
        if (reply.status != 201 || cid == nullptr || !cid->is_string()) {
          return fail(id, "cannot create container " + instance->name + ": " + reply.message());
        }
        instance->id = std::string(cid->as_string());
        attach(id, instance);
      });
}

void ContainerRuntime::attach(InstanceId id, InstancePtr instance) {
  AttachCallbacks callbacks;
  callbacks.attached = [this, id, instance] {
    if (!live(id, instance)) {
      return;
    }
    if (instance->adopted) {
      instance->started = true;
      listener_.on_spawned(id, 0);
      return wait_exit(id, instance);
    }
    start_container(id, instance);
  };
  callbacks.data = [instance](std::string_view bytes) { instance->demux.feed(bytes); };
  callbacks.end = [this, id, instance](const std::string& why) {
    if (!live(id, instance)) {
      return;
    }
    if (!instance->started) {
      return fail(id, "cannot attach to container " + instance->name + ": " + why);
    }
    instance->output_ended = true;
    maybe_finished(id, instance);
  };
  instance->attach = docker_attach(io_, *endpoint_, instance->id, std::move(callbacks));
}

void ContainerRuntime::start_container(InstanceId id, InstancePtr instance) {
  docker_request(io_, *endpoint_, http::verb::post, "/containers/" + instance->id + "/start", "",
                 [this, id, instance](DockerReply reply) {
                   if (!live(id, instance)) {
                     return;
                   }
                   if (reply.status != 204 && reply.status != 304) {
                     return fail(
                         id, "cannot start container " + instance->name + ": " + reply.message());
                   }
                   instance->started = true;
                   listener_.on_spawned(id, 0);
                   wait_exit(id, instance);
                 });
}

// POST /wait answers when the container has stopped, with its exit code.
// An engine that goes away meanwhile gives no code: reported as 255.
void ContainerRuntime::wait_exit(InstanceId id, InstancePtr instance) {
  docker_request(io_, *endpoint_, http::verb::post, "/containers/" + instance->id + "/wait", "",
                 [this, id, instance](DockerReply reply) {
                   if (!live(id, instance)) {
                     return;
                   }
                   int code = 255;
                   boost::system::error_code ec;
                   boost::json::value result = boost::json::parse(reply.body, ec);
                   if (!ec && result.is_object()) {
                     if (const auto* status = result.as_object().if_contains("StatusCode");
                         status != nullptr && status->is_number()) {
                       code = static_cast<int>(status->to_number<int64_t>());
                     }
                   }
                   instance->exit = core::ExitStatus{code, 0};
                   maybe_finished(id, instance);
                 });
}

// Both the exit code and the end of the output are in: report, remove.
void ContainerRuntime::maybe_finished(InstanceId id, const InstancePtr& instance) {
  if (!instance->exit || !instance->output_ended) {
    return;
  }
  instances_.erase(id);
  docker_request(io_, *endpoint_, http::verb::delete_, "/containers/" + instance->id + "?force=1",
                 "", [](DockerReply) {});
  listener_.on_exited(id, *instance->exit);
}

Result<void> ContainerRuntime::signal(InstanceId id, int signo, core::SignalTarget /*target*/) {
  auto found = instances_.find(id);
  if (found == instances_.end() || !found->second->started || found->second->exit) {
    return make_error(Errc::NotFound, "no running container for instance " + std::to_string(id));
  }
  // A container is one process tree in its own namespace: group or not, the
  // engine delivers the signal to its main process.
  docker_request(io_, *endpoint_, http::verb::post,
                 "/containers/" + found->second->id + "/kill?signal=" + std::to_string(signo), "",
                 [](DockerReply) {});
  return {};
}

// The end of shutdown: every container still known gets SIGKILL (the
// requests may outlive drover; the engine still carries them out).
void ContainerRuntime::kill_all() {
  for (const auto& [id, instance] : instances_) {
    if (!instance->id.empty()) {
      docker_request(io_, *endpoint_, http::verb::delete_,
                     "/containers/" + instance->id + "?force=1", "", [](DockerReply) {});
    }
  }
}

}  // namespace drover::runtime
