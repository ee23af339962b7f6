// Python %-formatting as supervisord applies it to option values.
#include "config/ini_expand.h"

#include <gtest/gtest.h>

namespace drover::config {
namespace {

const IniExpansions kNames = {
    {"program_name", {"web", std::nullopt}}, {"process_num", {"3", 3}},
    {"here", {"/etc/sv", std::nullopt}},     {"ENV_HOME", {"/root", std::nullopt}},
    {"group_name", {"g", std::nullopt}},     {"host_node_name", {"box", std::nullopt}}};

std::string expand(const std::string& text) {
  Result<std::string> out = expand_ini_value(text, kNames);
  return out ? *out : "error: " + out.error().message;
}

TEST(IniExpandTest, StringsNumbersAndPercent) {
  EXPECT_EQ(expand("%(program_name)s_%(process_num)02d"), "web_03");
  EXPECT_EQ(expand("%(here)s/app %(ENV_HOME)s"), "/etc/sv/app /root");
  EXPECT_EQ(expand("%(group_name)s@%(host_node_name)s"), "g@box");
  EXPECT_EQ(expand("100%% sure"), "100% sure");
  EXPECT_EQ(expand("%(process_num)d %(process_num)x %(process_num)3d|%(program_name)-5s|"),
            "3 3   3|web  |");
  EXPECT_EQ(expand("%(process_num)s"), "3");
  EXPECT_EQ(expand("%(program_name)r"), "'web'");
  EXPECT_EQ(expand("no names"), "no names");
}

TEST(IniExpandTest, UnknownNamesListWhatIsAvailable) {
  EXPECT_EQ(expand("%(progam_name)s"),
            "error: cannot expand %(progam_name); did you mean \"program_name\"?; available "
            "names: group_name, here, host_node_name, process_num, program_name, ENV_<variable>");
}

TEST(IniExpandTest, MalformedFormatsAreErrors) {
  EXPECT_EQ(expand("50%"),
            "error: a lone \"%\" must be written \"%%\" (supervisord expands %(name)s)");
  EXPECT_EQ(expand("%(here"), "error: \"%(\" without a closing \")\"");
  EXPECT_EQ(expand("%(here)"), "error: incomplete format \"%(here)\"");
  EXPECT_EQ(expand("%(here)q"), "error: unsupported format character 'q' after %(here)");
  EXPECT_EQ(expand("%(here)d"), "error: %(here)d needs a number, but here is text; use %(here)s");
  EXPECT_EQ(expand("%(process_num)99999d"), "error: format width too large after %(process_num)");
}

}  // namespace
}  // namespace drover::config
