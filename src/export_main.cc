// `drover export`: the I/O around the pure translation in src/export/.
#include "export_main.h"

#include "export/export.h"
#include "export/values.h"
#include "up.h"

#include <filesystem>
#include <fstream>
#include <iostream>

namespace drover {
namespace {

// The stack's name: the config file's directory ("bots-edi/drover.yaml" ->
// "bots-edi"), the same on every machine that has the checkout.
std::string default_app(const std::string& config_path) {
  std::filesystem::path absolute = std::filesystem::absolute(config_path).lexically_normal();
  return exporter::dns_label(absolute.parent_path().filename().string());
}

int write_directory(const std::string& dir, const std::vector<exporter::Manifest>& objects) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    std::cerr << "drover: export: " << dir << ": " << ec.message() << "\n";
    return 1;
  }
  for (const exporter::Manifest& object : objects) {
    std::filesystem::path file = std::filesystem::path(dir) / exporter::file_name(object);
    std::ofstream out(file);
    out << exporter::render({object});
    if (!out.flush()) {
      std::cerr << "drover: export: cannot write " << file.string() << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace

int export_manifests(const cli::ExportRequest& request) {
  std::optional<LoadedConfig> loaded = load_config_for_command(request.config);
  if (!loaded) {
    return 2;
  }
  exporter::ExportResult result;
  if (request.target == "compose") {
    result = exporter::to_compose(loaded->model, {request.image});
  } else {
    std::string app = request.app.empty() ? default_app(loaded->path) : request.app;
    result = exporter::to_kubernetes(loaded->model, {request.image, request.namespace_, app});
  }
  for (const exporter::Warning& warning : result.warnings) {
    std::cerr << "drover: warning: " << (warning.service.empty() ? "" : warning.service + ": ")
              << warning.message << "\n";
  }
  if (request.output.empty() || request.output == "-") {
    std::cout << exporter::render(result.objects);
    return std::cout.flush() ? 0 : 1;
  }
  return write_directory(request.output, result.objects);
}

}  // namespace drover
