/* How much kernel time moving a pipe into a file costs, by method; the
 * measurement behind "why not splice(2)" in docs/performance.md (Logs):
 *
 *     cc -O2 -o build/bench/pipe_to_file bench/pipe_to_file.c
 *     build/bench/flood 1073741800 | build/bench/pipe_to_file MODE FILE
 *
 * MODE rw:     read(2) 256 KiB, write(2) it (what drover does);
 *      splice: splice(2) the pipe straight into the file;
 *      tee:    tee(2) into a second pipe, splice the first into the file and
 *              read the second, as a pipeline that must still see every byte.
 * The file is opened without O_APPEND unless APPEND is set in the
 * environment: splice into an O_APPEND file fails with EINVAL (drover's log
 * files are O_APPEND). Prints this process's user and system CPU per GiB. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

enum { kChunk = 1 << 20 };
static char buffer[256 * 1024];

static long read_write(int out) {
  long total = 0;
  ssize_t n;
  while ((n = read(0, buffer, sizeof buffer)) > 0) {
    if (write(out, buffer, (size_t)n) != n) {
      return -1;
    }
    total += n;
  }
  return total;
}

static long splice_all(int out) {
  long total = 0;
  ssize_t n;
  while ((n = splice(0, NULL, out, NULL, kChunk, SPLICE_F_MOVE)) > 0) {
    total += n;
  }
  return n < 0 ? -1 : total;
}

static long tee_splice_read(int out) {
  int copy[2];
  if (pipe(copy) != 0) {
    return -1;
  }
  fcntl(copy[1], F_SETPIPE_SZ, kChunk);
  long total = 0;
  ssize_t n;
  while ((n = tee(0, copy[1], kChunk, 0)) > 0) {
    for (ssize_t left = n, m; left > 0; left -= m) {
      if ((m = splice(0, NULL, out, NULL, (size_t)left, SPLICE_F_MOVE)) <= 0) {
        return -1;
      }
    }
    for (ssize_t left = n, m; left > 0; left -= m) {
      size_t want = (size_t)left < sizeof buffer ? (size_t)left : sizeof buffer;
      if ((m = read(copy[0], buffer, want)) <= 0) {
        return -1;
      }
    }
    total += n;
  }
  return total;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: pipe_to_file rw|splice|tee FILE < pipe\n");
    return 2;
  }
  int flags = O_WRONLY | O_CREAT | O_TRUNC | (getenv("APPEND") ? O_APPEND : 0);
  int out = open(argv[2], flags, 0644);
  if (out < 0) {
    perror(argv[2]);
    return 1;
  }
  fcntl(0, F_SETPIPE_SZ, kChunk);
  long total = !strcmp(argv[1], "rw")       ? read_write(out)
               : !strcmp(argv[1], "splice") ? splice_all(out)
                                            : tee_splice_read(out);
  if (total < 0) {
    perror(argv[1]);
    return 1;
  }
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  double gib = (double)total / (1L << 30);
  fprintf(stderr, "%s: %.2f GiB, user %.3f + sys %.3f CPU-s/GiB\n", argv[1], gib,
          ((double)usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6) / gib,
          ((double)usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6) / gib);
  return 0;
}
