// [include] files=: supervisord reads the listed files into the same parser,
// so their sections merge with the main file's. It does this once, for the
// main file's [include] only; an [include] inside an included file replaces
// nothing that was already read and is effectively ignored, which drover
// reports instead of mirroring silently.
#include "config/ini_expand.h"
#include "config/ini_reader.h"
#include "config/read_file.h"

#include <algorithm>
#include <filesystem>
#include <glob.h>
#include <sstream>

namespace drover::config {
namespace {

std::vector<std::string> glob_files(const std::string& pattern) {
  std::vector<std::string> files;
  glob_t found{};
  if (::glob(pattern.c_str(), 0, nullptr, &found) == 0) {
    for (size_t i = 0; i < found.gl_pathc; ++i) {
      files.emplace_back(found.gl_pathv[i]);
    }
  }
  ::globfree(&found);
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> split_words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string word; in >> word;) {
    words.push_back(word);
  }
  return words;
}

void read_included(const std::string& path, const IniEntry& files, IniDocument& doc, Errors& errors,
                   Errors& warnings) {
  Result<std::string> text = read_text_file(path);
  if (!text) {
    errors.push_back(config_error(files.at, "[include] files", text.error().message));
    return;
  }
  parse_ini(*text, path, doc, errors);
  const IniSection* include = doc.find("include");
  const IniEntry* now = include ? include->find("files") : nullptr;
  if (now != nullptr && now->at.file == path) {
    warnings.push_back(config_error(now->key_at, "[include] files",
                                    "an [include] inside an included file is ignored, as in "
                                    "supervisord"));
  }
}

}  // namespace

IniDocument read_ini_document(std::string_view text, const std::string& file,
                              const Environment& env, Errors& errors, Errors& warnings) {
  IniDocument doc;
  parse_ini(text, file, doc, errors);
  const IniSection* include = doc.find("include");
  if (include == nullptr) {
    return doc;
  }
  const IniEntry* entry = include->find("files");
  if (entry == nullptr) {
    errors.push_back(config_error(include->at, "[include]",
                                  ".ini file has [include] section, but no files setting"));
    return doc;
  }
  IniEntry files = *entry;  // Copied: parsing included files may move the sections.
  Result<std::string> expanded =
      expand_ini_value(files.value, base_ini_expansions(env, include->here));
  if (!expanded) {
    errors.push_back(config_error(files.at, "[include] files", expanded.error().message));
    return doc;
  }
  std::filesystem::path base = include->here;
  for (const std::string& pattern : split_words(*expanded)) {
    std::string full = (base / pattern).string();  // An absolute pattern replaces the base.
    std::vector<std::string> matches = glob_files(full);
    if (matches.empty()) {
      warnings.push_back(config_error(files.at, "[include] files",
                                      "no file matches via include \"" + full + "\""));
    }
    for (const std::string& path : matches) {
      read_included(path, files, doc, errors, warnings);
    }
  }
  return doc;
}

}  // namespace drover::config
