// supervisord's event listener protocol under both daemons (issue 6, 2c): the
// common image pattern, a listener that stops the daemon when a program goes
// FATAL, must end both the same way.
#include "harness/supervisord_pair.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace drover::e2e {
namespace {

const char* const kPrograms = R"([program:bad]
command=/bin/false
startsecs=1
startretries=1

[eventlistener:killer]
command=python3 @DIR@/listener.py @DIR@/events.log
events=PROCESS_STATE
)";

TEST(EventListenerTest, ListenerThatKillsTheDaemonOnFatalEndsBothDaemons) {
  SupervisordPair pair;
  std::ofstream(pair.drover.dir() + "/listener.py") << recording_listener_script(true);
  std::ofstream(pair.supervisord.dir() + "/listener.py") << recording_listener_script(true);
  ASSERT_TRUE(pair.start({kPrograms, ""}));
  EXPECT_EQ(pair.supervisord.wait_exit(std::chrono::seconds(60)), 0);
  EXPECT_EQ(pair.drover.wait_exit(std::chrono::seconds(60)), 0);
  for (const std::string& dir : {pair.drover.dir(), pair.supervisord.dir()}) {
    std::string events = read_all(dir + "/events.log");
    EXPECT_NE(events.find("PROCESS_STATE_FATAL processname:bad groupname:bad from_state:"),
              std::string::npos)
        << dir << ":\n"
        << events;
    EXPECT_NE(events.find("PROCESS_STATE_RUNNING processname:killer groupname:killer "
                          "from_state:STARTING pid:"),
              std::string::npos)
        << events;
  }
}

// supervisorctl remove/add emit PROCESS_GROUP_REMOVED and _ADDED, with the
// same payload under both daemons.
TEST(EventListenerTest, GroupEventsOnRemoveAndAddMatchSupervisord) {
  SupervisordPair pair;
  std::ofstream(pair.drover.dir() + "/listener.py") << recording_listener_script(true);
  std::ofstream(pair.supervisord.dir() + "/listener.py") << recording_listener_script(true);
  ASSERT_TRUE(pair.start({R"([program:job]
command=sleep 600

[eventlistener:recorder]
command=python3 @DIR@/listener.py @DIR@/events.log
events=PROCESS_GROUP
)",
                          ""}));
  for (const std::string& socket : {pair.drover.socket(), pair.supervisord.socket()}) {
    ASSERT_TRUE(wait_rpc_state(socket, "job", "RUNNING")) << socket;
    EXPECT_EQ(supervisorctl(socket, {"stop", "job"}).exit_code, 0);
    EXPECT_EQ(supervisorctl(socket, {"remove", "job"}).exit_code, 0);
    EXPECT_EQ(supervisorctl(socket, {"add", "job"}).exit_code, 0);
  }
  for (const std::string& dir : {pair.drover.dir(), pair.supervisord.dir()}) {
    std::string events;
    ASSERT_TRUE(wait_until([&] {
      events = read_all(dir + "/events.log");
      return events.find("PROCESS_GROUP_ADDED groupname:job|\nPROCESS_GROUP_REMOVED") !=
                 std::string::npos ||
             events.find(
                 "PROCESS_GROUP_REMOVED groupname:job|\nPROCESS_GROUP_ADDED groupname:job|") !=
                 std::string::npos;
    })) << dir
        << ":\n"
        << events;
    EXPECT_NE(
        events.find("PROCESS_GROUP_REMOVED groupname:job|\nPROCESS_GROUP_ADDED groupname:job|"),
        std::string::npos)
        << dir << ":\n"
        << events;
  }
}

}  // namespace
}  // namespace drover::e2e
