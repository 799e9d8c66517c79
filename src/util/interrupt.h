/* interrupt.h — SIGINT and SIGTERM. The first one asks the run to stop: no
 * new request starts, what is in flight is dropped, and the report of what
 * was checked so far is written, marked incomplete. A second one ends the
 * process at once, removing the temporary report file first, so a person
 * who presses ^C twice never finds a half-written file on disk. */
#ifndef CITECHECK_INTERRUPT_H
#define CITECHECK_INTERRUPT_H

#include <stdbool.h>

void interrupt_install(void);

/* The signal that asked the run to stop (SIGINT, SIGTERM), or 0. */
int interrupt_signal(void);

static inline bool interrupted(void)
{
	return interrupt_signal() != 0;
}

/* The temporary file a second signal must remove before exiting (NULL: none).
 * The path is copied into a static buffer: the handler reads only that. */
void interrupt_guard_file(const char *path);

#endif
