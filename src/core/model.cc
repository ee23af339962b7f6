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

}  // namespace drover::core
