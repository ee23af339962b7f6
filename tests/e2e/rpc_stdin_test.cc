// supervisor.sendProcessStdin (issue 6, point 2): supervisord gives every
// program a stdin pipe, so a program reading stdin gets what is sent, under
// drover as under supervisord; a stopped program is NOT_RUNNING in both.
#include "harness/supervisord_pair.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace drover::e2e {
namespace {

TEST(RpcStdinTest, SendProcessStdinReachesTheProgramAsUnderSupervisord) {
  SupervisordPair pair;
  ASSERT_TRUE(pair.start({R"([program:echo]
command=cat
stdout_logfile=@DIR@/echo.out.log

[program:idle]
command=sleep 600
autostart=false
)",
                          ""}));
  for (const auto& [dir, socket] : {std::pair{pair.drover.dir(), pair.drover.socket()},
                                    std::pair{pair.supervisord.dir(), pair.supervisord.socket()}}) {
    ASSERT_TRUE(wait_rpc_state(socket, "echo", "RUNNING")) << socket;
    HttpReply sent = http_unix(socket, "POST", "/RPC2",
                               rpc_call("supervisor.sendProcessStdin", {"echo", "hello stdin\n"}));
    EXPECT_NE(sent.body.find("<boolean>1</boolean>"), std::string::npos) << sent.body;
    EXPECT_TRUE(wait_until([&] { return read_all(dir + "/echo.out.log") == "hello stdin\n"; }))
        << dir << ": " << read_all(dir + "/echo.out.log");
    HttpReply stopped =
        http_unix(socket, "POST", "/RPC2", rpc_call("supervisor.sendProcessStdin", {"idle", "x"}));
    EXPECT_NE(stopped.body.find("<int>70</int>"), std::string::npos)
        << stopped.body;  // NOT_RUNNING
  }
}

}  // namespace
}  // namespace drover::e2e
