"""Topic detection: one positive per topic, ASN neutrality phrasing, negatives, gating."""

from __future__ import annotations

import json

import pytest

from nlp.component import DATA_DIR

TOPIC_IDS = {
    "netralitas_asn",
    "politik_uang",
    "kampanye",
    "apk",
    "daftar_pemilih",
    "pemilih_pemula",
    "pengawasan_tps",
    "logistik",
    "hoaks",
    "sengketa",
    "bansos",
    "debat",
    "netralitas_tni_polri",
}


def topic_ids(nlp, text):
    return {t["id"] for t in nlp(text)._.topics}


def test_topic_ids_are_stable():
    data = json.loads((DATA_DIR / "topics.json").read_text())
    assert set(data["topics"]) == TOPIC_IDS | {"election_related"}


@pytest.mark.parametrize(
    ("topic", "text"),
    [
        ("netralitas_asn", "Bawaslu mengingatkan netralitas ASN menjelang Pilkada."),
        ("politik_uang", "Bawaslu menerima laporan dugaan politik uang menjelang Pilkada."),
        ("politik_uang", "Tim sukses paslon diduga membagikan uang kepada pemilih di TPS."),
        ("kampanye", "KPU menetapkan jadwal kampanye Pilkada untuk tiga paslon."),
        ("kampanye", "Paslon nomor urut 1 berkampanye di pasar. Bawaslu memantau."),
        ("apk", "Bawaslu menertibkan alat peraga kampanye yang dipasang di pohon."),
        ("apk", "Satpol PP mencopot baliho paslon yang melanggar aturan Pilkada."),
        ("daftar_pemilih", "KPU menetapkan daftar pemilih tetap untuk Pilkada."),
        ("daftar_pemilih", "Pantarlih melakukan coklit di rumah warga jelang Pilkada."),
        ("pemilih_pemula", "KPU menyosialisasikan Pilkada kepada pemilih pemula di sekolah."),
        ("pengawasan_tps", "Bawaslu memetakan TPS rawan menjelang Pilkada."),
        ("pengawasan_tps", "Pengawas TPS mencatat kejadian selama pemungutan suara."),
        ("logistik", "KPU mendistribusikan surat suara dan kotak suara ke kecamatan."),
        ("hoaks", "Bawaslu meminta warga tidak menyebarkan hoaks tentang paslon Pilkada."),
        ("sengketa", "Paslon yang kalah mengajukan sengketa hasil Pilkada ke MK."),
        ("bansos", "Bawaslu mengawasi politisasi bansos selama masa kampanye Pilkada."),
        ("debat", "KPU menggelar debat publik kedua untuk para paslon Pilkada."),
        ("netralitas_tni_polri", "Panglima menegaskan netralitas TNI selama Pilkada."),
    ],
)
def test_topic_found(topics_nlp, topic, text):
    assert topic in topic_ids(topics_nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Bawaslu mengingatkan netralitas ASN menjelang Pilkada.",
        "Ada ASN yang tidak netral pada Pilkada tahun ini.",
        "Bawaslu menemukan dugaan ketidaknetralan ASN di lingkungan Pemkot.",
        "Aparatur sipil negara dilarang terlibat politik praktis selama Pilkada.",
        "Sejumlah PNS diketahui ikut berkampanye untuk calon gubernur.",
        "Seorang camat diduga mendukung paslon nomor urut 2 dalam Pilkada.",
        "Pegawai negeri sipil itu berfoto bersama pasangan calon dan mengunggahnya.",
        "Bawaslu meminta seluruh ASN menjaga netralitas selama tahapan Pilkada.",
        "Lurah tersebut terbukti berpihak kepada salah satu kandidat Pilkada.",
        "ASN yang dikampanyekan sebagai tim sukses paslon dilaporkan ke Bawaslu.",
    ],
)
def test_asn_neutrality_however_phrased(topics_nlp, text):
    assert "netralitas_asn" in topic_ids(topics_nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Pemerintah memastikan gaji ASN naik mulai Januari. KPU menyiapkan Pilkada.",
        "Seleksi CPNS untuk formasi ASN dibuka bulan depan menjelang Pilkada.",
        "Rekrutmen ASN tahun ini digelar setelah Pilkada selesai.",
        "Para ASN mengikuti apel pagi di balai kota. Pilkada digelar bulan depan.",
        "Kenaikan gaji ASN diumumkan saat masa kampanye Pilkada berlangsung.",
    ],
)
def test_asn_in_passing_is_not_neutrality(topics_nlp, text):
    assert "netralitas_asn" not in topic_ids(topics_nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kapolres meminta anggota Polri bersikap netral selama Pilkada.",
            {"netralitas_tni_polri"},
        ),
        ("Prajurit TNI dilarang berpihak kepada paslon dalam Pilkada.", {"netralitas_tni_polri"}),
        ("Bawaslu bersama Polri menindak ASN yang tidak netral dalam Pilkada.", {"netralitas_asn"}),
        ("Polisi memeriksa camat yang diduga mendukung paslon Pilkada.", {"netralitas_asn"}),
        (
            "Bawaslu mengingatkan netralitas ASN, TNI, dan Polri selama Pilkada.",
            {"netralitas_asn", "netralitas_tni_polri"},
        ),
        ("Polri mengamankan kampanye paslon di lapangan kota. Bawaslu hadir.", set()),
    ],
)
def test_tni_polri_neutrality_is_separate_from_asn(topics_nlp, text, expected):
    found = topic_ids(topics_nlp, text) & {"netralitas_asn", "netralitas_tni_polri"}
    assert found == expected


@pytest.mark.parametrize(
    "text",
    [
        "Dinas kesehatan menggelar kampanye imunisasi campak di sekolah.",
        "Toko itu membagikan sembako dan bansos kepada warga terdampak banjir.",
        "Debat antarmahasiswa berlangsung seru di kampus.",
    ],
)
def test_topics_need_an_election_context(topics_nlp, text):
    doc = topics_nlp(text)
    assert not doc._.election_related
    assert doc._.topics == []


@pytest.mark.parametrize(
    ("text", "related"),
    [
        ("KPU menetapkan tiga paslon untuk Pilkada.", True),
        ("Badan Pengawas Pemilu menggelar rapat.", True),
        ("Harga cabai naik di pasar tradisional.", False),
    ],
)
def test_election_related(topics_nlp, text, related):
    assert topics_nlp(text)._.election_related is related


@pytest.mark.parametrize(
    "word", ["kampanye", "berkampanye", "dikampanyekan", "mengampanyekan", "mengkampanyekan"]
)
def test_affixed_forms_match(topics_nlp, word):
    assert "kampanye" in topic_ids(topics_nlp, f"Paslon itu {word} program. KPU mencatat.")


def test_score_and_evidence(topics_nlp):
    text = (
        "Bawaslu menemukan pelanggaran netralitas ASN di Pilkada. "
        "Cuaca cerah sepanjang hari. "
        "ASN tersebut terbukti berpihak kepada paslon."
    )
    (hit,) = [t for t in topics_nlp(text)._.topics if t["id"] == "netralitas_asn"]
    assert 0.9 < hit["score"] <= 1.0
    assert hit["evidence"] == [
        "Bawaslu menemukan pelanggaran netralitas ASN di Pilkada.",
        "ASN tersebut terbukti berpihak kepada paslon.",
    ]


def test_scores_are_in_unit_interval_and_sorted(topics_nlp):
    text = " ".join(["Bawaslu menemukan politik uang dan hoaks dalam Pilkada."] * 20)
    topics = topics_nlp(text)._.topics
    assert all(0.0 < t["score"] <= 1.0 for t in topics)
    assert [t["score"] for t in topics] == sorted((t["score"] for t in topics), reverse=True)
    assert all(len(t["evidence"]) <= 3 for t in topics)
