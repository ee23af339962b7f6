// A service's output, in blocks of lines: into its files and ring, onto the
// unified stream, and to `drover logs -f` followers. One clock read and one
// file write per chunk the service wrote; per-line work only where a sink
// formats lines (the stream) or takes them one by one (followers).
#include "log/diagnostics.h"
#include "log/ring_buffer.h"
#include "supervisor/supervisor.h"

#include <algorithm>
#include <chrono>

namespace drover::supervisor {
namespace {

int64_t wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool wanted(const core::LogQuery& query, const core::LogEntry& entry) {
  if (query.stderr_only && entry.stream != core::LogStream::Stderr) {
    return false;
  }
  if (query.services.empty()) {
    return true;
  }
  return std::find(query.services.begin(), query.services.end(), entry.service) !=
         query.services.end();
}

}  // namespace

struct Supervisor::Follower {
  core::LogQuery query;
  api::LogLineSink sink;
  std::function<void()> on_end;
};

// Unsubscribes when the API drops the stream (the client went away).
class Supervisor::FollowerHandle : public api::LogSubscription {
 public:
  FollowerHandle(std::list<std::shared_ptr<Follower>>& list,
                 std::list<std::shared_ptr<Follower>>::iterator at)
      : list_(list), at_(at) {}
  ~FollowerHandle() override { list_.erase(at_); }

 private:
  std::list<std::shared_ptr<Follower>>& list_;
  std::list<std::shared_ptr<Follower>>::iterator at_;
};

void Supervisor::take_lines(ServiceRecord& service, runtime::Stream stream, std::string_view bytes,
                            bool flush_partial) {
  bool is_stdout = stream == runtime::Stream::Stdout;
  take_lines_with(service, is_stdout ? service.stdout_lines : service.stderr_lines, stream, bytes,
                  flush_partial);
}

void Supervisor::take_lines_with(ServiceRecord& service, log::LineSplitter& lines,
                                 runtime::Stream stream, std::string_view bytes,
                                 bool flush_partial) {
  bool is_stdout = stream == runtime::Stream::Stdout;
  int64_t now = wall_clock_ms();
  auto emit = [&](std::string_view text, size_t count, bool continued) {
    log::LineBlock block{text,
                         count,
                         log_sequence_ + 1,
                         now,
                         is_stdout ? core::LogStream::Stdout : core::LogStream::Stderr,
                         continued};
    log_sequence_ += count;
    publish(service, block);
  };
  if (flush_partial) {
    lines.flush(emit);
  } else {
    lines.feed(bytes, emit);
  }
  console_.flush();
  std::string failure = service.output->flush();
  if (!failure.empty()) {
    log::warn(service.spec.name, failure);
  }
}

void Supervisor::publish(ServiceRecord& service, const log::LineBlock& block, bool to_files) {
  service.output->add(block, to_files);
  const std::string& name = service.spec.name;
  if (service.output->console()) {
    console_.append(name, service.color, block);
  }
  if (followers_.empty()) {
    return;
  }
  // A sink may end its own subscription; iterate over a snapshot.
  std::vector<std::shared_ptr<Follower>> snapshot(followers_.begin(), followers_.end());
  core::LogEntry entry{0, block.time_ms, name, block.stream, block.continued, {}};
  log::for_each_line(block, [&](std::string_view line, uint64_t sequence) {
    entry.sequence = sequence;
    entry.text.assign(line);
    for (const auto& follower : snapshot) {
      if (follower->sink && wanted(follower->query, entry)) {
        follower->sink(entry);
      }
    }
  });
}

// Starts tailing the service's log.follow files. Their lines count as the
// service's stdout in the ring and the unified stream. A file whose
// directory is missing is reported and not followed (watching for the
// directory to appear would need polling).
void Supervisor::follow_files(ServiceRecord& service) {
  service.followed.clear();
  for (const std::string& path : service.spec.log.follow) {
    auto followed = std::make_unique<ServiceRecord::FollowedFile>();
    followed->lines = log::LineSplitter(service.spec.log.max_line);
    ServiceRecord::FollowedFile* file = followed.get();
    std::string name = service.spec.name;
    file->follower = std::make_unique<log::FileFollower>(
        io_, path,
        [this, name, file](std::string_view bytes) {
          ServiceRecord* owner = find(name);
          if (owner == nullptr) {
            return;
          }
          int64_t now = wall_clock_ms();
          file->lines.feed(bytes, [&](std::string_view text, size_t count, bool continued) {
            log::LineBlock block{text,     count, log_sequence_ + 1, now, core::LogStream::Stdout,
                                 continued};
            log_sequence_ += count;
            publish(*owner, block, false);
          });
          console_.flush();
        },
        [name](const Error& error) { log::warn(name, "unable to follow " + error.message); });
    Result<void> started = file->follower->start();
    if (!started) {
      log::warn(name, "unable to follow " + path + ": " + started.error().message);
      continue;
    }
    service.followed.push_back(std::move(followed));
  }
}

Result<std::vector<core::LogEntry>> Supervisor::logs(const core::LogQuery& query) const {
  Result<std::vector<ServiceRecord*>> targets = resolve(query.services);
  if (!targets) {
    return targets.error();
  }
  std::vector<ServiceRecord*> chosen = *targets;
  if (query.services.empty()) {
    for (const auto& service : services_) {
      chosen.push_back(service.get());
    }
  }
  core::LogQuery per_service = query;
  per_service.services.clear();
  std::vector<std::vector<core::LogEntry>> parts;
  for (ServiceRecord* service : chosen) {
    parts.push_back(service->output->query(per_service));
  }
  return log::merge_by_sequence(std::move(parts), query.last_lines);
}

Result<std::unique_ptr<api::LogSubscription>> Supervisor::follow_logs(
    const core::LogQuery& query, api::LogLineSink sink, std::function<void()> on_end) {
  Result<std::vector<ServiceRecord*>> targets = resolve(query.services);
  if (!targets) {
    return targets.error();
  }
  if (finished_called_) {
    return make_error(Errc::Unavailable, "drover is stopping");
  }
  followers_.push_back(
      std::make_shared<Follower>(Follower{query, std::move(sink), std::move(on_end)}));
  std::unique_ptr<api::LogSubscription> handle =
      std::make_unique<FollowerHandle>(followers_, std::prev(followers_.end()));
  return handle;
}

// At shutdown every follower hears the end once; their handles still erase
// their entries when the API lets go of them.
void Supervisor::end_followers() {
  std::vector<std::shared_ptr<Follower>> ending(followers_.begin(), followers_.end());
  for (const auto& follower : ending) {
    if (follower->on_end) {
      auto on_end = std::move(follower->on_end);
      follower->on_end = nullptr;
      on_end();
    }
  }
}

}  // namespace drover::supervisor
