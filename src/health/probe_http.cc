// The http probe: one GET with "Connection: close", judged by its status
// code. The body is read (up to a small limit) only to keep its first line
// as the output excerpt; a larger body fails the read but not the probe's
// verdict, which the header already decided.
#include "health/probe.h"
#include "health/probe_connect.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <chrono>
#include <memory>

namespace drover::health {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr size_t kBodyLimit = 4096;

struct HttpProbe : ProbeConnection, std::enable_shared_from_this<HttpProbe> {
  HttpProbe(asio::io_context& io, std::vector<int> statuses, ProbeDone callback)
      : ProbeConnection(io, std::move(callback)), passing(std::move(statuses)) {}

  bool status_passes(int status) const {
    if (passing.empty()) {
      return status >= 200 && status < 400;
    }
    return std::find(passing.begin(), passing.end(), status) != passing.end();
  }

  void send(const core::ProbeTarget& target) {
    request.method(http::verb::get);
    request.target(target.target);
    request.version(11);
    request.set(http::field::host, target.host + ":" + target.port);
    request.set(http::field::user_agent, "drover-health");
    request.set(http::field::connection, "close");
    http::async_write(socket, request,
                      [self = shared_from_this()](boost::system::error_code ec, size_t) {
                        if (ec) {
                          self->finish(false, ec.message());
                          return;
                        }
                        self->receive();
                      });
  }

  void receive() {
    parser.body_limit(kBodyLimit);
    http::async_read(
        socket, buffer, parser,
        [self = shared_from_this()](boost::system::error_code ec, size_t) { self->judge(ec); });
  }

  void judge(boost::system::error_code ec) {
    if (!parser.is_header_done()) {
      finish(false, ec ? ec.message() : "no response");
      return;
    }
    int status = static_cast<int>(parser.get().result_int());
    std::string output = "HTTP " + std::to_string(status);
    const std::string& body = parser.get().body();
    std::string first_line = body.substr(0, std::min(body.find('\n'), size_t{200}));
    if (!first_line.empty()) {
      output += ": " + first_line;
    }
    finish(status_passes(status), std::move(output));
  }

  std::vector<int> passing;
  http::request<http::empty_body> request;
  boost::beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
};

}  // namespace

void probe_http(asio::io_context& io, const core::HealthSpec& spec, ProbeDone done) {
  auto probe = std::make_shared<HttpProbe>(io, spec.http_status, std::move(done));
  std::string why;
  std::optional<core::ProbeTarget> target = core::parse_http_url(spec.http_url, why);
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
                 [probe, target = *target](boost::system::error_code ec,
                                           tcp::resolver::results_type endpoints) {
                   if (ec) {
                     probe->finish(false, ec.message());
                     return;
                   }
                   asio::async_connect(
                       probe->socket, endpoints,
                       [probe, target](boost::system::error_code connect_ec, const tcp::endpoint&) {
                         if (connect_ec) {
                           probe->finish(false, connect_ec.message());
                           return;
                         }
                         probe->send(target);
                       });
                 });
}

}  // namespace drover::health
