#pragma once

#include "core/probe_target.h"

#include <boost/asio/ip/tcp.hpp>

#include <functional>

namespace drover::health {

// Resolves `target` (IP literals and "localhost" without a lookup) and hands
// the endpoints to `next`, or the error. Shared by the http and tcp probes.
void resolve_target(
    boost::asio::ip::tcp::resolver& resolver, const core::ProbeTarget& target,
    std::function<void(boost::system::error_code, boost::asio::ip::tcp::resolver::results_type)>
        next);

}  // namespace drover::health
