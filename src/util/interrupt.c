#include "util/interrupt.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t first_signal;
static volatile sig_atomic_t guarding;
static char guarded_path[4096];

static void on_signal(int sig)
{
	if (!first_signal) {
		first_signal = sig;
		return;
	}
	/* the second: unlink and _exit are async-signal-safe */
	if (guarding)
		unlink(guarded_path);
	_exit(128 + sig);
}

void interrupt_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a sleep or poll in progress returns, and the loop
	 * around it sees the request to stop at once */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int interrupt_signal(void)
{
	return first_signal;
}

void interrupt_guard_file(const char *path)
{
	guarding = 0;
	if (!path || strlen(path) >= sizeof guarded_path)
		return;
	memcpy(guarded_path, path, strlen(path) + 1);
	guarding = 1;
}
