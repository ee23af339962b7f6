// health.exec inside a container (issue 7, point 4): the Engine API's exec
// create, start (its output streamed over a hijacked connection) and inspect
// for the exit code. A probe that overruns its timeout is reported timed out;
// the engine has no call to kill an exec, so its process is left to end.
#include "runtime/container/container_instance.h"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace drover::runtime {

namespace http = boost::beast::http;

namespace {

constexpr size_t kProbeOutputLimit = 4096;  // The first bytes, as for process probes.

std::string json_string_field(const std::string& body, const char* field) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec);
  const boost::json::value* found =
      !ec && value.is_object() ? value.as_object().if_contains(field) : nullptr;
  return found != nullptr && found->is_string() ? std::string(found->as_string()) : "";
}

}  // namespace

struct ContainerRuntime::Probe {
  Probe(boost::asio::io_context& io, ProbeCallback callback)
      : timer(io), done(std::move(callback)), demux([this](Stream, std::string_view bytes) {
          size_t room = kProbeOutputLimit - std::min(kProbeOutputLimit, output.size());
          output.append(bytes.substr(0, room));
        }) {}

  void finish(core::ExitStatus status, bool timed_out = false) {
    if (!done) {
      return;
    }
    timer.cancel();
    if (stream) {
      close_attach(*stream);
    }
    ProbeResult result;
    result.status = status;
    result.output = std::move(output);
    result.timed_out = timed_out;
    result.elapsed =
        std::chrono::duration_cast<core::Duration>(std::chrono::steady_clock::now() - started);
    auto callback = std::move(done);
    done = nullptr;
    callback(std::move(result));
  }
  void fail(const std::string& why) {
    output = why;
    finish(core::ExitStatus{1, 0});
  }

  boost::asio::steady_timer timer;
  ProbeCallback done;
  std::string output;
  FrameDemuxer demux;
  std::shared_ptr<DockerAttach> stream;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

ContainerRuntime::InstancePtr ContainerRuntime::running(const std::string& service) const {
  for (const auto& [id, instance] : instances_) {
    if (instance->service == service && instance->started && !instance->exit) {
      return instance;
    }
  }
  return nullptr;
}

void ContainerRuntime::run_probe(const core::ServiceSpec& spec, std::vector<std::string> argv,
                                 core::Duration timeout, ProbeCallback done) {
  auto probe = std::make_shared<Probe>(io_, std::move(done));
  InstancePtr instance = endpoint_ ? running(spec.name) : nullptr;
  if (instance == nullptr) {
    boost::asio::post(io_, [probe] { probe->fail("the container is not running"); });
    return;
  }
  probe->timer.expires_after(timeout);
  probe->timer.async_wait([probe](boost::system::error_code ec) {
    if (!ec) {
      probe->finish(core::ExitStatus{0, 9}, true);
    }
  });
  boost::json::array cmd;
  for (const std::string& word : argv) {
    cmd.emplace_back(word);
  }
  boost::json::object body{{"AttachStdout", true}, {"AttachStderr", true}, {"Cmd", cmd}};
  docker_request(io_, *endpoint_, http::verb::post, "/containers/" + instance->id + "/exec",
                 boost::json::serialize(body), [this, probe](DockerReply reply) {
                   std::string exec_id = json_string_field(reply.body, "Id");
                   if (reply.status != 201 || exec_id.empty()) {
                     return probe->fail("cannot exec in the container: " + reply.message());
                   }
                   run_exec(probe, exec_id);
                 });
}

// Start with the output attached; when it ends, inspect for the exit code.
void ContainerRuntime::run_exec(const std::shared_ptr<Probe>& probe, const std::string& exec_id) {
  if (!probe->done) {
    return;  // Timed out already.
  }
  AttachCallbacks callbacks;
  callbacks.data = [probe](std::string_view bytes) { probe->demux.feed(bytes); };
  callbacks.end = [this, probe, exec_id](const std::string& why) {
    if (!why.empty()) {
      return probe->fail("exec in the container failed: " + why);
    }
    docker_request(
        io_, *endpoint_, http::verb::get, "/exec/" + exec_id + "/json", "",
        [probe](DockerReply reply) {
          boost::system::error_code ec;
          boost::json::value value = boost::json::parse(reply.body, ec);
          const boost::json::value* code =
              !ec && value.is_object() ? value.as_object().if_contains("ExitCode") : nullptr;
          if (reply.status != 200 || code == nullptr || !code->is_number()) {
            return probe->fail("cannot inspect the exec: " + reply.message());
          }
          probe->finish(core::ExitStatus{static_cast<int>(code->to_number<int64_t>()), 0});
        });
  };
  probe->stream = docker_hijack(io_, *endpoint_, "/exec/" + exec_id + "/start",
                                R"({"Detach":false,"Tty":false})", std::move(callbacks));
}

}  // namespace drover::runtime
