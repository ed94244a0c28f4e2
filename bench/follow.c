/* Benchmark (not a test): how soon a change committed by one process shows
 * on another terminal following the same retrospective, and what a terminal
 * that only watches costs when idle. Never fails on timing.
 *
 * usage: bench-follow path/to/debrief [changes]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "vt.h"

static char dir[256], db[320], home[320];
static char *env[] = {"TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=UTC",
		      "PATH=/usr/bin:/bin", NULL, NULL, NULL};


int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s path/to/debrief [changes]\n", argv[0]);
		return 2;
	}
	const char *bin = argv[1];
	int changes = argc > 2 ? atoi(argv[2]) : 50;
	snprintf(dir, sizeof dir, "/tmp/debrief-follow.XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	snprintf(db, sizeof db, "DEBRIEF_DB=%s/f.db", dir);
	snprintf(home, sizeof home, "HOME=%s", dir);
	env[5] = db;
	env[6] = home;
	char cmd[1024], id[64] = "";
	snprintf(cmd, sizeof cmd, "%s --db %s/f.db new Follow --date 2026-11-24 | tail -n 1", bin, dir);
	FILE *p = popen(cmd, "r");
	if (!p || !fgets(id, sizeof id, p))
		return 1;
	pclose(p);
	id[strcspn(id, "\n")] = '\0';

	char *vargv[] = {(char *)bin, "--view", id, NULL};
	struct vt *v = vt_spawn(vargv, env, 24, 100);
	if (!v || !vt_wait_text(v, "Regardless", 10000))
		return 1;
	/* The facilitator moves to the timeline, where the changes show. */
	char *fargv[] = {(char *)bin, id, NULL};
	struct vt *f = vt_spawn(fargv, env, 24, 100);
	vt_wait_text(f, "Regardless", 10000);
	/* On the Close stage the count of events shows each change. */
	vt_key(f, "5");
	vt_wait_text(v, "0 events", 10000);

	double *lat = calloc((size_t)changes, sizeof *lat);
	int seen = 0;
	for (int i = 0; i < changes; i++) {
		/* A commit by a third process: `debrief import` of one event. */
		char line[64], path[400];
		/* Each earlier than the last, so it shows at the top. */
		snprintf(line, sizeof line, "%02d:%02d bench change %03d\n", 23 - i / 60, 59 - i % 60, i);
		snprintf(path, sizeof path, "%s/ev.txt", dir);
		FILE *ev = fopen(path, "w");
		fputs(line, ev);
		fclose(ev);
		snprintf(cmd, sizeof cmd, "%s --db %s/f.db import %s %s >/dev/null", bin, dir, id, path);
		/* From before the command starts: an upper bound that includes its
		 * start-up, since the viewer may redraw before it has exited. */
		double committed = now_ms();
		if (system(cmd) != 0)
			return 1;
		char want[32];
		snprintf(want, sizeof want, " %d events", i + 1);
		if (vt_wait_text(v, want, 5000)) {
			lat[seen++] = now_ms() - committed;
		}
		vt_pump(f, 0);
	}
	qsort(lat, (size_t)seen, sizeof *lat, cmp_double);
	printf("debrief follow benchmark: %d commits by another process, seen by a --view terminal\n", changes);
	if (seen)
		printf("  commit to screen (from the committing command's start): median %.1f ms, 90th percentile %.1f ms, max %.1f ms (%d of %d seen)\n",
		       lat[seen / 2], lat[seen * 9 / 10], lat[seen - 1], seen, changes);
	/* Idle: the facilitator quits, the viewer watches alone for 10 s. */
	vt_key(f, "q");
	int status;
	vt_wait_exit(f, 5000, &status);
	vt_free(f);
	double c0 = bench_cpu_s(vt_pid(v)), t0 = now_ms();
	while (now_ms() - t0 < 10000)
		vt_pump(v, 200);
	double c1 = bench_cpu_s(vt_pid(v));
	printf("  idle watcher: %.2f%% of one CPU over 10 s (%.0f ms of CPU)\n",
	       100.0 * (c1 - c0) / 10.0, 1000 * (c1 - c0));
	vt_key(v, "q");
	vt_wait_exit(v, 5000, &status);
	vt_free(v);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	free(lat);
	return system(cmd) == 0 ? 0 : 1;
}
