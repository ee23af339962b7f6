#include "cli/log_view.h"

#include <gtest/gtest.h>

#include <sstream>

namespace drover::cli {
namespace {

TEST(LogsTargetTest, OneNameUsesTheServiceRoute) {
  EXPECT_EQ(logs_target({{"web"}, 100, "", false, false}), "/v1/services/web/logs?lines=100");
  EXPECT_EQ(logs_target({{"my svc"}, std::nullopt, "10m", true, true}),
            "/v1/services/my%20svc/logs?since=10m&stream=stderr&follow=1");
}

TEST(LogsTargetTest, NoneOrSeveralNamesUseTheLogsRoute) {
  EXPECT_EQ(logs_target({{}, std::nullopt, "", false, false}), "/v1/logs");
  EXPECT_EQ(logs_target({{"web", "db"}, 0, "", false, true}),
            "/v1/logs?service=web&service=db&lines=0&follow=1");
}

LogRecord record(std::string service, std::string line) {
  LogRecord r;
  r.json = R"({"service":")" + service + R"("})";
  r.service = std::move(service);
  r.line = std::move(line);
  return r;
}

class LogPrinterTest : public ::testing::Test {
 protected:
  std::ostringstream out_;
  std::ostringstream err_;
};

TEST_F(LogPrinterTest, OneServicePrintsBareLines) {
  LogPrinter printer(out_, err_, 0, false, false);
  printer.print(record("web", "GET / 200"));
  printer.print(record("web", ""));
  EXPECT_EQ(out_.str(), "GET / 200\n\n");
}

TEST_F(LogPrinterTest, SeveralServicesArePrefixedWithAlignedNames) {
  LogPrinter printer(out_, err_, 8, false, false);
  printer.print(record("web", "GET / 200"));
  printer.print(record("database", "ready"));
  EXPECT_EQ(out_.str(),
            "web      | GET / 200\n"
            "database | ready\n");
}

TEST_F(LogPrinterTest, JsonPrintsTheObjects) {
  LogPrinter printer(out_, err_, 8, true, false);
  printer.print(record("web", "x"));
  LogRecord dropped;
  dropped.json = R"({"dropped":3})";
  dropped.dropped = 3;
  printer.print(dropped);
  EXPECT_EQ(out_.str(), "{\"service\":\"web\"}\n{\"dropped\":3}\n");
  EXPECT_EQ(err_.str(), "");
}

TEST_F(LogPrinterTest, DroppedLinesAreReportedOnStderr) {
  LogPrinter printer(out_, err_, 0, false, true);
  LogRecord dropped;
  dropped.dropped = 12;
  printer.print(dropped);
  EXPECT_EQ(out_.str(), "");
  EXPECT_EQ(err_.str(), "drover: 12 lines were dropped because they were read too slowly\n");
}

TEST(LogRecordTest, ParsesLinesAndMarkers) {
  Result<LogRecord> line = parse_log_record(
      R"({"seq":7,"ts":1,"service":"web","stream":"stderr","continued":false,"line":"a\tb"})");
  ASSERT_TRUE(line);
  EXPECT_EQ(line->service, "web");
  EXPECT_TRUE(line->from_stderr);
  EXPECT_EQ(line->line, "a\tb");
  EXPECT_FALSE(line->dropped);
  Result<LogRecord> marker = parse_log_record(R"({"dropped":5})");
  ASSERT_TRUE(marker);
  EXPECT_EQ(marker->dropped, 5u);
  EXPECT_EQ(marker->json, R"({"dropped":5})");
  EXPECT_FALSE(parse_log_record("not json"));
}

TEST(LogRecordTest, AcceptsBytesThatAreNotUtf8) {
  Result<LogRecord> line = parse_log_record("{\"service\":\"web\",\"line\":\"caf\xe9\"}");
  ASSERT_TRUE(line);
  EXPECT_EQ(line->line, "caf\xe9");
}

TEST(LogRecordTest, ParsesTheNonFollowBody) {
  Result<std::vector<LogRecord>> records = parse_log_lines(
      R"({"lines":[{"seq":1,"service":"a","line":"x"},{"seq":2,"service":"b","line":"y"}]})");
  ASSERT_TRUE(records);
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[1].service, "b");
  EXPECT_EQ((*records)[0].json, R"({"seq":1,"service":"a","line":"x"})");
  EXPECT_FALSE(parse_log_lines(R"({"services":[]})"));
}

}  // namespace
}  // namespace drover::cli
