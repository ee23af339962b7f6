// The complete example in docs/config.md must load, so the documentation
// cannot drift from what the reader accepts.
#include "config/config.h"
#include "config/env_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdlib.h>

namespace drover::config {
namespace {

namespace fs = std::filesystem;

// The first ```yaml block of docs/config.md.
std::string first_yaml_block() {
  std::ifstream file(fs::path(DROVER_SOURCE_DIR) / "docs" / "config.md");
  std::stringstream text;
  text << file.rdbuf();
  std::string doc = text.str();
  size_t start = doc.find("```yaml\n");
  size_t end = doc.find("```\n", start + 8);
  if (start == std::string::npos || end == std::string::npos) {
    return "";
  }
  return doc.substr(start + 8, end - start - 8);
}

TEST(DocsExampleTest, CompleteExampleLoads) {
  std::string yaml = first_yaml_block();
  ASSERT_FALSE(yaml.empty()) << "no ```yaml block in docs/config.md";
  std::string pattern = (fs::temp_directory_path() / "drover-docs-XXXXXX").string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  fs::path dir = pattern;
  std::ofstream(dir / "worker.env") << "DB_URL=postgres://db/app\n";

  LoadResult result = load_text(yaml, (dir / "drover.yaml").string(), {});
  fs::remove_all(dir);
  ASSERT_TRUE(result.model.has_value()) << result.errors[0].to_string();

  const core::Model& model = *result.model;
  ASSERT_EQ(model.services.size(), 4u);
  EXPECT_EQ(model.services[2].argv,
            (std::vector<std::string>{"/opt/worker/bin/worker", "--queue", "default"}));
  EXPECT_EQ(model.services[2].env,
            (EnvList{{"DB_URL", "postgres://db/app"}, {"LOG_LEVEL", "debug"}, {"WORKERS", "4"}}));
  EXPECT_EQ(model.services[3].argv[0], "/bin/sh");
  EXPECT_FALSE(model.services[3].autostart);
  EXPECT_EQ(model.settings.log_dir, "/var/log/drover");
  EXPECT_EQ(model.services[1].log.max_size, 50'000'000u);
  EXPECT_EQ(model.services[1].log.backups, 3);
}

}  // namespace
}  // namespace drover::config
