"""Bad input: empty, huge, English, ALL CAPS, emoji and zero-width characters, HTML."""

from __future__ import annotations

import pytest

from nlp.analyze import analyze
from nlp.clean import clean_text


def test_empty_text(nlp):
    (result,) = analyze(nlp, [""])
    assert result.entities == [] and result.topics == [] and not result.election_related
    assert any(w.startswith("empty") for w in result.warnings)


def test_one_megabyte_is_cut_not_crashed(nlp):
    sentence = "Bawaslu DKI Jakarta mengawasi kampanye di Koja. "
    text = sentence * (1_100_000 // len(sentence))
    (result,) = analyze(nlp, [text])
    assert len(result.body) <= nlp.max_length
    assert any(w.startswith("truncated") for w in result.warnings)
    assert result.election_related


def test_english_text_warns(nlp):
    text = (
        "The election supervisory agency said on Monday that it had received many reports "
        "about civil servants who campaigned for candidates in the regional elections, and "
        "that it would forward them to the civil service commission for sanctions."
    )
    (result,) = analyze(nlp, [text])
    assert any(w.startswith("language") for w in result.warnings)


def test_all_caps_warns_and_still_finds_acronyms(nlp):
    text = "BAWASLU DKI JAKARTA MENEMUKAN DUGAAN POLITIK UANG MENJELANG PILKADA DI KOJA."
    (result,) = analyze(nlp, [text])
    assert any(w.startswith("all_caps") for w in result.warnings)
    assert "politik_uang" in [t.id for t in result.topics]


def test_emoji_and_zero_width(nlp):
    text = (
        "Bawa\u200bslu DKI Jakarta 🔥🔥 memanggil lurah\ufeff yang tidak netral 🙏 "
        "menjelang Pilkada."
    )
    (result,) = analyze(nlp, [text])
    assert ("Bawaslu", "31") in [(e.canonical, e.region) for e in result.entities]
    assert "\u200b" not in result.body
    for e in result.entities:
        assert result.body[e.start : e.end] == e.text


@pytest.mark.parametrize(
    "html",
    [
        "<p>Bawaslu DKI Jakarta menemukan <b>politik uang</b> menjelang Pilkada.</p>",
        "<div><script>var x = '<p>';</script>Bawaslu DKI Jakarta menemukan politik uang "
        "menjelang Pilkada.<br/>&nbsp;</div>",
    ],
)
def test_html_is_stripped_with_a_warning(nlp, html):
    cleaned = clean_text(html)
    assert "<" not in cleaned.body and "&nbsp;" not in cleaned.body
    assert any(w.startswith("html") for w in cleaned.warnings)
    (result,) = analyze(nlp, [html])
    assert "politik_uang" in [t.id for t in result.topics]


def test_plain_text_has_no_warnings():
    assert clean_text("Bawaslu DKI Jakarta menggelar apel siaga < 5 menit.").warnings == []
