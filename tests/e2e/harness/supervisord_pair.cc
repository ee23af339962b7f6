#include "harness/supervisord_pair.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace drover::e2e {
namespace {

std::string drover_settings(const std::string& dir) {
  return "  log_dir: " + dir + "/logs\n  log_file: " + dir + "/drover.log\n";
}

std::string replace_dir(std::string text, const std::string& dir) {
  for (size_t at = text.find(dir); at != std::string::npos; at = text.find(dir, at)) {
    text.replace(at, dir.size(), "@DIR@");
  }
  return text;
}

}  // namespace

bool SupervisordPair::start(const PairConfig& config) {
  rewrite(config);
  return drover.start() && supervisord.start();
}

void SupervisordPair::rewrite(const PairConfig& config) {
  supervisord.write_config(config.programs);
  if (kDroverReadsIni) {
    drover.use_config_file("supervisord.conf");
    std::ifstream in(supervisord.config_path());
    std::stringstream text;
    text << in.rdbuf();
    std::string ini = text.str();
    for (size_t at = ini.find(supervisord.dir()); at != std::string::npos;
         at = ini.find(supervisord.dir(), at)) {
      ini.replace(at, supervisord.dir().size(), drover.dir());
    }
    std::ofstream(drover.config_path()) << ini;
  } else {
    std::string yaml = config.yaml;
    for (size_t at = yaml.find("@DIR@"); at != std::string::npos; at = yaml.find("@DIR@", at)) {
      yaml.replace(at, 5, drover.dir());
    }
    drover.write_config(yaml, drover_settings(drover.dir()));
  }
}

std::string mask_numbers(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(text[i]))) {
      while (i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
        ++i;
      }
      out += 'N';
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string sorted_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& line : lines) {
    out += line + "\n";
  }
  return out;
}

std::string rpc_call(const std::string& method, const std::vector<std::string>& params) {
  std::string body =
      "<?xml version='1.0'?><methodCall><methodName>" + method + "</methodName><params>";
  for (const std::string& param : params) {
    body += "<param><value><string>" + param + "</string></value></param>";
  }
  return body + "</params></methodCall>";
}

std::string read_all(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string recording_listener_script(bool kill_parent_on_fatal) {
  std::string script = R"(import os, signal, sys
def w(s):
    sys.stdout.write(s); sys.stdout.flush()
while True:
    w("READY\n")
    header = dict(x.split(":", 1) for x in sys.stdin.readline().split())
    payload = sys.stdin.read(int(header["len"]))
    with open(sys.argv[1], "a") as f:
        f.write(header["eventname"] + " " + payload.replace("\n", "|") + "\n")
)";
  if (kill_parent_on_fatal) {
    script += R"(    if header["eventname"] == "PROCESS_STATE_FATAL":
        os.kill(os.getppid(), signal.SIGTERM)
)";
  }
  return script + "    w(\"RESULT 2\\nOK\")\n";
}

bool wait_rpc_state(const std::string& socket, const std::string& name, const std::string& state) {
  return wait_until(
      [&] {
        HttpReply reply =
            http_unix(socket, "POST", "/RPC2", rpc_call("supervisor.getProcessInfo", {name}));
        return reply.body.find("<string>" + state + "</string>") != std::string::npos;
      },
      std::chrono::seconds(20));
}

void expect_same_output(SupervisordPair& pair, const std::vector<std::string>& args,
                        bool any_order) {
  std::string command = "supervisorctl";
  for (const std::string& arg : args) {
    command += " " + arg;
  }
  CommandResult ours = supervisorctl(pair.drover.socket(), args);
  CommandResult theirs = supervisorctl(pair.supervisord.socket(), args);
  std::string ours_out = mask_numbers(replace_dir(ours.out, pair.drover.dir()));
  std::string theirs_out = mask_numbers(replace_dir(theirs.out, pair.supervisord.dir()));
  if (any_order) {
    ours_out = sorted_lines(ours_out);
    theirs_out = sorted_lines(theirs_out);
  }
  EXPECT_EQ(ours.exit_code, theirs.exit_code) << command;
  EXPECT_EQ(ours_out, theirs_out) << command << "\ndrover stderr: " << ours.err;
}

}  // namespace drover::e2e
