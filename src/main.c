/* debrief: a blameless incident retrospective, run as a live meeting in the
 * terminal. main() is the only place that exits. */
#include <locale.h>
#include <stdlib.h>

#include "debrief/cli.h"

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	return cli_main(argc, argv);
}
