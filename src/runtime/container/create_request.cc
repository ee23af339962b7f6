#include "runtime/container/create_request.h"

#include "base/signal_names.h"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <cctype>
#include <chrono>
#include <cstdio>

namespace drover::runtime {
namespace {

namespace json = boost::json;

json::array strings(const std::vector<std::string>& words) {
  json::array out;
  for (const std::string& word : words) {
    out.emplace_back(word);
  }
  return out;
}

std::string port_key(const core::PortMapping& port) {
  return std::to_string(port.container_port) + "/" + port.protocol;
}

json::object host_config(const core::ContainerSpec& container) {
  json::object host;
  json::array binds;
  for (const core::VolumeMount& volume : container.volumes) {
    binds.emplace_back(volume.source + ":" + volume.target + (volume.read_only ? ":ro" : ""));
  }
  host["Binds"] = std::move(binds);
  json::object bindings;
  for (const core::PortMapping& port : container.ports) {
    json::object binding{{"HostIp", port.host_ip}, {"HostPort", std::to_string(port.host_port)}};
    bindings[port_key(port)].emplace_array().emplace_back(std::move(binding));
  }
  host["PortBindings"] = std::move(bindings);
  if (!container.network.empty()) {
    host["NetworkMode"] = container.network;
  }
  if (container.memory_bytes > 0) {
    host["Memory"] = container.memory_bytes;
  }
  if (container.nano_cpus > 0) {
    host["NanoCpus"] = container.nano_cpus;
  }
  return host;
}

// FNV-1a: stable across builds and machines, unlike std::hash.
std::string fnv1a_hex(std::string_view text) {
  uint64_t hash = 14695981039346656037ull;
  for (char c : text) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

}  // namespace

std::string container_name(std::string_view project, std::string_view service) {
  std::string name = std::string(project) + "-" + std::string(service);
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '_' && c != '.' && c != '-'))) {
      name[i] = '_';
    }
  }
  return name;
}

json::object create_body(const core::ServiceSpec& spec, std::string_view project) {
  const core::ContainerSpec& container = spec.container;
  json::object body;
  body["Image"] = container.image;
  if (!spec.argv.empty()) {
    body["Cmd"] = strings(spec.argv);
  }
  if (container.entrypoint) {
    body["Entrypoint"] = strings(*container.entrypoint);
  }
  json::array env;
  for (const auto& [name, value] : spec.env) {
    env.emplace_back(name + "=" + value);
  }
  body["Env"] = std::move(env);
  for (auto [key, value] :
       {std::pair{"User", &spec.user}, std::pair{"WorkingDir", &spec.working_dir},
        std::pair{"Hostname", &container.hostname}}) {
    if (!value->empty()) {
      body[key] = *value;
    }
  }
  std::string stop_signal = signal_name(spec.stop_signal);
  body["StopSignal"] =
      std::isalpha(static_cast<unsigned char>(stop_signal[0])) ? "SIG" + stop_signal : stop_signal;
  body["StopTimeout"] = std::chrono::ceil<std::chrono::seconds>(spec.stop_timeout).count();
  json::object exposed;
  for (const core::PortMapping& port : container.ports) {
    exposed[port_key(port)] = json::object{};
  }
  body["ExposedPorts"] = std::move(exposed);
  body["HostConfig"] = host_config(container);
  json::object labels;
  for (const auto& [name, value] : container.labels) {
    labels[name] = value;
  }
  labels["drover.project"] = project;
  labels["drover.service"] = spec.name;
  body["Labels"] = labels;
  // The hash is taken before it is added, over the serialised body.
  labels["drover.config-hash"] = fnv1a_hex(json::serialize(body));
  body["Labels"] = std::move(labels);
  return body;
}

}  // namespace drover::runtime
