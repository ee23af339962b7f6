// The INI reader never crashes and never throws, whatever the input: a
// cheap stand-in for a fuzzer, run on every build. Inputs are a valid file
// cut, spliced and sprinkled with the characters the reader treats specially.
#include "config/ini_test_util.h"

#include <random>

namespace drover::config::test {
namespace {

const char kSeed[] =
    "[supervisord]\nnodaemon=true\nenvironment=A=\"1,2\",B=3\n[include]\nfiles=none/*.conf\n"
    "[group:g]\nprograms=a,b\npriority=3\n[program:a]\ncommand=run %(process_num)02d %(here)s\n"
    "numprocs=2\nprocess_name=a%(process_num)d\nstdout_logfile=/dev/stdout\n"
    "depends_on=b:healthy\nhealth_tcp=h:1\n[program:b]\ncommand=b\n  continued\n"
    "autorestart=unexpected\nexitcodes=0,2\n[unix_http_server]\nfile=/tmp/x.sock\n"
    "[inet_http_server]\nport=*:9001\n";

TEST(IniRobustnessTest, MangledConfigsNeverCrash) {
  std::mt19937 random(6);
  const std::string specials = "[]=:;#%()\n \t\",'sd0";
  std::string seed = kSeed;
  for (int round = 0; round < 3000; ++round) {
    std::string text = seed;
    int edits = 1 + static_cast<int>(random() % 8);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      size_t at = random() % text.size();
      switch (random() % 3) {
        case 0:
          text[at] = specials[random() % specials.size()];
          break;
        case 1:
          text.erase(at, random() % 12);
          break;
        default:
          text.insert(at, text.substr(random() % text.size(), random() % 20));
          break;
      }
    }
    LoadResult result = load_text(text, "fuzz.conf", {{"HOME", "/root"}});
    EXPECT_TRUE(result.model.has_value() || !result.errors.empty());
  }
}

}  // namespace
}  // namespace drover::config::test
