#pragma once

#include "api/log_sink.h"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>

#include <exception>
#include <string>
#include <utility>

namespace drover::api {

// co_spawn with a completion handler that reports an escaped exception
// through `log` as "unable to <what>: <reason>". Use it instead of
// co_spawn(..., detached), which drops the exception silently (STYLE.md D7).
template <typename Executor>
void spawn_logged(const Executor& executor, boost::asio::awaitable<void> task, std::string what,
                  LogSink log) {
  auto report = [what = std::move(what), log = std::move(log)](std::exception_ptr failure) {
    if (!failure) {
      return;
    }
    std::string reason = "unknown exception";
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      reason = e.what();
    } catch (...) {
    }
    if (log) {
      log("warning: unable to " + what + ": " + reason);
    }
  };
  boost::asio::co_spawn(executor, std::move(task), std::move(report));
}

}  // namespace drover::api
