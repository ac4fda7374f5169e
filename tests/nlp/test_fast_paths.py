"""The array-based shortcuts give exactly what the spaCy objects they replace give."""

from __future__ import annotations

import pickle
import random

import pytest
import spacy
from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from nlp.clean import _letters
from nlp.component import filter_matches, span_texts, update_ents
from nlp.evaluate import DEVSET, load_devset
from nlp.names import Words
from nlp.pipeline import tokenizer_setup
from nlp.tokenizer import ChunkCachingTokenizer

TRICKY = [
    "",
    " ",
    "Kab., Kec. Koja; KemenPAN-RB. dll. dsb.",
    "Kab.,Kab.,Kab.",
    "Rp10.000,00 (Rp 5 juta) 20-an 3/4 12.30 WIB",
    "  dua  spasi\tdan tab\n\nbaris baru\r\n",
    "“Kutipan,” kata Budi. ‘Satu’ -- dua — tiga…",
    "surel humas@bawaslu.go.id dan https://bawaslu.go.id/berita?id=1",
    "emoji 🗳️ dan zero\u200bwidth dan Ünïcödé",
    "ASN-nya, PNS-PNS, Pj. Bupati H. M. Anwar, S.H., M.H.",
]


def _texts() -> list[str]:
    return [a["text"] for a in load_devset(DEVSET)] + TRICKY


def _tokens(doc: Doc) -> list[tuple[str, str]]:
    return [(t.text, t.whitespace_) for t in doc]


def test_chunk_caching_tokenizer_gives_spacys_tokens():
    reference = tokenizer_setup()(spacy.blank("id")).tokenizer
    assert isinstance(reference, ChunkCachingTokenizer)
    plain = reference.inner  # spaCy's own tokenizer, without the chunk warm-up
    ours = tokenizer_setup()(spacy.blank("id")).tokenizer
    assert isinstance(ours, ChunkCachingTokenizer)
    texts = _texts()
    expected = [_tokens(plain(t)) for t in texts]
    for _ in range(2):  # the second pass reads every chunk from the cache
        assert [_tokens(ours(t)) for t in texts] == expected
    assert [_tokens(d) for d in ours.pipe(texts)] == expected


def test_chunk_caching_tokenizer_serialises(tmp_path):
    ours = tokenizer_setup()(spacy.blank("id")).tokenizer
    assert isinstance(ours, ChunkCachingTokenizer)
    text = "Kec. Koja, Kab. Bogor dan KemenPAN-RB."
    expected = _tokens(ours(text))
    ours.to_disk(tmp_path / "tok")
    other = tokenizer_setup()(spacy.blank("id")).tokenizer
    assert isinstance(other, ChunkCachingTokenizer)
    assert _tokens(other.from_disk(tmp_path / "tok")(text)) == expected
    assert _tokens(other.from_bytes(ours.to_bytes())(text)) == expected
    assert _tokens(pickle.loads(pickle.dumps(ours))(text)) == expected
    ours.add_special_case("Koja,", [{"ORTH": "Koja,"}])  # flushes spaCy's cache
    assert "Koja," in [t.text for t in ours(text)]


@pytest.fixture(scope="module")
def docs(nlp: Language) -> list[Doc]:
    return list(nlp.pipe(_texts()))


def test_filter_matches_is_filter_spans(docs):
    rng = random.Random(3)
    for doc in docs:
        n = len(doc)
        if not n:
            continue
        matches = []
        for _ in range(rng.randint(0, 30)):
            start = rng.randrange(n)
            matches.append(
                (rng.choice([1, 2, 3]), start, rng.randint(start + 1, min(n, start + 4)))
            )
        spans = filter_spans([Span(doc, s, e, label=m) for m, s, e in matches])
        assert filter_matches(matches) == [(s.label, s.start, s.end) for s in spans]


def test_update_ents_leaves_tokens_as_the_setter_does(nlp: Language, docs):
    rng = random.Random(7)
    attrs = [ENT_IOB, ENT_TYPE, ENT_KB_ID]
    for doc in docs:
        n = len(doc)
        for _ in range(5):
            current = doc.ents
            kept = [e for e in current if rng.random() < 0.6]
            free = [i for i in range(n) if not any(e.start <= i < e.end for e in kept)]
            new: list[Span] = []
            taken: set[int] = set()
            for start in rng.sample(free, min(len(free), rng.randint(0, 3))):
                end = start + 1
                while end < n and end in free and end - start < 3 and rng.random() < 0.5:
                    end += 1
                if taken.isdisjoint(range(start, end)):
                    new.append(
                        Span(doc, start, end, label=rng.choice(["PERSON", "ORG"]), kb_id="k")
                    )
                    taken.update(range(start, end))
            before = doc.to_array(attrs)
            if not current and not new:  # nothing to set: the doc stays untouched
                update_ents(doc, current, kept, new)
                assert (doc.to_array(attrs) == before).all()
                continue
            twin = Doc(doc.vocab).from_bytes(doc.to_bytes())
            twin.ents = sorted(
                [*(Span(twin, e.start, e.end, e.label, kb_id=e.kb_id) for e in kept)]
                + [Span(twin, s.start, s.end, s.label, kb_id=s.kb_id) for s in new],
                key=lambda s: s.start,
            )
            update_ents(doc, current, kept, new)
            assert (doc.to_array(attrs) == twin.to_array(attrs)).all()
            assert [(e.start, e.end, e.label_) for e in doc.ents] == [
                (e.start, e.end, e.label_) for e in twin.ents
            ]


def test_span_texts_and_words_span_are_span_text(docs):
    rng = random.Random(5)
    for doc in docs:
        words = Words(doc)
        n = len(doc)
        bounds = [(s, rng.randint(s, n)) for s in (rng.randint(0, n) for _ in range(10))]
        bounds += [(0, n), *((s.start, s.end) for s in doc.sents)] if n else [(0, 0)]
        expected = [doc[s:e].text for s, e in bounds]
        assert span_texts(doc, bounds) == expected
        assert [words.span(s, e) for s, e in bounds] == expected
        assert words.text == [t.text for t in doc]
        assert words.lower == [t.lower_ for t in doc]
        assert words.like_num == [t.like_num for t in doc]


def test_letters_counts_as_str_methods_do():
    rng = random.Random(11)
    alphabet = "aZ09 .,-éÜßǅ½²٣中‘’“”\u200bΩωİıﬁ𝐀ⅧⓐÆ"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        letters = sum(map(str.isalpha, text))
        upper = sum(map(str.isupper, filter(str.isalpha, text)))
        assert _letters(text) == (letters, upper)
