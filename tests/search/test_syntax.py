"""The user query syntax, parsed without any engine."""

from __future__ import annotations

import pytest

from search.syntax import (
    MAX_DEPTH,
    And,
    Or,
    QuerySyntaxError,
    Term,
    matches,
    parse,
    parse_text,
)


def w(word: str, *, negated: bool = False) -> Term:
    return Term("word", (word,), negated=negated)


def test_words_are_anded_and_or_binds_tighter() -> None:
    assert parse("kampanye OR sosialisasi camat") == And(
        (Or((w("kampanye"), w("sosialisasi"))), w("camat"))
    )


def test_lowercase_or_is_a_word() -> None:
    assert len(parse("camat or lurah").parts) == 3


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
        ("(camat)", w("camat")),
        ("((camat))", w("camat")),
        ("-(camat)", w("camat", negated=True)),
        ("-(-camat)", w("camat")),
    ],
)
def test_single_terms(text: str, term: Term) -> None:
    assert parse(text) == And((term,))


def test_text_glued_to_a_quote_is_its_own_word() -> None:
    assert parse('camat"politik uang"') == And((w("camat"), Term("phrase", ("politik", "uang"))))


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        (
            "(kampanye OR apk) -hoaks",
            And((Or((w("kampanye"), w("apk"))), w("hoaks", negated=True))),
        ),
        (
            'bawaslu (netralitas OR "politik praktis")',
            And((w("bawaslu"), Or((w("netralitas"), Term("phrase", ("politik", "praktis")))))),
        ),
        ("(a b) OR c", And((Or((And((w("a"), w("b"))), w("c"))),))),
        ("a OR (b c)", And((Or((w("a"), And((w("b"), w("c"))))),))),
        ("(a b) c", And((w("a"), w("b"), w("c")))),
        ("(a OR b) OR c", And((Or((w("a"), w("b"), w("c"))),))),
        ("-(a OR b) c", And((Or((w("a"), w("b")), negated=True), w("c")))),
        ("-(a b)", And((And((w("a"), w("b")), negated=True),))),
        ("x OR (a -b)", And((Or((w("x"), And((w("a"), w("b", negated=True))))),))),
        ("a (b (c OR (d e)))", And((w("a"), w("b"), Or((w("c"), And((w("d"), w("e")))))))),
        ("( ) camat ()", And((w("camat"),))),
        ("NEAR(camat)", And((w("near"), w("camat")))),
        ('"(a OR b)"', And((Term("phrase", ("a", "or", "b")),))),
    ],
)
def test_parentheses_group(text: str, tree: And) -> None:
    assert parse(text) == tree


@pytest.mark.parametrize("text", ["", "   ", "-", "✓ 😀", '""', "()", "(( ))"])
def test_nothing_searchable_is_an_empty_query(text: str) -> None:
    assert parse(text) == And()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"open', 'the " at character 1 is never closed'),
        ("foo:bar", "unknown field 'foo'"),
        ("OR", "OR needs a word"),
        ("a OR OR b", "OR needs a word"),
        ("x*", "at least 2 letters"),
        ("entity:", "needs a value"),
        ('-"a" OR b', "cannot be part of an OR"),
        ("a OR -(b c)", "cannot be part of an OR"),
        ("(-a -b) OR c", "cannot be part of an OR"),
        ("(a OR) b", "OR needs a word"),
        ("(OR a)", "OR needs a word"),
        ("a OR ()", "OR needs a word"),
        ("bawaslu (netralitas OR apk", "the ( at character 9 is never closed"),
        ("((a) b", "the ( at character 1 is never closed"),
        ("kampanye OR apk) -hoaks", "the ) at character 16 has no ( before it"),
        (":)", "the ) at character 2 has no ( before it"),
        ("(" * 1000, f"at character {MAX_DEPTH + 1}: at most {MAX_DEPTH} levels"),
        ("(" * 500 + "a" + ")" * 500, "nest too deep"),
        ("-(" * 500, "nest too deep"),
    ],
)
def test_errors_say_what_and_where(text: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(text)


def test_nesting_up_to_the_limit_is_fine() -> None:
    text = "(" * MAX_DEPTH + "camat" + ")" * MAX_DEPTH
    assert parse(text) == And((w("camat"),))


def test_terms_count_across_groups() -> None:
    with pytest.raises(QuerySyntaxError, match="too many terms"):
        parse(" ".join(f"(w{i} OR v{i})" for i in range(40)))


def test_flattened_terms_carry_the_negation_in_effect() -> None:
    found = {t.words[0]: t.negated for t in parse_text("a -(b -(c d)) -e")}
    assert found == {"a": False, "b": True, "c": False, "d": False, "e": True}


@pytest.mark.parametrize(
    ("text", "present", "expected"),
    [
        ("(kampanye OR apk) -hoaks", {"apk"}, True),
        ("(kampanye OR apk) -hoaks", {"apk", "hoaks"}, False),
        ("(kampanye OR apk) -hoaks", {"hoaks"}, False),
        ("bawaslu -(camat lurah)", {"bawaslu", "camat"}, True),
        ("bawaslu -(camat lurah)", {"bawaslu", "camat", "lurah"}, False),
        ("(a b) OR c", {"a"}, False),
        ("(a b) OR c", {"c"}, True),
    ],
)
def test_matches_evaluates_the_tree(text: str, present: set[str], expected: bool) -> None:
    assert matches(parse(text), lambda t: t.words[0] in present) is expected
