"""Invented Indonesian news text for the freshness benchmark (written for this project)."""
# ruff: noqa: E501  (sentences of invented text, kept whole)

from __future__ import annotations

import random

PLACES = (
    "Klaten", "Sleman", "Bantul", "Kudus", "Garut", "Bogor", "Cianjur", "Jember", "Banyuwangi",
    "Kediri", "Magelang", "Tegal", "Cirebon", "Sumedang", "Pati", "Blora", "Lamongan", "Tuban",
)  # fmt: skip
OFFICIALS = (
    "seorang camat", "seorang lurah", "dua kepala desa", "seorang kepala dinas pendidikan",
    "tiga guru berstatus PNS", "seorang sekretaris kecamatan", "dua pegawai kelurahan",
)  # fmt: skip
ACTS = (
    "ikut berkampanye untuk salah satu pasangan calon bupati",
    "mengunggah ajakan memilih pasangan calon di media sosial",
    "hadir dan berpose dengan simbol jari pasangan calon dalam acara deklarasi",
    "membagikan atribut pasangan calon kepada warga saat jam kerja",
    "menjadi pembicara dalam pertemuan tim pemenangan pasangan calon",
)  # fmt: skip
ASN_OPEN = (
    "Bawaslu Kabupaten {place} memanggil {official} yang diduga {act} dalam Pilkada 2024.",
    "Pengawas pemilu di {place} menemukan dugaan pelanggaran netralitas ASN setelah {official} {act}.",
    "Badan Pengawas Pemilu {place} mengkaji laporan warga bahwa {official} {act} menjelang pemungutan suara Pilkada.",
)  # fmt: skip
ASN_MIDDLE = (
    '"ASN wajib menjaga netralitas. Keterlibatan dalam kampanye merupakan pelanggaran netralitas ASN," kata Ketua Bawaslu {place} di {place}, {day}.',
    "Menurut Bawaslu, aparatur sipil negara dilarang menunjukkan keberpihakan kepada pasangan calon, baik di dunia nyata maupun di media sosial.",
    "Pengawas kecamatan mengumpulkan {n} foto dan video sebagai bukti awal, lalu meminta keterangan panitia kegiatan serta warga yang melapor.",
    "Bawaslu {place} mengingatkan seluruh ASN bahwa sanksi pelanggaran netralitas dapat berupa penundaan kenaikan pangkat hingga pemberhentian.",
)  # fmt: skip
ASN_CLOSE = (
    "Hasil klarifikasi akan diteruskan kepada Badan Kepegawaian Negara apabila terbukti terjadi pelanggaran netralitas.",
    "Bupati {place} menyatakan menghormati proses di Bawaslu dan meminta semua pegawai menjauhi politik praktis.",
    "Rekomendasi Bawaslu akan dikirim kepada pejabat pembina kepegawaian dalam {n} hari kerja.",
)  # fmt: skip
OTHER = (
    (
        "Pemerintah Kabupaten {place} memperbaiki {n} kilometer jalan desa yang rusak akibat banjir pekan lalu.",
        "Kepala dinas pekerjaan umum mengatakan perbaikan ditargetkan selesai sebelum musim hujan mencapai puncaknya.",
        "Warga berharap perbaikan itu memperlancar pengangkutan hasil panen ke pasar kecamatan.",
    ),
    (
        "Harga cabai rawit di pasar tradisional {place} naik menjadi Rp{n}.000 per kilogram menjelang akhir tahun.",
        "Pedagang menyebut pasokan dari petani berkurang karena cuaca yang tidak menentu.",
        "Dinas perdagangan akan menggelar operasi pasar untuk menahan kenaikan harga bahan pokok.",
    ),
    (
        "Klub sepak bola kebanggaan {place} menang {n}-1 dalam laga lanjutan liga daerah di stadion kabupaten.",
        "Pelatih memuji kedisiplinan pemain muda yang baru dipanggil dari akademi klub.",
        "Pertandingan berikutnya akan digelar di kandang lawan pada pekan depan.",
    ),
    (
        "Sekolah dasar di {place} mulai menerapkan program sarapan bergizi bagi {n} ratus siswa.",
        "Kepala sekolah mengatakan program itu didukung orang tua murid dan puskesmas setempat.",
        "Dinas pendidikan akan mengevaluasi program tersebut setelah satu semester berjalan.",
    ),
)  # fmt: skip
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
SYLLABLES = ("su", "ka", "ma", "ju", "sa", "ri", "wa", "ngi", "te", "gal", "re", "jo", "ba", "tu")
DETAILS = (
    "Peristiwa itu terjadi di Desa {village} pada pukul {hour}.{minute} WIB dan disaksikan sekitar {crowd} warga.",
    "Laporan pertama masuk melalui pos pengaduan di Kecamatan {village} dengan nomor register {reg}.",
    "Saksi bernama {person} menyerahkan rekaman berdurasi {minute} menit kepada petugas.",
    "Rapat pleno pengawas membahas temuan itu selama {hour} jam di kantor Panwascam {village}.",
    "Petugas mencatat {crowd} lembar selebaran dan {hour} spanduk di sekitar balai Desa {village}.",
)  # fmt: skip


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _details(rng: random.Random) -> str:
    """Two sentences of particulars, so that no two stories are near-copies of each other."""
    fill = {
        "village": _word(rng, 3), "person": f"{_word(rng, 2)} {_word(rng, 3)}",
        "hour": rng.randint(7, 21), "minute": rng.randint(10, 59),
        "crowd": rng.randint(20, 400), "reg": rng.randint(100, 999),
    }  # fmt: skip
    return " ".join(t.format(**fill) for t in rng.sample(DETAILS, 2))


def story(rng: random.Random, asn: bool, n: int) -> tuple[str, list[str]]:
    """(title, paragraphs) of one invented story; `asn` stories are about neutrality."""
    fill = {
        "place": rng.choice(PLACES), "official": rng.choice(OFFICIALS), "act": rng.choice(ACTS),
        "day": rng.choice(DAYS), "n": rng.randint(2, 9),
    }  # fmt: skip
    if asn:
        paras = [rng.choice(ASN_OPEN), *rng.sample(ASN_MIDDLE, 2), rng.choice(ASN_CLOSE)]
        paras = [p.format(**fill) for p in paras]
        paras[1:1] = [_details(rng), _details(rng)]
        title = f"Bawaslu {fill['place']} periksa {fill['official']} soal netralitas ASN ({n})"
    else:
        paras = [p.format(**fill) for p in rng.choice(OTHER)]
        title = f"{paras[0][:70].rsplit(' ', 1)[0]} ({n})"
    return title, paras
