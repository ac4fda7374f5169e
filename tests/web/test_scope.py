"""Office scope on the server: staff see their office's region and what lies beneath it."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.search.fixtures import MORE
from tests.web.conftest import HOSTILE, asn_alert_doc, sign_in

JAKARTA_UTARA = {MORE[0].id, HOSTILE.id, asn_alert_doc().id}  # region 31.72
JAWA_BARAT = {d.id for d in MORE[1:5]}  # 32.75 and 32.01
EVERYTHING = JAKARTA_UTARA | JAWA_BARAT | {MORE[5].id}  # and one without a region


def hits(client: TestClient, **params: str) -> set[str]:
    r = client.get("/api/search", params={"limit": "50", **params})
    assert r.status_code == 200, r.text
    return {h["id"] for h in r.json()["hits"]}


def test_search_hits_are_scoped_to_the_office(anonymous: TestClient) -> None:
    expected = {
        "admin": EVERYTHING,
        "analis": EVERYTHING,
        "dki": JAKARTA_UTARA,  # the province sees its cities
        "jakut": JAKARTA_UTARA,
        "jabar": JAWA_BARAT,
    }
    for username, visible in expected.items():
        sign_in(anonymous, username)
        assert hits(anonymous) == visible, username
        page = anonymous.get("/", params={"sort": "date"})
        shown = {i for i in EVERYTHING if f'href="/articles/{i}"' in page.text}
        assert shown == visible, username


def test_a_region_filter_cannot_widen_the_scope(anonymous: TestClient) -> None:
    sign_in(anonymous, "jakut")
    assert hits(anonymous, region="32") == set()
    assert hits(anonymous, q="region:32.01 OR region:31") == JAKARTA_UTARA & hits(anonymous)
    facets = anonymous.get("/api/search").json()["facets"]["regions"]
    # A region facet counts an article for its region and the parents of it (so a
    # facet's count is what its link finds); within the scope, those are 31.72 and 31,
    # and each counts only the office's own hits: nothing of Jawa Barat shows.
    assert {f["value"] for f in facets} == {"31", "31.72"}
    assert all(f["count"] == len(JAKARTA_UTARA) for f in facets)


def test_article_pages_and_api_outside_the_scope_are_not_found(anonymous: TestClient) -> None:
    sign_in(anonymous, "jakut")
    outside, inside = MORE[3].id, MORE[0].id
    assert anonymous.get(f"/articles/{outside}").status_code == 404
    assert anonymous.get(f"/api/articles/{outside}").status_code == 404
    assert anonymous.get(f"/articles/{inside}").status_code == 200


def test_trends_count_only_the_scope(anonymous: TestClient) -> None:
    sign_in(anonymous, "jabar")
    series = anonymous.get("/api/trends").json()["series"]
    assert series[0]["total"] == len(JAWA_BARAT)


def test_alerts_are_scoped_to_the_office(anonymous: TestClient) -> None:
    for username, count in (("dki", 1), ("jakut", 1), ("jabar", 0)):
        sign_in(anonymous, username)
        feed = anonymous.get("/api/alerts").json()
        assert len(feed["alerts"]) == count and feed["counts"]["alerts"] == count, username
        office = anonymous.get("/api/alerts", params={"office": "Bawaslu Kota Jakarta Utara"})
        assert len(office.json()["alerts"]) == count, username  # naming an office: no help
        page = anonymous.get("/alerts").text
        assert (asn_alert_doc().article.title in page) is bool(count), username
