#pragma once

#include "core/model.h"

#include <boost/json/object.hpp>

#include <string>
#include <string_view>

namespace drover::runtime {

// What drover names and labels its containers, so that a later drover can
// find them again (clean-up, adoption) and no two projects collide.

// "<project>-<service>", with characters Docker does not allow in names
// ([a-zA-Z0-9][a-zA-Z0-9_.-]*) replaced by '_'.
std::string container_name(std::string_view project, std::string_view service);

// The body of POST /containers/create for `spec` (Engine API 1.41), with the
// labels drover.project, drover.service and drover.config-hash besides the
// user's. The hash covers everything else in the body, so a container whose
// hash label matches was created from the same configuration.
boost::json::object create_body(const core::ServiceSpec& spec, std::string_view project);

}  // namespace drover::runtime
