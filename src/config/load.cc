// load_file / load_text: the module's entry points. This is the last line of
// defence for "never throws": anything unexpected (std::bad_alloc included)
// becomes an error here instead of taking the supervisor down.
#include "config/config.h"
#include "config/ini_reader.h"
#include "config/read_file.h"
#include "config/yaml_parser.h"
#include "config/yaml_reader.h"

namespace drover::config {

LoadResult load_text(const std::string& text, const std::string& path, const Environment& env,
                     const SupervisordOverrides& overrides, const TimeZoneCheck& check_zone) {
  LoadResult result;
  try {
    // Both readers share everything from validate.h down.
    if (is_ini_config(path, text)) {
      result.model = read_ini_config(text, path, env, overrides, result.errors, result.warnings);
    } else if (std::optional<Node> root = parse_yaml(text, path, result.errors)) {
      result.model = read_yaml_config(std::move(*root), path, env, result.errors, check_zone);
    }
  } catch (const std::exception& e) {
    result.errors.push_back(make_error(Errc::Internal, std::string("reading config: ") + e.what()));
  } catch (...) {
    result.errors.push_back(make_error(Errc::Internal, "reading config: unknown exception"));
  }
  if (!result.errors.empty()) {
    result.model.reset();
    sort_errors(result.errors, path);
  }
  sort_errors(result.warnings, path);
  return result;
}

LoadResult load_file(const std::string& path, const Environment& env,
                     const SupervisordOverrides& overrides, const TimeZoneCheck& check_zone) {
  Result<std::string> text = read_text_file(path);
  if (!text) {
    LoadResult result;
    result.errors.push_back(text.error());
    return result;
  }
  return load_text(*text, path, env, overrides, check_zone);
}

}  // namespace drover::config
