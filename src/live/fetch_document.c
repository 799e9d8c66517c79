#include "live/fetch_document.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "live/live_engine.h"
#include "util/util.h"

bool fetch_document_url(const char *path)
{
	return !strncasecmp(path, "http://", 7) || !strncasecmp(path, "https://", 8);
}

struct sink {
	int fd;
	long long written;
	bool too_big, write_failed;
};

static size_t on_data(char *p, size_t size, size_t n, void *arg)
{
	struct sink *s = arg;
	size_t len = size * n;
	if (s->written + (long long)len > FETCH_DOCUMENT_MAX) {
		s->too_big = true;
		return 0; /* curl stops with CURLE_WRITE_ERROR */
	}
	for (size_t done = 0; done < len;) {
		ssize_t w = write(s->fd, p + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			s->write_failed = true;
			return 0;
		}
		done += (size_t)w;
	}
	s->written += (long long)len;
	return len;
}

/* A file no other process can find and that vanishes with the process,
 * however it ends. */
static int anonymous_file(char *err, size_t errlen)
{
	const char *dir = getenv("TMPDIR");
	char *tmpl = xasprintf("%s/citecheck-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(tmpl);
	if (fd < 0)
		snprintf(err, errlen, "cannot make a temporary file in %s: %s", dir && *dir ? dir : "/tmp", strerror(errno));
	else
		unlink(tmpl);
	free(tmpl);
	return fd;
}

int fetch_document(const char *url, const struct live_config *net, int *fd, char *err, size_t errlen)
{
	*fd = anonymous_file(err, errlen);
	if (*fd < 0)
		return -1;
	CURL *h = curl_easy_init();
	if (!h) {
		snprintf(err, errlen, "libcurl could not start");
		close(*fd);
		return -1;
	}
	struct sink sink = {*fd, 0, false, false};
	bool refused = false;
	char errbuf[CURL_ERROR_SIZE] = "";
	curl_easy_setopt(h, CURLOPT_URL, url);
	live_easy_options(h, net, &refused);
	/* a whole document takes longer than a page: the deadline, not the per-request timeout */
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, net->deadline_ms > net->timeout_ms ? net->deadline_ms : net->timeout_ms);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, (long)net->max_redirects);
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)FETCH_DOCUMENT_MAX);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, (void *)&sink);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	CURLcode rc = curl_easy_perform(h);
	long status = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(h);
	if (sink.too_big || rc == CURLE_FILESIZE_EXCEEDED)
		snprintf(err, errlen, "the document is larger than %lld MiB", FETCH_DOCUMENT_MAX >> 20);
	else if (refused)
		snprintf(err, errlen, "its address is private or local, and --no-private is given");
	else if (sink.write_failed)
		snprintf(err, errlen, "cannot write the download: %s", strerror(errno));
	else if (rc != CURLE_OK)
		snprintf(err, errlen, "cannot download it: %s", errbuf[0] ? errbuf : curl_easy_strerror(rc));
	else if (status < 200 || status > 299)
		snprintf(err, errlen, "cannot download it: the server answered HTTP %ld", status);
	else
		return 0;
	close(*fd);
	*fd = -1;
	return -1;
}
