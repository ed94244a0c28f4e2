/* debrief: a blameless incident retrospective, run as a live meeting in the
 * terminal. main() is the only place that exits. */
#include <locale.h>
#include <signal.h>
#include <stdlib.h>

#include "debrief/cli.h"

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* Past a file-size limit (ulimit -f) a write should fail and be
	 * reported, not kill the meeting. */
	signal(SIGXFSZ, SIG_IGN);
	return cli_main(argc, argv);
}
