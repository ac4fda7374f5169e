"""analyze(): cleaning + pipeline over a batch, returning plain dataclasses."""

from __future__ import annotations

import pytest

from nlp.analyze import Analysis, EntityOut, RegionOut, TopicOut, analyze

ARTICLE = (
    "Jakarta (ANTARA) - Bawaslu Kota Jakarta Utara menemukan dugaan ketidaknetralan ASN "
    "di Kecamatan Koja menjelang Pilkada.\n"
    "Baca juga: KPU tetapkan jadwal debat\n"
    '"Kami sudah memanggil lurah yang bersangkutan," kata Ketua Bawaslu Jakarta Utara '
    "Budi Santoso.\n"
    "Budi mengatakan bahwa pemeriksaan akan selesai pekan depan.\n"
    "Pewarta: Rina Wulandari\nEditor: Agus Salim\nCopyright © ANTARA 2024"
)


@pytest.fixture(scope="module")
def analysis(nlp) -> Analysis:
    (result,) = analyze(nlp, [ARTICLE])
    return result


def test_entities(analysis):
    assert analysis.entities[0] == EntityOut(
        text="Bawaslu Kota Jakarta Utara",
        label="ORG",
        canonical="Bawaslu",
        role=None,
        title=None,
        start=0,
        end=26,
        region="31.72",
        kb_id="bawaslu",
    )
    for e in analysis.entities:
        assert analysis.body[e.start : e.end] == e.text
    assert ("Kecamatan Koja", "GPE", "Koja", "31.72.03") in [
        (e.text, e.label, e.canonical, e.region) for e in analysis.entities
    ]
    persons = [
        (e.text, e.canonical, e.role, e.title) for e in analysis.entities if e.label == "PERSON"
    ]
    assert persons == [
        ("Budi Santoso", "Budi Santoso", "official", "Ketua Bawaslu Jakarta Utara"),
        ("Budi", "Budi Santoso", "official", "Ketua Bawaslu Jakarta Utara"),
    ]


def test_topics_region_byline(analysis):
    assert [t.id for t in analysis.topics] == ["netralitas_asn"]
    assert isinstance(analysis.topics[0], TopicOut)
    assert analysis.topics[0].evidence[0].startswith("Bawaslu Kota Jakarta Utara menemukan")
    assert analysis.region == RegionOut(code="31.72", name="Jakarta Utara", level="kota")
    assert analysis.election_related is True
    assert analysis.byline == {"pewarta": "Rina Wulandari", "editor": "Agus Salim"}
    assert analysis.dateline == "Jakarta"
    assert "Baca juga" not in analysis.body and "Copyright" not in analysis.body


def test_quotes(analysis):
    assert [(q.speaker, q.text) for q in analysis.quotes] == [
        ("Budi Santoso", "Kami sudah memanggil lurah yang bersangkutan"),
        ("Budi Santoso", "pemeriksaan akan selesai pekan depan."),
    ]


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ('"Semua siap," ujar Andi Wijaya.', [("Andi Wijaya", "Semua siap")]),
        ("“Kami bekerja keras,” ucap Siti.", [("Siti", "Kami bekerja keras")]),
        (
            "Pengawasan akan diperketat di semua TPS, kata Rudi.",
            [("Rudi", "Pengawasan akan diperketat di semua TPS")],
        ),
        (
            "Sementara itu, Dewi menegaskan bahwa semua APK liar akan dicopot.",
            [("Dewi", "semua APK liar akan dicopot.")],
        ),
        ('"Kami siap," ujarnya.', []),  # no one named before
        ('Kata Andi Wijaya semua siap. "Kami siap," ujarnya.', [("Andi Wijaya", "Kami siap")]),
        ("Warga datang ke TPS sejak pagi.", []),
    ],
)
def test_quote_patterns(nlp, text, quotes):
    (result,) = analyze(nlp, [text])
    assert [(q.speaker, q.text) for q in result.quotes] == quotes


def test_batch_keeps_order_and_length(nlp):
    texts = [ARTICLE, "Harga cabai naik di pasar.", "", "KPU Jabar menetapkan DPT Pilkada."] * 10
    results = analyze(nlp, texts, batch_size=4)
    assert len(results) == len(texts)
    assert [r.election_related for r in results[:4]] == [True, False, False, True]
    assert results[2].entities == [] and results[2].region is None
    assert results[3].region == RegionOut(code="32", name="Jawa Barat", level="provinsi")
    assert results[4] == results[0]


def test_span_values_read_what_span_underscore_holds(nlp):
    from spacy.tokens import Span

    from nlp.extensions import SPAN_EXTENSIONS, span_values

    doc = nlp(ARTICLE)
    assert doc.ents
    for name in SPAN_EXTENSIONS:  # plain values: no getter, method or mutable default
        default, method, getter, _setter = Span.get_extension(name)
        assert method is None and getter is None and not isinstance(default, list | dict)
    for e in doc.ents:
        values = span_values(doc.user_data, e.start_char, e.end_char)
        assert values == {name: getattr(e._, name) for name in SPAN_EXTENSIONS}


def test_doc_values_read_and_set_what_doc_underscore_holds(nlp):
    from spacy.tokens import Doc

    from nlp.extensions import DOC_EXTENSIONS, doc_values, set_doc_values

    doc = nlp(ARTICLE)
    for name in DOC_EXTENSIONS:  # plain values: no getter or method
        _default, method, getter, _setter = Doc.get_extension(name)
        assert method is None and getter is None
    assert doc._.topics and doc._.region
    assert doc_values(doc) == {name: getattr(doc._, name) for name in DOC_EXTENSIONS}
    set_doc_values(doc, election_score=0.25)
    assert doc._.election_score == 0.25
    with pytest.raises(AttributeError):
        set_doc_values(doc, regions=None)
