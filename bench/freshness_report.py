"""The numbers of one freshness run: latency quantiles, requests per article, politeness."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from bench.freshness_net import Item, site_name
from pipeline.events import article_id, canonical_url

BUDGET, BURST = 360.0, 30.0  # pantau watch's defaults (PANTAU_WATCH__HOST_BUDGET/_BURST)


def quantiles(values: list[float]) -> str:
    if not values:
        return "-"
    v = sorted(values)

    def pick(q: float) -> float:
        return v[min(len(v) - 1, int(q * len(v)))]

    return f"p50 {pick(0.5):6.1f} s  p95 {pick(0.95):6.1f} s  max {v[-1]:6.1f} s  (n={len(v)})"


def report(
    args: argparse.Namespace, items: list[Item], t0: float, run: dict[str, Any]
) -> dict[str, Any]:
    log: list[list[Any]] = run["log"]  # (kind, site, path, status, start, end)
    first: dict[tuple[str, str], float] = {}
    for kind, _site, path, status, start, _end in log:
        if status == 200:
            first.setdefault((kind, path), start)
    measured = [i for i in items if 0 < i.offset <= args.minutes * 60]
    pub = {i.path(site_name(i.site)): t0 + i.offset for i in measured}
    ids = {article_id(canonical_url(f"https://{site_name(i.site)}{i.rel}")): i for i in measured}
    out: dict[str, Any] = {"articles": len(measured), "asn": sum(i.asn for i in measured)}
    for kind in ("watch", "crawl"):
        lat = [first[(kind, p)] - t for p, t in pub.items() if (kind, p) in first]
        out[f"{kind}_fetched"] = lat
    searchable = run["searchable"]
    out["watch_searchable"] = [
        searchable[aid] - (t0 + i.offset) for aid, i in ids.items() if aid in searchable
    ]
    deliveries = Counter(str(body.get("id")) for _, body in run["alerts"])
    alert_lat = []
    for when, body in run["alerts"]:
        item = ids.get(str(body.get("article_id")))
        if item is not None:
            alert_lat.append(when - (t0 + item.offset))
    out["watch_alert"] = alert_lat
    out["alerts_delivered"] = len(run["alerts"])
    out["duplicate_deliveries"] = sum(n - 1 for n in deliveries.values() if n > 1)
    # Steady state, the same stretch of publishing for both: articles published after the
    # first cycle until the end of publishing. Watch: its requests in that time; the
    # crawl: the cycles that fetch those articles (the ones after the first).
    start, stop = t0 + args.every, t0 + args.minutes * 60
    spans = {"watch": (start, stop), "crawl": (start + 1, float("inf"))}
    for kind, (lo, hi) in spans.items():
        reqs = [r for r in log if r[0] == kind and lo <= r[4] <= hi]
        pages = [r for r in reqs if "/berita/" in r[2] and r[3] == 200]
        out[f"{kind}_requests"] = len(reqs)
        out[f"{kind}_requests_per_article"] = len(reqs) / len(pages) if pages else None
    per_host = Counter(r[1] for r in log if r[0] == "watch")
    out["watch_max_requests_per_host"] = max(per_host.values()) if per_host else 0
    seconds = max((r[4] for r in log), default=t0) - t0
    out["watch_host_budget_bound"] = BURST + BUDGET * seconds / 3600
    out["max_in_flight"] = run["max_in_flight"]
    out["rss_kb"] = run["rss"]
    return out


def print_report(args: argparse.Namespace, out: dict[str, Any]) -> None:
    print(f"network: {args.sites} sites x 4 feeds, {args.rate}/min, {out['articles']} articles "
          f"published during the run ({out['asn']} ASN)")  # fmt: skip
    for key in ("watch_fetched", "watch_searchable", "watch_alert", "crawl_fetched"):
        print(f"  {key:18} {quantiles(out[key])}")
    print(f"  alerts delivered {out['alerts_delivered']}, duplicate deliveries "
          f"{out['duplicate_deliveries']}")  # fmt: skip
    for kind in ("watch", "crawl"):
        rpa = out[f"{kind}_requests_per_article"]
        print(f"  {kind}: {out[f'{kind}_requests']} requests in the steady state, "
              f"{rpa if rpa is None else round(rpa, 2)} per new article")  # fmt: skip
    print(f"  most requests in flight at one host: {out['max_in_flight']}; "
          f"most watch requests to one host: {out['watch_max_requests_per_host']} "
          f"(budget allows {out['watch_host_budget_bound']:.0f})")  # fmt: skip
    rss = out["rss_kb"]
    if rss:
        kbs = [kb for _, kb in rss]
        print(f"  watch RSS: first {kbs[0] / 1024:.0f} MB, last {kbs[-1] / 1024:.0f} MB, "
              f"max {max(kbs) / 1024:.0f} MB ({len(kbs)} samples)")  # fmt: skip
    print(f"  watch exit code {out['watch_exit']}")
