// Per-service log files and ring. The ring is created lazily: most services
// in a large stack print little, and an idle one should cost no memory.
#include "supervisor/service_output.h"

namespace drover::supervisor {
namespace {

std::string join_path(const std::string& dir, const std::string& file) {
  if (!file.empty() && file.front() == '/') {
    return file;
  }
  return dir.back() == '/' ? dir + file : dir + "/" + file;
}

}  // namespace

ServiceOutput::ServiceOutput(const core::ServiceSpec& spec, const core::Settings& settings)
    : console_(spec.log.console), ring_capacity_(spec.log.ring), service_(spec.name) {
  const core::LogSpec& log = spec.log;
  std::string dir = log.dir.empty() ? settings.log_dir : log.dir;
  if (!log.files || dir.empty()) {
    return;
  }
  std::string out = log.stdout_file.empty() ? spec.name + ".out.log" : log.stdout_file;
  stdout_file_ =
      std::make_unique<log::RotatingFile>(join_path(dir, out), log.max_size, log.backups);
  if (!log.merge_stderr) {
    std::string err = log.stderr_file.empty() ? spec.name + ".err.log" : log.stderr_file;
    stderr_file_ =
        std::make_unique<log::RotatingFile>(join_path(dir, err), log.max_size, log.backups);
  }
}

void ServiceOutput::add(const log::LineBlock& block, bool to_files) {
  if (stdout_file_ && to_files) {
    bool to_stderr_file = block.stream == core::LogStream::Stderr && stderr_file_;
    std::string& batch = to_stderr_file ? stderr_batch_ : stdout_batch_;
    batch.append(block.text);
  }
  if (ring_capacity_ > 0) {
    if (!ring_) {
      ring_ = std::make_unique<log::RingBuffer>(service_, ring_capacity_);
    }
    ring_->append(block);
  }
}

std::string ServiceOutput::flush_one(log::RotatingFile* file, std::string& batch) {
  if (file == nullptr || batch.empty()) {
    return "";
  }
  std::optional<Error> failed = file->write(batch);
  batch.clear();
  if (!failed) {
    return "";
  }
  return "unable to " + failed->message + "; dropping lines until it works again";
}

std::string ServiceOutput::flush() {
  std::string report = flush_one(stdout_file_.get(), stdout_batch_);
  std::string other = flush_one(stderr_file_.get(), stderr_batch_);
  return report.empty() ? other : report;
}

std::vector<core::LogEntry> ServiceOutput::query(const core::LogQuery& query) const {
  return ring_ ? ring_->query(query) : std::vector<core::LogEntry>{};
}

uint64_t ServiceOutput::dropped_bytes() const {
  return (stdout_file_ ? stdout_file_->dropped_bytes() : 0) +
         (stderr_file_ ? stderr_file_->dropped_bytes() : 0);
}

uint64_t ServiceOutput::written_bytes() const {
  return (stdout_file_ ? stdout_file_->written_bytes() : 0) +
         (stderr_file_ ? stderr_file_->written_bytes() : 0);
}

std::string ServiceOutput::stdout_path() const { return stdout_file_ ? stdout_file_->path() : ""; }

std::string ServiceOutput::stderr_path() const {
  return stderr_file_ ? stderr_file_->path() : stdout_path();
}

}  // namespace drover::supervisor
