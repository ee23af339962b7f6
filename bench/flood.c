/* The writer of the log throughput bench (bench/run, "logs" section):
 *
 *     flood BYTES [STAMPFILE [DELAY_MS]]
 *
 * Writes BYTES (a multiple of 100) to stdout as 100-byte lines, as fast as
 * it can, in 64 KiB writes. Line k (from 1) is k as 20 zero-padded digits,
 * 79 dots and a newline, so the last line on disk says how far the data got.
 * With STAMPFILE it writes "ready <ns>" there when it starts, then sleeps
 * DELAY_MS (to let the supervisor settle before its CPU time is sampled),
 * then "start <ns>" just before the first write and "end <ns>" after the
 * last one; <ns> is CLOCK_MONOTONIC, the clock of Python's time.monotonic().
 * Numbering costs a few byte increments per line, not a printf, so the
 * writer is not what limits any variant. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { kLine = 100, kDigits = 20, kBuffer = 64 * 1024 / kLine * kLine };

static char buffer[kBuffer];
static char counter[kDigits];

static void stamp(const char* path, const char* what) {
  if (path == NULL) {
    return;
  }
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  char text[64];
  int length = snprintf(text, sizeof text, "%s %lld\n", what,
                        (long long)now.tv_sec * 1000000000LL + now.tv_nsec);
  int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd >= 0) {
    if (write(fd, text, (size_t)length) != length) {
      perror("flood: stamp");
    }
    close(fd);
  }
}

static void increment(void) {
  for (int i = kDigits - 1; i >= 0; --i) {
    if (counter[i] != '9') {
      ++counter[i];
      return;
    }
    counter[i] = '0';
  }
}

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: flood BYTES [STAMPFILE [DELAY_MS]]\n");
    return 2;
  }
  long long total = atoll(argv[1]);
  const char* stamps = argc > 2 ? argv[2] : NULL;
  stamp(stamps, "ready");
  if (argc > 3) {
    usleep((useconds_t)atoi(argv[3]) * 1000);
  }
  memset(counter, '0', sizeof counter);
  for (int used = 0; used < kBuffer; used += kLine) {
    memset(buffer + used + kDigits, '.', kLine - kDigits - 1);
    buffer[used + kLine - 1] = '\n';
  }
  stamp(stamps, "start");
  long long written = 0;
  while (written < total) {
    size_t used = 0;
    while (used < kBuffer && written + (long long)used < total) {
      increment();
      memcpy(buffer + used, counter, kDigits);
      used += kLine;
    }
    if (written + (long long)used > total) {
      used = (size_t)(total - written);
    }
    size_t done = 0;
    while (done < used) {
      ssize_t n = write(1, buffer + done, used - done);
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n <= 0) {
        perror("flood: write");
        return 1;
      }
      done += (size_t)n;
    }
    written += (long long)used;
  }
  stamp(stamps, "end");
  return 0;
}
