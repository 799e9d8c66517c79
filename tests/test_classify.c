#include <stdlib.h>

#include "extract/classify_url.h"
#include "util/util.h"
#include "check.h"

static struct link classify(const char *url, const struct classify_config *cfg)
{
	struct link l;
	memset(&l, 0, sizeof l);
	l.url = xstrdup(url);
	classify_link(&l, cfg);
	return l;
}

int main(void)
{
	struct link l = classify("https://web.archive.org/web/20240229041839/https://www.vietnam.vn/bao-ve/", NULL);
	CHECK_INT(l.kind, LINK_ARCHIVE_SNAPSHOT);
	CHECK_STR(link_extra(&l)->original, "https://www.vietnam.vn/bao-ve/");
	CHECK_STR(link_extra(&l)->timestamp, "20240229041839");
	CHECK(l.pinned);
	link_finish(&l);

	l = classify("https://web.archive.org/web/2/https://quochoitv.vn/amp/x.htm", NULL);
	CHECK_INT(l.kind, LINK_ARCHIVE_SNAPSHOT);
	CHECK_STR(link_extra(&l)->timestamp, "2");
	CHECK(!l.pinned);
	CHECK_STR(link_extra(&l)->original, "https://quochoitv.vn/amp/x.htm");
	link_finish(&l);

	l = classify("https://web.archive.org/web/2024/http:/example.org/a", NULL);
	CHECK(!l.pinned);
	CHECK_STR(link_extra(&l)->original, "http://example.org/a"); /* the collapsed slash is restored */
	link_finish(&l);

	l = classify("https://web.archive.org/web/20240229041839id_/example.org/a", NULL);
	CHECK_STR(link_extra(&l)->timestamp, "20240229041839");
	CHECK_STR(link_extra(&l)->original, "http://example.org/a");
	link_finish(&l);

	l = classify("https://web.archive.org/web/20241399000000/https://e.org/", NULL);
	CHECK(!l.pinned); /* month 13 is no time */
	link_finish(&l);

	l = classify("https://web.archive.org/save/http://laichau.dcs.vn/x.html", NULL);
	CHECK_INT(l.kind, LINK_ARCHIVE_REQUEST);
	CHECK_STR(link_extra(&l)->original, "http://laichau.dcs.vn/x.html");
	CHECK_STR(link_extra(&l)->timestamp, NULL);
	link_finish(&l);

	l = classify("https://perma.cc/7B8J-VVQT", NULL);
	CHECK_INT(l.kind, LINK_ARCHIVE_OTHER);
	link_finish(&l);
	l = classify("https://archive.ph/abcde", NULL);
	CHECK_INT(l.kind, LINK_ARCHIVE_OTHER);
	link_finish(&l);
	l = classify("https://notperma.cc/x", NULL);
	CHECK_INT(l.kind, LINK_DIRECT);
	link_finish(&l);

	l = classify("https://doi.org/10.4324/9781315762302-3", NULL);
	CHECK_INT(l.kind, LINK_DOI);
	CHECK_STR(link_extra(&l)->doi, "10.4324/9781315762302-3");
	link_finish(&l);
	l = classify("http://dx.doi.org/10.1000/a%2Fb", NULL);
	CHECK_STR(link_extra(&l)->doi, "10.1000/a/b");
	link_finish(&l);
	l = classify("https://www.tandfonline.com/doi/citedby/10.1080/00472336.2019.1623907", NULL);
	CHECK_INT(l.kind, LINK_DIRECT);
	link_finish(&l);

	/* normalised by curl: scheme and host lower case, default port gone */
	l = classify("HTTPS://WWW.Example.COM:443/Path?q=1", NULL);
	CHECK_STR(l.normalized, "https://www.example.com/Path?q=1");
	link_finish(&l);
	/* a space in the host: curl refuses, the snapshot is still recognised */
	l = classify("https://web.archive.org/web/20240228100606/https://www xaydungdang.org.vn/a", NULL);
	CHECK_STR(l.normalized, NULL);
	CHECK_INT(l.kind, LINK_ARCHIVE_SNAPSHOT);
	link_finish(&l);

	/* a mirror named by the caller is a Wayback Machine too */
	struct classify_config cfg = {"127.0.0.1"};
	l = classify("http://127.0.0.1:8080/web/20200101000000/https://e.org/", &cfg);
	CHECK_INT(l.kind, LINK_ARCHIVE_SNAPSHOT);
	link_finish(&l);

	char iso[21];
	CHECK(wayback_timestamp_iso("20240229041839", iso));
	CHECK_STR(iso, "2024-02-29T04:18:39Z");
	CHECK(!wayback_timestamp_iso("20230229041839", iso)); /* 2023 is no leap year */
	return check_done("classify");
}
