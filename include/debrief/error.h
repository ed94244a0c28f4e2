/* Errors are values: a function that can fail returns a status and fills a
 * struct err with one line for the user. Only main() decides to exit. */
#ifndef DEBRIEF_ERROR_H
#define DEBRIEF_ERROR_H

struct err {
	char msg[1024];
	/* Set by storage when the cause was another program holding the
	 * database's write lock (nothing is wrong: later, it may work). */
	int busy;
};

/* Fills e (when not NULL) and returns -1, so callers can write
 * `return err_set(e, "...")`. */
int err_set(struct err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Puts "prefix: " in front of the message already in e. */
void err_prefix(struct err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
