// Golden files: each stack under tests/export/ (shaped after the five seed
// documents) exported to Kubernetes and Compose must match the committed
// expected output byte for byte, warnings included. After an intended
// change: DROVER_UPDATE_GOLDEN=1 ctest -R export, then review the diff.
#include "export/export.h"

#include "config/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace drover::exporter {
namespace {

const char* kStacks[] = {"plano", "bots-edi", "hybrid", "rails-workers", "pihole-checkpoint"};

std::filesystem::path stack_dir(const std::string& stack) {
  return std::filesystem::path(DROVER_SOURCE_DIR) / "tests" / "export" / stack;
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string with_warnings(const ExportResult& result) {
  std::string text;
  for (const Warning& warning : result.warnings) {
    text += "# warning: " + warning.service + ": " + warning.message + "\n";
  }
  return text + render(result.objects);
}

void check_golden(const std::filesystem::path& file, const std::string& actual) {
  if (std::getenv("DROVER_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(file) << actual;
  }
  EXPECT_EQ(read(file), actual) << file;
}

core::Model load(const std::string& stack) {
  config::LoadResult loaded =
      config::load_file((stack_dir(stack) / "drover.yaml").string(), config::Environment{});
  EXPECT_TRUE(loaded.model) << stack;
  return loaded.model ? *loaded.model : core::Model{};
}

class GoldenTest : public testing::TestWithParam<const char*> {};

TEST_P(GoldenTest, KubernetesMatchesTheGoldenFile) {
  core::Model model = load(GetParam());
  ExportResult result = to_kubernetes(model, {"registry.example/app:1.0", "", GetParam()});
  check_golden(stack_dir(GetParam()) / "kubernetes.yaml", with_warnings(result));
}

TEST_P(GoldenTest, ComposeMatchesTheGoldenFile) {
  core::Model model = load(GetParam());
  ExportResult result = to_compose(model, {"registry.example/app:1.0"});
  check_golden(stack_dir(GetParam()) / "compose.yaml", with_warnings(result));
}

TEST_P(GoldenTest, TheSameModelAlwaysRendersTheSameText) {
  core::Model model = load(GetParam());
  KubernetesOptions options{"img", "ns", "app"};
  EXPECT_EQ(render(to_kubernetes(model, options).objects),
            render(to_kubernetes(model, options).objects));
}

INSTANTIATE_TEST_SUITE_P(Seeds, GoldenTest, testing::ValuesIn(kStacks),
                         [](const testing::TestParamInfo<const char*>& param) {
                           std::string name = param.param;
                           std::erase(name, '-');
                           return name;
                         });

}  // namespace
}  // namespace drover::exporter
