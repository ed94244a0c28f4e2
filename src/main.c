/* debrief: a blameless incident retrospective, run as a live meeting in the
 * terminal. main() is the only place that exits. */
#include <locale.h>
#include <signal.h>
#include <stdlib.h>

#include "debrief/cli.h"
#include "debrief/term.h"

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* Past a file-size limit (ulimit -f) a write should fail and be
	 * reported, not kill the meeting. */
	signal(SIGXFSZ, SIG_IGN);
	int rc = cli_main(argc, argv);
	/* Asked to quit by a signal: everything is saved and the terminal is
	 * restored; now end as that signal says, for shells and supervisors. */
	int sig = term_quit_signal();
	if (sig) {
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return rc;
}
