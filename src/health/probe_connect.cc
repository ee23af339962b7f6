// Name resolution for probes. Health checks almost always name a local
// endpoint by IP or "localhost"; those skip getaddrinfo altogether, so the
// common probe never touches Asio's resolver thread.
#include "health/probe_connect.h"

#include <boost/asio/post.hpp>

namespace drover::health {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

void resolve_target(
    tcp::resolver& resolver, const core::ProbeTarget& target,
    std::function<void(boost::system::error_code, tcp::resolver::results_type)> next) {
  std::string host = target.host == "localhost" ? "127.0.0.1" : target.host;
  boost::system::error_code ec;
  asio::ip::address address = asio::ip::make_address(host, ec);
  if (!ec) {
    unsigned short port = static_cast<unsigned short>(std::stoi(target.port));
    auto results =
        tcp::resolver::results_type::create(tcp::endpoint(address, port), host, target.port);
    asio::post(resolver.get_executor(), [next = std::move(next), results] { next({}, results); });
    return;
  }
  resolver.async_resolve(host, target.port, std::move(next));
}

}  // namespace drover::health
