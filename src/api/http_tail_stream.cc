// A never-ending log tail over HTTP: poll, write what is new, repeat.
#include "api/http_tail_stream.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/write.hpp>

#include <array>
#include <memory>

namespace drover::api {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using boost::system::error_code;

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr std::chrono::milliseconds kTailPoll{100};

// Clears the server's end_stream hook however the stream ends.
struct EndStreamHook {
  std::function<void()>& hook;
  ~EndStreamHook() { hook = nullptr; }
};

}  // namespace

asio::awaitable<void> stream_tail(asio::generic::stream_protocol::socket& socket,
                                  std::function<std::string()> tail, unsigned version,
                                  const bool& closed, std::function<void()>& end_stream) {
  http::response<http::empty_body> head{http::status::ok, version};
  head.set(http::field::server, "drover/" DROVER_VERSION);
  head.set(http::field::content_type, "text/plain;charset=utf-8");
  head.set("X-Accel-Buffering", "no");
  head.chunked(true);
  head.keep_alive(false);
  http::response_serializer<http::empty_body> serializer(head);
  if (auto [ec, n] = co_await http::async_write_header(socket, serializer, kNoThrow); ec) {
    co_return;
  }
  auto timer = std::make_shared<asio::steady_timer>(socket.get_executor());
  auto gone = std::make_shared<bool>(false);
  auto scratch = std::make_shared<std::array<char, 256>>();
  socket.async_read_some(asio::buffer(*scratch), [gone, scratch, timer](const error_code&, size_t) {
    *gone = true;  // EOF, an error, or data we do not expect.
    timer->cancel();
  });
  end_stream = [timer] { timer->cancel(); };
  EndStreamHook hook{end_stream};
  while (!*gone) {
    if (std::string text = tail(); !text.empty()) {
      auto [ec, n] =
          co_await asio::async_write(socket, http::make_chunk(asio::buffer(text)), kNoThrow);
      if (ec) {
        break;
      }
    }
    if (closed) {
      co_await asio::async_write(socket, http::make_chunk_last(), kNoThrow);
      break;
    }
    timer->expires_after(kTailPoll);
    co_await timer->async_wait(kNoThrow);
  }
}

}  // namespace drover::api
