"""The user query syntax, parsed without any engine."""

from __future__ import annotations

import pytest

from search.syntax import QuerySyntaxError, Term, parse_query


def terms(text: str) -> list[list[Term]]:
    return [list(g.terms) for g in parse_query(text)]


def test_words_are_separate_groups_and_or_joins_them() -> None:
    assert terms("kampanye OR sosialisasi camat") == [
        [Term("word", ("kampanye",)), Term("word", ("sosialisasi",))],
        [Term("word", ("camat",))],
    ]


def test_lowercase_or_is_a_word() -> None:
    assert len(parse_query("camat or lurah")) == 3


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ('"politik uang"', Term("phrase", ("politik", "uang"))),
        ('-"politik uang"', Term("phrase", ("politik", "uang"), negated=True)),
        ("netral*", Term("prefix", ("netral",))),
        ("title:Camat", Term("word", ("camat",), field="title")),
        ('title:"camat nakal"', Term("phrase", ("camat", "nakal"), field="title")),
        ('entity:"KPU DKI"', Term("value", field="entity", value="KPU DKI")),
        ("-source:detik", Term("value", field="source", value="detik", negated=True)),
        ("REGION:31.72", Term("value", field="region", value="31.72")),
        ("jakarta-utara", Term("phrase", ("jakarta", "utara"))),
        ("10:00", Term("phrase", ("10", "00"))),
    ],
)
def test_single_terms(text: str, term: Term) -> None:
    assert terms(text) == [[term]]


def test_text_glued_to_a_quote_is_its_own_word() -> None:
    assert terms('camat"politik uang"') == [
        [Term("word", ("camat",))],
        [Term("phrase", ("politik", "uang"))],
    ]


@pytest.mark.parametrize("text", ["", "   ", "-", "✓ 😀", '""'])
def test_nothing_searchable_is_an_empty_query(text: str) -> None:
    assert parse_query(text) == []


@pytest.mark.parametrize(
    "text", ['"open', "foo:bar", "OR", "a OR OR b", "x*", "entity:", '-"a" OR b']
)
def test_errors(text: str) -> None:
    with pytest.raises(QuerySyntaxError):
        parse_query(text)
