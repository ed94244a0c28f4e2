/* Waking up when another terminal changes the database: inotify on the
 * database's folder. Part of the screen layer (its main loop polls it);
 * storage knows nothing of it. */
#ifndef DEBRIEF_WATCH_H
#define DEBRIEF_WATCH_H

#include <stdbool.h>

/* A file descriptor that becomes readable when the files of the database
 * at db_path change, for the caller's poll(); -1 if it cannot be had (then
 * poll on a timer). Close it with watch_close(). */
int watch_open(const char *db_path);
/* Empties it after a wake-up: whether there was anything. */
bool watch_drain(int fd);
void watch_close(int fd);

#endif
