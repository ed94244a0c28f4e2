/* The command line: parses argv and runs a command. */
#ifndef DEBRIEF_CLI_H
#define DEBRIEF_CLI_H

/* EXIT_OVERDUE: 'actions --overdue' found some (for cron and prompts). */
enum exit_code { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_OVERDUE = 3 };

/* Runs the program; returns the exit status. */
int cli_main(int argc, char **argv);

#endif
