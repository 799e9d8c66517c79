#!/bin/sh
# Web citations that lead to another page than the one they name
# (title-mismatch), end to end: the real binary against the simulated web
# (simweb.py, pages written here) and the simulated Wayback Machine
# (simwayback.py, captures written here), in a private network namespace.
# A labelled set: each footnote's label says what it is, and those that end
# in "_mismatch" are the ones that deserve the finding. The expectations
# come from reading each citation against the page written for it.
. "$(dirname "$0")/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
fixtures=$(cd "${2:-$(dirname "$0")/../fixtures}" && pwd)
require_netns titles
tmp=$(mktemp -d)
server=
wayback=
trap 'kill $server $wayback 2> /dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

python3 - <<'PY'
import json
def page(title=None, h1=None, text="<p>The text of the page, long enough to read as one.</p>", meta=None):
    head = "<title>%s</title>" % title if title else ""
    if meta:
        head += '<meta property="og:title" content="%s">' % meta
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">%s</head><body><main>%s%s</main></body></html>"
            % (head, "<h1>%s</h1>" % h1 if h1 else "", text))
pages = {
 "news.example.com/link-rot": page("Measuring Link Rot in Policy Papers | Web Citation Review"),
 "journal.example.net/rot": page("Web Citation Review", meta="Reference rot in scholarly statements"),
 "journal.example.net/archive-revisited": page("The archive of the web, revisited: twenty years of captures"),
 "journal.example.net/urls": page("Persistence of uniform resource locators cited in three decades of agricul\u2026"),
 "saigontimes.example.vn/cafe": page("Caf\u00e9 Culture and the Press in H\u00e0 N\u1ed9i \u2014 Saigon Times"),
 "courier.example.com/press": page("Lantern festival opens along the river", h1="Lantern festival opens along the river"),
 "courier.example.com/decree": page("Flood warnings issued for three provinces | Daily Courier"),
 "pravo.example.ru/zakon": page("\u0417\u0430\u043a\u043e\u043d \u043e \u0437\u0430\u0449\u0438\u0442\u0435 \u0438\u043d\u0444\u043e\u0440\u043c\u0430\u0446\u0438\u0438"),
 "vnexpress.example.net/luat": page("Gi\u1ea3i th\u00edch lu\u1eadt an ninh m\u1ea1ng m\u1edbi c\u1ee7a Vi\u1ec7t Nam"),
 "www.bundestag.example.de/gesetz": page("Das Gesetz zur Datensicherheit tritt in Kraft"),
 "ngo.example.org/": page("Home"),
 "www.theguardian.com/floods": page("The Guardian"),
 "institute.example.org/publications": page("Publications | Institute for Policy",
     text="<ul><li>Budget brief 2021</li><li>Annual report on press freedom 2022</li></ul>"),
 "www.reuters.com/factbox": page("Reuters - Factbox: Who sits on the new committee"),
 "data.example.org/report": page("Annual survey of household incomes"),
 "data.example.org/tables": page("Tables"),
 "courier.example.com/changed": page("Weather forecast for the weekend"),
}
for path in ("courier.example.com/dead-fine", "courier.example.com/dead-other"):
    pages[path] = {"status": 404, "body": page("Not Found")}
json.dump({k: (v if isinstance(v, dict) else {"body": v}) for k, v in pages.items()}, open("pages.json", "w"))
world = {"captures": {
 "http://courier.example.com/dead-fine": [{"ts": "20230518040448", "status": 200,
     "body": page("Court postpones the hearing of the blogger | Daily Courier")}],
 "http://courier.example.com/dead-other": [{"ts": "20230518040448", "status": 200,
     "body": page("Tourism festival programme announced | Daily Courier")}],
 "http://courier.example.com/changed": [{"ts": "20230518040448", "status": 200,
     "body": page("Villagers rebuild the bridge washed away by the storm")}],
}}
json.dump(world, open("world.json", "w"))
PY

cat > doc.md <<'DOC'
# A brief

Claims.[^correct_site_suffix] [^correct_og_title] [^subtitle_in_page_title] [^page_title_cut]
[^case_and_diacritics] [^wrong_tab_mismatch] [^another_article_same_site_mismatch]
[^transliterated] [^translated_marked] [^translated_marked_no_diacritics] [^generic_title]
[^site_name_only] [^listing_page_names_it] [^site_prefix] [^two_pages] [^dead_snapshot_names_it]
[^dead_snapshot_other_work_mismatch] [^changed_since_cited]

[^correct_site_suffix]: Okafor, A. (2021, March 3). Measuring link rot in policy papers. Retrieved May 20, 2023, from http://news.example.com/link-rot
[^correct_og_title]: Marsh, T. (2016). Reference rot in scholarly statements. Retrieved May 20, 2023, from http://journal.example.net/rot
[^subtitle_in_page_title]: Kobayashi, H. (2019). The archive of the web, revisited. Retrieved May 20, 2023, from http://journal.example.net/archive-revisited
[^page_title_cut]: Duarte, I. (2015). Persistence of uniform resource locators cited in three decades of agricultural research. Retrieved May 20, 2023, from http://journal.example.net/urls
[^case_and_diacritics]: Nguyen, L. (2018). Cafe culture and the press in Ha Noi. Retrieved May 20, 2023, from http://saigontimes.example.vn/cafe
[^wrong_tab_mismatch]: Ministry of Information (2023, May 1). Press freedom in the northern provinces. Retrieved May 20, 2023, from http://courier.example.com/press
[^another_article_same_site_mismatch]: Daily Courier (2023, April 2). Cybersecurity decree requires local data storage. Retrieved May 20, 2023, from http://courier.example.com/decree
[^transliterated]: Duma (2006). Zakon o zashchite informatsii. Retrieved May 20, 2023, from http://pravo.example.ru/zakon
[^translated_marked]: Ministry of Public Security (2018). The new cybersecurity law explained (in Vietnamese). Retrieved May 20, 2023, from http://vnexpress.example.net/luat
[^translated_marked_no_diacritics]: Bundestag (2021). The data security act comes into force [in German]. Retrieved May 20, 2023, from http://www.bundestag.example.de/gesetz
[^generic_title]: Rights Watch (2022). Detained bloggers in the region. Retrieved May 20, 2023, from http://ngo.example.org/
[^site_name_only]: Ellis, K. (2023, March 9). Floods in the north displace thousands. Retrieved May 20, 2023, from http://www.theguardian.com/floods
[^listing_page_names_it]: Institute for Policy (2022). Annual report on press freedom 2022. Retrieved May 20, 2023, from http://institute.example.org/publications
[^site_prefix]: Reuters (2022, June 1). Factbox: Who sits on the new committee. Retrieved May 20, 2023, from http://www.reuters.com/factbox
[^two_pages]: Statistics Office (2022). Household incomes and spending. Retrieved May 20, 2023, from http://data.example.org/report and http://data.example.org/tables
[^dead_snapshot_names_it]: Daily Courier (2023, May 2). Court postpones the hearing of the blogger. Retrieved May 20, 2023, from http://courier.example.com/dead-fine
[^dead_snapshot_other_work_mismatch]: Lawyers (2023, May 2). Statement of the lawyers of the detained blogger. Retrieved May 20, 2023, from http://courier.example.com/dead-other
[^changed_since_cited]: Daily Courier (2023, May 3). Villagers rebuild the bridge washed away by the storm. Retrieved May 20, 2023, from http://courier.example.com/changed
DOC

make_cert "DNS:example.org"
start_simweb --pages pages.json
start_simwayback world.json wb.log
map=
for h in news.example.com journal.example.net saigontimes.example.vn courier.example.com pravo.example.ru \
	vnexpress.example.net www.bundestag.example.de ngo.example.org www.theguardian.com institute.example.org \
	www.reuters.com data.example.org; do
	map="$map --connect-to $h:80:127.0.0.1:$P"
done
# shellcheck disable=SC2086
"$bin" -q $map --no-probe --no-doi --wayback "http://127.0.0.1:$W" --archive-rate 20 --cdx-rate 20 -o out.json doc.md 2> err.txt
expect "exit status: dead links" "$?" 1
expect "the report is valid against the schema" "$(valid_report out.json)" valid
verdicts() {
	jq -r '[.documents[0].references[] | "\(.footnote)=\([.links[] | .title_check.verdict // "none"] | join(","))"] | join(" ")' "$1"
}
expect "each citation's verdict" "$(verdicts out.json)" \
	"correct_site_suffix=match correct_og_title=match subtitle_in_page_title=match page_title_cut=match case_and_diacritics=match wrong_tab_mismatch=mismatch another_article_same_site_mismatch=mismatch transliterated=unsure translated_marked=unsure translated_marked_no_diacritics=unsure generic_title=unchecked site_name_only=unchecked listing_page_names_it=match site_prefix=match two_pages=none,none dead_snapshot_names_it=match dead_snapshot_other_work_mismatch=mismatch changed_since_cited=match"
findings() {
	jq -r '[.documents[0].references[] | select(any(.links[].problems[]; .code == "title-mismatch")) | .footnote] | join(" ")' "$1"
}
expect "title-mismatch: exactly the three that deserve it" "$(findings out.json)" \
	"wrong_tab_mismatch another_article_same_site_mismatch dead_snapshot_other_work_mismatch"
flagged=$(findings out.json | tr ' ' '\n' | grep -c .)
right=$(findings out.json | tr ' ' '\n' | grep -c '_mismatch$')
labelled=$(grep -c '^\[^[a-z_]*_mismatch\]:' doc.md)
expect "precision: findings that are right / findings" "$right/$flagged" "3/3"
expect "recall: right findings / citations that deserve one" "$right/$labelled" "3/3"
msg() { jq -r --arg f "$1" '.documents[0].references[] | select(.footnote == $f) | .links[0].problems[] | select(.code == "title-mismatch") | .message' out.json; }
expect "the live page's title in the message" "$(msg wrong_tab_mismatch)" \
	"the page at this URL is titled “Lantern festival opens along the river”; the citation names “Press freedom in the northern provinces”"
expect "a dead page: the capture of the day it was cited" "$(msg dead_snapshot_other_work_mismatch)" \
	"the page at this URL was titled “Tourism festival programme announced | Daily Courier” on the day it was cited; the citation names “Statement of the lawyers of the detained blogger”"
tc() { jq -c --arg f "$1" '.documents[0].references[] | select(.footnote == $f) | .links[0].title_check | [.compared_with, .page_title]' out.json; }
expect "a page changed since: the capture names the work" "$(tc changed_since_cited)" \
	'["snapshot","Villagers rebuild the bridge washed away by the storm"]'
expect "the og:title is what is compared when the <title> names the site" "$(tc correct_og_title)" \
	'["live","Reference rot in scholarly statements"]'
expect "the summary counts the titled sources' web links by verdict" "$(jq -c '.summary.title_check' out.json)" \
	'{"unchecked":2,"match":9,"mismatch":3,"unsure":3}'
expect "counted in the summary, as warnings" "$(jq -r '.summary.problems.by_code["title-mismatch"]' out.json)" 3
# shellcheck disable=SC2086
"$bin" -q -o text:text.txt --no-probe --no-doi --no-archive $map doc.md 2> /dev/null
expect "the text report: each with its line" "$(grep -c 'warning.*title-mismatch' text.txt)" 3

# --fail-on by code
# shellcheck disable=SC2086
"$bin" -q $map --no-probe --no-doi --no-archive --fail-on title-mismatch -o noarch.json doc.md 2> /dev/null
expect "--fail-on title-mismatch: exit 1" "$?" 1
# a page that changed since it was cited cannot be told from a wrong
# address without the capture: the page at the URL names another work now
expect "without the archive: the live pages only (the dead ones say nothing)" "$(findings noarch.json)" \
	"wrong_tab_mismatch another_article_same_site_mismatch changed_since_cited"

# --cache: the second run says the same from what the first kept
# shellcheck disable=SC2086
"$bin" -q $map --no-probe --no-doi --wayback "http://127.0.0.1:$W" --cache c.db -o first.json doc.md 2> /dev/null
: > requests.log
# shellcheck disable=SC2086
"$bin" -q $map --no-probe --no-doi --wayback "http://127.0.0.1:$W" --cache c.db -o second.json doc.md 2> /dev/null
expect "cache: the second run asks the web nothing" "$(wc -l < requests.log | tr -d ' ')" 0
expect "cache: the same verdicts" "$(verdicts second.json)" "$(verdicts out.json)"
expect "cache: the same findings" "$(findings second.json)" "$(findings out.json)"

# --extract-only: nothing compared
"$bin" -q --extract-only -o ex.json doc.md
expect "--extract-only: every title unchecked" \
	"$(jq -r '[.documents[0].references[].links[].title_check.verdict // empty] | unique | join(" ")' ex.json)" unchecked

# Real citations: Wikipedia's article on Mozilla (fixtures/corpus), whose
# citation templates carry each source's title in their COinS metadata
# (rft.atitle, rft.btitle), read here with Python's HTML parser, not by
# citecheck. Each cited page is served titled as its citation says, with
# the site's name after it: any title-mismatch is a false alarm. Then each
# page is served titled as the next citation's work: every citation of two
# words or more whose title shares no word of four letters or more with the
# page's (its site's name included) is a wrong page that must be said.
kill $server $wayback 2> /dev/null
mkdir corpus && cd corpus || exit 1
python3 - "$fixtures/corpus/wikipedia-mozilla.html" <<'PY'
import html.parser, json, re, sys, urllib.parse
class Cites(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.cites, self.open = [], False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "cite":
            self.open = True
            self.cites.append({"hrefs": []})
        elif tag == "a" and self.open and "external" in (a.get("class") or ""):
            self.cites[-1]["hrefs"].append(a.get("href") or "")
        elif tag == "span" and a.get("class") == "Z3988" and self.cites:
            self.cites[-1]["coins"] = {k: v[0] for k, v in urllib.parse.parse_qs(a.get("title", "")).items()}
    def handle_endtag(self, tag):
        if tag == "cite":
            self.open = False
p = Cites()
p.feed(open(sys.argv[1], encoding="utf-8").read())
cited = []
for c in p.cites:
    co = c.get("coins", {})
    title = co.get("rft.atitle") or co.get("rft.btitle")
    urls = [h for h in c["hrefs"] if h.startswith("http") and "web.archive.org" not in h]
    if title and len(urls) == 1:
        cited.append((urls[0], title, co.get("rft.jtitle") or co.get("rft.pub") or urllib.parse.urlsplit(urls[0]).hostname))
def page(title):
    t = title.replace("&", "&amp;").replace("<", "&lt;")
    return {"body": "<!DOCTYPE html><html><head><title>%s</title></head><body><main><p>Text.</p></main></body></html>" % t}
def key(url):
    s = urllib.parse.urlsplit(url)
    return s.hostname + (s.path or "/") + ("?" + s.query if s.query else "")
def words(t):
    return {w for w in re.findall(r"\w+", t.lower()) if len(w) >= 4}
n = len(cited)
json.dump({key(u): page("%s \u2013 %s" % (t, site)) for u, t, site in cited}, open("right.json", "w"))
json.dump({key(cited[i][0]): page("%s \u2013 %s" % (cited[(i + 1) % n][1], cited[i][2])) for i in range(n)},
          open("wrong.json", "w"))
with open("clear.txt", "w") as f:
    for i in range(n):
        shown = cited[(i + 1) % n][1] + " " + cited[i][2]  # the page's title, the site's name with it
        if len(cited[i][1].split()) >= 2 and not words(cited[i][1]) & words(shown):
            f.write(cited[i][0] + "\n")
hosts = sorted({urllib.parse.urlsplit(u).hostname for u, _, _ in cited})
open("san.txt", "w").write(",".join("DNS:" + h for h in hosts))
print(n, file=open("n.txt", "w"))
PY
make_cert "$(cat san.txt)"
cp right.json pages.json
start_simweb --pages pages.json
wiki() {
	"$bin" -q --connect-to ":80:127.0.0.1:$P" --connect-to ":443:127.0.0.1:$T" --cacert ca.pem --no-probe --no-doi \
		--no-archive --exclude 'web[.]archive[.]org' -o "$1" "$fixtures/corpus/wikipedia-mozilla.html" 2> /dev/null
}
wiki right.out
expect "Wikipedia: 69 citations with a title and one web page (COinS)" "$(cat n.txt)" 69
expect "Wikipedia, pages titled as cited: no title-mismatch" \
	"$(jq '.summary.problems.by_code["title-mismatch"] // 0' right.out)" 0
matched=$(jq '.summary.title_check.match' right.out)
expect_match "… most compared and found to match (64 measured)" "$matched" '^(6[0-9]|7[01])$'
cp wrong.json pages.json
touch -d '+2 seconds' pages.json # simweb reads it again when its time changes
wiki wrong.out
said=$(jq -r '.documents[0].references[].links[] | select(.title_check.verdict == "mismatch") | .url' wrong.out | sort)
missed=$(sort clear.txt | comm -23 - "$(printf '%s\n' "$said" > said.txt; echo said.txt)")
expect "Wikipedia, each page titled as the next citation's work: every clear case said" "$missed" ""
expect_match "… $(wc -l < clear.txt | tr -d ' ') clear cases; title-mismatch on 57 measured" \
	"$(jq '.summary.title_check.mismatch' wrong.out)" '^(5[0-9]|6[0-9])$'
finish titles
