// SPDX-License-Identifier: GPL-2.0
/*
 * failnth N OP ARGS: make the N-th allocation that passes the fault
 * injection filters fail (/proc/thread-self/fail-nth) during one system
 * call of this process, then print "err=<errno or 0> injected=<0|1>".
 *
 *   mkdir PATH | open PATH | write PATH VALUE | load MODULE_FILE
 *
 * One process for the setting and the call: a child or an exec'd program
 * would not inherit fail-nth, or would spend it on its own allocations.
 * Every fault attribute counts fail-nth down: the guests enable failslab
 * and fail_page_alloc alone (scripts/guest/debug.config), both confined
 * by runtime.sh's stack-trace filter.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define FAIL_NTH "/proc/thread-self/fail-nth"

int main(int argc, char **argv)
{
	char buf[32];
	int fd, nth, ret, err;
	ssize_t n;

	if (argc < 4)
		goto usage;
	nth = open(FAIL_NTH, O_RDWR);
	if (nth < 0) {
		perror(FAIL_NTH);
		return 2;
	}
	fd = -1;
	if (!strcmp(argv[2], "load") || !strcmp(argv[2], "write")) {
		fd = open(argv[3], !strcmp(argv[2], "load") ? O_RDONLY : O_WRONLY);
		if (fd < 0) {
			perror(argv[3]);
			return 2;
		}
	}
	if (!strcmp(argv[2], "write") && argc < 5)
		goto usage;
	n = strlen(argv[1]);
	if (write(nth, argv[1], n) != n) {
		perror(FAIL_NTH);
		return 2;
	}
	if (!strcmp(argv[2], "mkdir"))
		ret = mkdir(argv[3], 0755);
	else if (!strcmp(argv[2], "open"))
		ret = open(argv[3], O_RDONLY) < 0 ? -1 : 0;
	else if (!strcmp(argv[2], "write"))
		ret = write(fd, argv[4], strlen(argv[4])) < 0 ? -1 : 0;
	else if (!strcmp(argv[2], "load"))
		ret = syscall(__NR_finit_module, fd, "", 0);
	else
		goto usage;
	err = ret ? errno : 0;
	/* What is left of N: 0 once the N-th allocation has failed. */
	n = pread(nth, buf, sizeof(buf) - 1, 0);
	if (n <= 0) {
		perror(FAIL_NTH);
		return 2;
	}
	buf[n] = '\0';
	/* Set it to 0, or the process's exit would spend the rest. */
	if (write(nth, "0", 1) != 1)
		return 2;
	printf("err=%d injected=%d\n", err, atoi(buf) == 0);
	return 0;
usage:
	fprintf(stderr, "usage: failnth N mkdir|open|write|load PATH [VALUE]\n");
	return 2;
}
