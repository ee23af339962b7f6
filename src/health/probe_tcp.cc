// The tcp probe: passes when a connection is accepted. The socket is closed
// at once; a service that logs every connection will log these.
#include "health/probe.h"
#include "health/probe_connect.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <memory>

namespace drover::health {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

struct TcpProbe : ProbeConnection, std::enable_shared_from_this<TcpProbe> {
  TcpProbe(asio::io_context& io, ProbeDone callback) : ProbeConnection(io, std::move(callback)) {}
};

}  // namespace

void probe_tcp(asio::io_context& io, const core::HealthSpec& spec, ProbeDone done) {
  auto probe = std::make_shared<TcpProbe>(io, std::move(done));
  std::string why;
  std::optional<core::ProbeTarget> target = core::parse_tcp_address(spec.tcp_address, why);
  if (!target) {
    asio::post(io, [probe, why] { probe->finish(false, why); });
    return;
  }
  probe->timer.expires_after(spec.timeout);
  probe->timer.async_wait([probe, timeout = spec.timeout](boost::system::error_code ec) {
    if (!ec) {
      probe->finish(false, "timed out after " + std::to_string(timeout.count()) + "ms");
    }
  });
  resolve_target(probe->resolver, *target,
                 [probe](boost::system::error_code ec, tcp::resolver::results_type endpoints) {
                   if (ec) {
                     probe->finish(false, ec.message());
                     return;
                   }
                   asio::async_connect(
                       probe->socket, endpoints,
                       [probe](boost::system::error_code connect_ec, const tcp::endpoint&) {
                         probe->finish(!connect_ec,
                                       connect_ec ? connect_ec.message() : "connected");
                       });
                 });
}

}  // namespace drover::health
