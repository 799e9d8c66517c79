#!/usr/bin/env python3
"""measure_refs.py REPORT TRUTH [NAME]: how well citecheck's report of one
document matches its truth file (fixtures/truth/, written from reading the
document). Prints one tab-separated line:

NAME  URLs  recall  precision  labels  published  accessed

recall: the truth's distinct URLs that the report has in a reference entry
(where = "references"); precision: the report's distinct reference URLs that
the truth has; labels: truth entries with a label whose every URL (or, with
none, whose label) the report files under that label; published, accessed:
truth entries whose date the report gives exactly ("-" = none), the entry
found by its label (its first source), else by its first URL; "*" is not scored. Entries with
neither label nor URL cannot be matched and are not scored for dates."""
import json
import re
import sys


def same_url(u):
    """A URL as compared: a space written %20 (the truth files' fields are
    space-separated) and %-escapes in upper case, which RFC 3986 makes the
    same URL ("%e1" is "%E1")."""
    u = u.replace(" ", "%20")
    return re.sub(r"%[0-9a-fA-F]{2}", lambda m: m.group(0).upper(), u)


def load_truth(path):
    rows = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        f += [""] * (4 - len(f))
        rows.append({"label": f[0], "published": f[1], "accessed": f[2], "urls": f[3].split()})
    return rows


def main():
    report, truth_path = sys.argv[1], sys.argv[2]
    name = sys.argv[3] if len(sys.argv) > 3 else truth_path
    doc = json.load(open(report, encoding="utf-8"))["documents"][0]
    refs = [r for r in doc["references"] if r["where"] == "references"]
    truth = load_truth(truth_path)
    for r in refs:
        for l in r["links"]:
            l["url"] = same_url(l["url"])
    for t in truth:
        t["urls"] = [same_url(u) for u in t["urls"]]
    pairs = {(r["footnote"] or r["key"], l["url"]) for r in refs for l in r["links"]}
    got_urls = {l["url"] for r in refs for l in r["links"]}
    want_urls = {u for t in truth for u in t["urls"]}
    recall = len(want_urls & got_urls) / len(want_urls) if want_urls else 1.0
    precision = len(got_urls & want_urls) / len(got_urls) if got_urls else 1.0
    labels = {r["footnote"] or r["key"] for r in refs}
    labelled = [t for t in truth if t["label"] != "-"]
    ok = sum(1 for t in labelled
             if (all((t["label"], u) in pairs for u in t["urls"]) if t["urls"] else t["label"] in labels))
    by_label, by_url = {}, {}
    for r in refs:
        by_label.setdefault(r["footnote"] or r["key"], r)
        for l in r["links"]:
            by_url.setdefault(l["url"], r)

    def entry_of(t):
        if t["label"] != "-":
            return by_label.get(t["label"])
        return by_url.get(t["urls"][0]) if t["urls"] else None

    def date_score(field):
        scored = hits = 0
        for t in truth:
            if t[field] == "*":
                continue
            if t["label"] == "-" and not t["urls"]:
                continue
            r = entry_of(t)
            scored += 1
            hits += r is not None and (r[field] or "-") == t[field]
        return hits / scored if scored else 1.0

    print("\t".join([name, str(len(want_urls)), "%.3f" % recall, "%.3f" % precision,
                     "%.3f" % (ok / len(labelled) if labelled else 1.0),
                     "%.3f" % date_score("published"), "%.3f" % date_score("accessed")]))


main()
