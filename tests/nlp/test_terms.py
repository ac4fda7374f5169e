"""Affix-tolerant term matching."""

from __future__ import annotations

import pytest
import spacy

from nlp.terms import TermIndex, variants


@pytest.mark.parametrize(
    ("root", "form"),
    [
        ("kampanye", "berkampanye"),
        ("kampanye", "dikampanyekan"),
        ("kampanye", "mengampanyekan"),
        ("awas", "pengawasan"),
        ("awas", "mengawasi"),
        ("pilih", "pemilih"),
        ("tertib", "penertiban"),
        ("tertib", "ditertibkan"),
        ("dukung", "mendukung"),
        ("dukung", "dukungannya"),
        ("sebar", "menyebarkan"),
        ("pihak", "keberpihakan"),
    ],
)
def test_variants(root, form):
    assert form in variants(root)


@pytest.fixture(scope="module")
def make_doc():
    return spacy.blank("id").make_doc


@pytest.fixture(scope="module")
def index(make_doc):
    index = TermIndex(make_doc)
    index.add("uang", ["politik uang", "serangan fajar"])
    index.add("kampanye", ["~kampanye"])
    index.add("tni", ["tni-polri"])
    return index


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Politik Uang marak.", [(0, 2, "uang")]),
        ("Mereka berkampanye.", [(1, 2, "kampanye")]),
        ("Ada serangan fajar dan kampanye.", [(1, 3, "uang"), (4, 5, "kampanye")]),
        ("Netralitas TNI-Polri dijaga.", [(1, 4, "tni")]),
        ("Politik praktis.", []),
        ("Fajar menyingsing.", []),
    ],
)
def test_term_index_find(index, make_doc, text, expected):
    assert index.find(make_doc(text)) == expected
