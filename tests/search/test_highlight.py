"""Highlights from the query's stems: every form of a word, HTML-safe."""

from __future__ import annotations

from search.highlight import Marker
from search.syntax import parse


def test_marks_every_form_and_escapes_html() -> None:
    marker = Marker.of(parse("penertiban"))
    out = marker.title("<b>Baliho</b> ditertibkan & Menertibkan")
    assert out == (
        "&lt;b&gt;Baliho&lt;/b&gt; <mark>ditertibkan</mark> &amp; <mark>Menertibkan</mark>"
    )


def test_snippet_centres_on_the_densest_matches() -> None:
    body = (
        "Lorem ipsum dolor sit amet. " * 30
    ) + "Camat dipanggil Bawaslu karena camat berkampanye."
    snippet = Marker.of(parse("camat kampanye")).snippet(body)
    assert snippet.startswith("… ")
    assert snippet.count("<mark>") == 3


def test_excluded_and_field_terms_are_not_marked() -> None:
    marker = Marker.of(parse("title:camat -lurah source:detik"))
    assert marker.snippet("camat dan lurah") == "camat dan lurah"
    assert marker.title("Camat dan lurah") == "<mark>Camat</mark> dan lurah"


def test_prefix_marks_word_starts() -> None:
    assert Marker.of(parse("netral*")).snippet("netralitas ASN") == ("<mark>netralitas</mark> ASN")
