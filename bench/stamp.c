/* stamp: a crash-looping service for the restart-latency benchmark.
 *
 *   stamp FILE [ALIVE_MS]
 *
 * Appends "start <pid> <ns>" to FILE as soon as main() runs, stays up for
 * ALIVE_MS milliseconds (default 10), appends "exit <pid> <ns>" and exits
 * with status 1. <ns> is CLOCK_MONOTONIC, shared by every process on the
 * machine, so the gap between one "exit" line and the next "start" line is
 * the supervisor's restart latency (reap, decide, fork, exec). Built static
 * by bench/run, so no dynamic loading sits inside the gap. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void stamp(const char* path, const char* what) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  char line[96];
  int n = snprintf(line, sizeof line, "%s %ld %lld\n", what, (long)getpid(),
                   (long long)now.tv_sec * 1000000000LL + now.tv_nsec);
  int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0 || write(fd, line, (size_t)n) != n) {
    perror(path);
    _exit(2);
  }
  close(fd);
}

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: stamp FILE [ALIVE_MS]\n");
    return 64;
  }
  stamp(argv[1], "start");
  long alive_ms = argc > 2 ? atol(argv[2]) : 10;
  struct timespec pause = {alive_ms / 1000, (alive_ms % 1000) * 1000000L};
  nanosleep(&pause, NULL);
  stamp(argv[1], "exit");
  return 1;
}
