#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/generic/stream_protocol.hpp>

#include <functional>
#include <string>

namespace drover::api {

// The body of GET /logtail and /mainlogtail (http_server.cc's helper): a
// chunked text/plain response whose chunks are what `tail` returns, polled
// every 100 ms like supervisord's tail_f_producer. It ends when the peer goes
// or a write fails, or, with the terminating chunk, once `closed` is true.
// `end_stream` is set meanwhile so that the server's close() can wake it.
boost::asio::awaitable<void> stream_tail(boost::asio::generic::stream_protocol::socket& socket,
                                         std::function<std::string()> tail, unsigned version,
                                         const bool& closed, std::function<void()>& end_stream);

}  // namespace drover::api
