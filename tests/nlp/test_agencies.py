"""Agency gazetteer: canonical ids, expansions and agency + place compounds."""

from __future__ import annotations

import pytest


def orgs(nlp, text):
    return [(e.text, e.kb_id_, e._.region) for e in nlp(text).ents if e.label_ == "ORG"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bawaslu DKI Jakarta menggelar apel siaga.", [("Bawaslu DKI Jakarta", "bawaslu", "31")]),
        (
            "Bawaslu Kota Jakarta Utara menerima laporan warga.",
            [("Bawaslu Kota Jakarta Utara", "bawaslu", "31.72")],
        ),
        (
            "Badan Pengawas Pemilu (Bawaslu) Jakarta Utara memanggil saksi.",
            [("Badan Pengawas Pemilu (Bawaslu) Jakarta Utara", "bawaslu", "31.72")],
        ),
        (
            "KPU Provinsi DKI Jakarta menetapkan jadwal.",
            [("KPU Provinsi DKI Jakarta", "kpu", "31")],
        ),
        (
            "Pemerintah Provinsi DKI Jakarta menyiapkan anggaran.",
            [("Pemerintah Provinsi DKI Jakarta", "pemprov", "31")],
        ),
        (
            "Pemkot Jakarta Selatan dan Pemprov Jabar bekerja sama.",
            [("Pemkot Jakarta Selatan", "pemkot", "31.74"), ("Pemprov Jabar", "pemprov", "32")],
        ),
        (
            "Polres Metro Jakarta Utara menyiagakan personel.",
            [("Polres Metro Jakarta Utara", "polres", "31.72")],
        ),
        ("Polda Metro Jaya menggelar rapat.", [("Polda Metro Jaya", "polda", "31")]),
        ("Panwascam Koja menerima aduan.", [("Panwascam Koja", "panwascam", "31.72.03")]),
        (
            "Panwaslu Kecamatan Makasar turun ke lapangan.",
            [("Panwaslu Kecamatan Makasar", "panwascam", "31.75.08")],
        ),
        (
            "DPRD DKI Jakarta memanggil Satpol PP Jakarta Pusat.",
            [("DPRD DKI Jakarta", "dprd", "31"), ("Satpol PP Jakarta Pusat", "satpol_pp", "31.71")],
        ),
    ],
)
def test_agency_with_region(agencies_nlp, text, expected):
    assert orgs(agencies_nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Badan Pengawas Pemilu mengeluarkan imbauan.", "bawaslu"),
        ("Komisi Pemilihan Umum merilis data.", "kpu"),
        ("Komisi Aparatur Sipil Negara menerima rekomendasi.", "kasn"),
        ("KASN menerima rekomendasi.", "kasn"),
        ("Dewan Kehormatan Penyelenggara Pemilu menggelar sidang.", "dkpp"),
        ("Kementerian Dalam Negeri menerbitkan surat edaran.", "kemendagri"),
        ("KemenPAN-RB menerbitkan surat edaran.", "kemenpan_rb"),
        ("Badan Kepegawaian Negara memverifikasi data.", "bkn"),
        ("Pengawas TPS wajib hadir sejak pagi.", "ptps"),
        ("PTPS wajib hadir sejak pagi.", "ptps"),
        ("Kelompok Penyelenggara Pemungutan Suara dilantik.", "kpps"),
        ("Badan Kesatuan Bangsa dan Politik menggelar dialog.", "kesbangpol"),
        ("Satuan Polisi Pamong Praja menertibkan lapak.", "satpol_pp"),
        ("Dinas Kependudukan dan Pencatatan Sipil membuka layanan.", "dukcapil"),
        ("Tentara Nasional Indonesia menyiapkan pasukan.", "tni"),
        ("Kepolisian Negara Republik Indonesia menyiapkan pasukan.", "polri"),
        ("PDI Perjuangan dan Partai Golkar mendaftarkan calon.", "pdip"),
        ("Partai Keadilan Sejahtera mendaftarkan calon.", "pks"),
    ],
)
def test_expansions_share_canonical_id(agencies_nlp, text, canonical):
    assert orgs(agencies_nlp, text)[0][1] == canonical


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bawaslu RI menerbitkan edaran.", [("Bawaslu RI", "bawaslu", None)]),
        ("Bawaslu mengimbau warga.", [("Bawaslu", "bawaslu", None)]),
        # national bodies never take a region
        ("DKPP Jakarta tidak ada.", [("DKPP", "dkpp", None)]),
        ("Anggota TNI dan Polri bersiaga.", [("TNI", "tni", None), ("Polri", "polri", None)]),
    ],
)
def test_agency_without_region(agencies_nlp, text, expected):
    assert orgs(agencies_nlp, text) == expected


def test_agency_compound_replaces_place_entity(agencies_nlp):
    doc = agencies_nlp("Bawaslu Jakarta Timur dan warga Jakarta Timur berdialog.")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Bawaslu Jakarta Timur", "ORG"),
        ("Jakarta Timur", "GPE"),
    ]
    # the place inside the compound still counts for the main region
    assert doc._.region["code"] == "31.75"


def test_lowercase_words_are_not_agencies(agencies_nlp):
    assert orgs(agencies_nlp, "Mereka berkata pan itu panas.") == []
