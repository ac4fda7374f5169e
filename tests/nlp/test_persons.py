"""pantau_persons_v1: officials with titles, candidates, speakers, short-name coreference."""

from __future__ import annotations

from typing import cast

import pytest
import srsly

from nlp.analyze import analyze
from nlp.persons import PersonTagger


def persons(nlp, text):
    doc = nlp(text)
    return [(e.text, e._.canonical, e._.role, e._.title) for e in doc.ents if e.label_ == "PERSON"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Wali Kota Jakarta Pusat Dhany Sukma meminta ASN netral.",
            [("Dhany Sukma", "Dhany Sukma", "official", "Wali Kota Jakarta Pusat")],
        ),
        (
            "Koordinator Divisi Hukum dan Penyelesaian Sengketa Bawaslu Kota Jakarta Pusat "
            "Wahidin memanggil camat.",
            [
                (
                    "Wahidin",
                    "Wahidin",
                    "official",
                    "Koordinator Divisi Hukum dan Penyelesaian Sengketa Bawaslu Kota Jakarta Pusat",
                )
            ],
        ),
        (
            "Ketua Bawaslu Sulawesi Selatan M. Halman Muhdar menegaskan hal itu.",
            [
                (
                    "M. Halman Muhdar",
                    "M. Halman Muhdar",
                    "official",
                    "Ketua Bawaslu Sulawesi Selatan",
                )
            ],
        ),
        (
            "Kapolres Metro Jakarta Utara Kombes Pol. M Anwar menyiagakan personel.",
            [("M Anwar", "M Anwar", "official", "Kapolres Metro Jakarta Utara Kombes Pol.")],
        ),
        (
            "Hendra Wiratama, Ketua Bawaslu DKI Jakarta, mengatakan pengawasan diperketat.",
            [("Hendra Wiratama", "Hendra Wiratama", "official", "Ketua Bawaslu DKI Jakarta")],
        ),
        (
            "Pengamat politik Universitas Indonesia, Dimas Prakoso, menilai debat kurang tajam.",
            [
                (
                    "Dimas Prakoso",
                    "Dimas Prakoso",
                    "other",
                    "Pengamat politik Universitas Indonesia",
                )
            ],
        ),
        (
            "Kepala Dinas Perdagangan Kota Semarang Nurjanah Widyastuti memantau harga.",
            [
                (
                    "Nurjanah Widyastuti",
                    "Nurjanah Widyastuti",
                    "official",
                    "Kepala Dinas Perdagangan Kota Semarang",
                )
            ],
        ),
    ],
)
def test_titled_officials(persons_nlp, text, expected):
    assert persons(persons_nlp, text) == expected


def test_short_name_links_to_full_name(persons_nlp):
    text = (
        "Wali Kota Jakarta Pusat Dhany Sukma memimpin apel. "
        '"ASN harus netral," kata Dhany. Dhany menambahkan sanksi menanti.'
    )
    found = persons(persons_nlp, text)
    assert [f[1] for f in found] == ["Dhany Sukma"] * 3
    assert {f[2] for f in found} == {"official"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pasangan calon nomor urut 1 Rizal Mahendra-Siti Nuraini berkampanye di Koja.",
            ["Rizal Mahendra", "Siti Nuraini"],
        ),
        (
            "Debat diikuti paslon nomor urut 2 Yohanes Parulian dan Kartika Sari.",
            ["Yohanes Parulian", "Kartika Sari"],
        ),
        ("Bagus Wicaksono menemui warga Cilincing.", ["Bagus Wicaksono"]),
        ("Calon bupati Bogor nomor urut 3 Wisnu Hardiman berjanji.", ["Wisnu Hardiman"]),
    ],
)
def test_candidates(persons_nlp, text, expected):
    found = persons(persons_nlp, text)
    assert [f[1] for f in found] == expected
    assert {f[2] for f in found} == {"candidate"}


def test_candidate_gazetteer_gives_title(persons_nlp):
    ((_, canonical, role, title),) = persons(persons_nlp, "Rizal berjanji membangun waduk.")
    assert (canonical, role) == ("Rizal Mahendra", "candidate")
    assert title == "Calon Gubernur (Pilkada DKI Jakarta 2024, nomor urut 1)"


def test_candidate_alias_inside_longer_name_is_someone_else(persons_nlp):
    text = "Ketua Bawaslu Kota Makassar Andi Rizal Mappiasse menangkap dua orang."
    assert [f[1] for f in persons(persons_nlp, text)] == ["Andi Rizal Mappiasse"]


def test_configurable_gazetteer(tmp_path):
    path = tmp_path / "cands.jsonl"
    srsly.write_jsonl(path, [{"name": "Tono Wirawan", "role": "calon bupati", "aliases": ["Tono"]}])
    import spacy

    from nlp.pipeline import tokenizer_setup

    nlp = tokenizer_setup()(spacy.blank("id"))
    cast(
        PersonTagger, nlp.add_pipe("pantau_persons_v1", config={"gazetteer": str(path)})
    ).load_defaults()
    assert persons(nlp, "Tono menemui warga.") == [
        ("Tono", "Tono Wirawan", "candidate", "Calon Bupati")
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ('"Kami siap," kata Andi Wijaya.', ["Andi Wijaya"]),
        ("Semua TPS sudah siap, ujar Rudi Hartono.", ["Rudi Hartono"]),
        ("Menurut Lestari Handayani, pengawasan berjalan baik.", ["Lestari Handayani"]),
        ("Sukmawati mengatakan bahwa logistik aman.", ["Sukmawati"]),
        ("Bawaslu mengatakan logistik aman.", []),
        ("Dia mengatakan logistik aman.", []),
    ],
)
def test_speakers(persons_nlp, text, names):
    assert [f[1] for f in persons(persons_nlp, text)] == names


def test_byline_never_becomes_a_person(nlp):
    text = "Bawaslu DKI Jakarta menggelar apel.\nPewarta: Agus Salim\nEditor: Rina Wulandari"
    (result,) = analyze(nlp, [text])
    assert [e for e in result.entities if e.label == "PERSON"] == []
    assert result.byline == {"pewarta": "Agus Salim", "editor": "Rina Wulandari"}


def test_persons_survive_to_disk(persons_nlp, tmp_path):
    persons_nlp.to_disk(tmp_path / "p")
    import spacy

    loaded = spacy.load(tmp_path / "p")
    text = "Wali Kota Jakarta Pusat Dhany Sukma meminta ASN netral."
    assert persons(loaded, text) == persons(persons_nlp, text)


def test_ambiguous_short_name_goes_to_the_last_full_name(persons_nlp):
    text = (
        "Lurah itu mendukung pasangan calon nomor urut 2 Yohanes Parulian-Kartika Sari. "
        "Ketua Bawaslu Kota Jakarta Utara Sari Ramadhani memanggilnya. "
        '"Kami sudah meminta klarifikasi," ucap Sari.'
    )
    found = persons(persons_nlp, text)
    assert found[-1][:3] == ("Sari", "Sari Ramadhani", "official")
