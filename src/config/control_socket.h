#pragma once

#include "config/environment.h"

#include <string>

namespace drover::config {

// default_control_socket() for a given effective uid, so both branches can
// be tested whoever runs the tests.
std::string default_control_socket_for(unsigned uid, const Environment& env);

}  // namespace drover::config
