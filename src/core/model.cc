#include "core/model.h"

namespace drover::core {

const ServiceSpec* Model::find(const std::string& name) const {
  for (const ServiceSpec& spec : services) {
    if (spec.name == name) {
      return &spec;
    }
  }
  return nullptr;
}

void SshOptions::inherit(const SshOptions& base) {
  if (identity_file.empty()) {
    identity_file = base.identity_file;
  }
  if (known_hosts.empty()) {
    known_hosts = base.known_hosts;
  }
  if (!strict_host_key_checking) {
    strict_host_key_checking = base.strict_host_key_checking;
  }
  if (!connect_timeout) {
    connect_timeout = base.connect_timeout;
  }
}

}  // namespace drover::core
