"""ANTARA regional sites on the sample site: a Jawa Timur feed that also links Kalbar.

Served under a host prefix (`/jatim.antaranews.com/...`), so a crawl sees the regional
hosts themselves: configured ones are crawled, others refused (`host_not_allowed`).
"""

from __future__ import annotations

from devkit.sample.story import Story

JATIM = "jatim.antaranews.com"
KALBAR = "kalbar.antaranews.com"
FEED = f"/{JATIM}/rss/terkini.xml"

REGIONAL: tuple[Story, ...] = (
    Story(
        key="jatim-panwascam-sampang",
        host=JATIM,
        id=1588204,
        slug="bawaslu-sampang-tambah-pengawas-di-tps-rawan",
        title="Bawaslu Sampang tambah pengawas di TPS rawan",
        topic="polling_station",
        local_time="2024-11-25 10:40",
        city="Sampang",
        paragraphs=(
            "Bawaslu Kabupaten Sampang, Jawa Timur, menambah jumlah pengawas di tempat "
            "pemungutan suara yang masuk kategori rawan menjelang hari pencoblosan Pilkada 2024.",
            "Ketua Bawaslu Sampang Ahmad Mufid mengatakan penambahan dilakukan di 47 TPS yang "
            "pada pemilihan sebelumnya pernah diwarnai keributan dan pemungutan suara ulang.",
            '"Setiap TPS rawan akan dijaga dua pengawas, bukan satu seperti biasanya. Kami '
            'juga berkoordinasi dengan polres untuk patroli," kata Mufid di Sampang, Senin.',
            "Ia mengimbau warga melapor ke posko pengawasan desa bila menemukan intimidasi "
            "atau pembagian uang di sekitar TPS.",
        ),
        tags=("Bawaslu Sampang", "TPS rawan", "Pilkada Jatim"),
        reporters=("Moh. Ridwan",),
        editor="Nur Hasanah",
        caption="Petugas Bawaslu Sampang memetakan TPS rawan di kantornya, Senin (25/11/2024).",
        photographer="ANTARA/Moh. Ridwan/nh.",
        section=("Jatim", "Pilkada"),
    ),
    Story(
        key="jatim-kades-bojonegoro",
        host=JATIM,
        id=1587950,
        slug="kepala-desa-di-bojonegoro-diperiksa-karena-hadiri-deklarasi-paslon",
        title="Kepala desa di Bojonegoro diperiksa karena hadiri deklarasi paslon",
        topic="asn_neutrality",
        local_time="2024-11-23 15:05",
        city="Bojonegoro",
        style="br",
        paragraphs=(
            "Bawaslu Kabupaten Bojonegoro memeriksa seorang kepala desa yang terekam hadir "
            "dalam deklarasi dukungan kepada salah satu pasangan calon bupati.",
            "Anggota Bawaslu Bojonegoro Dewi Kartika menyebut kepala desa itu datang "
            "mengenakan kaus bergambar pasangan calon dan ikut memberi sambutan singkat.",
            '"Kepala desa dilarang berpihak. Keterangannya sudah kami catat dan akan kami '
            'kaji bersama sentra gakkumdu," ujar Dewi di Bojonegoro, Sabtu.',
        ),
        tags=("Bawaslu Bojonegoro", "netralitas kepala desa"),
        reporters=("Siti Aminah",),
        editor="Nur Hasanah",
        caption="Suasana pemeriksaan di kantor Bawaslu Bojonegoro, Sabtu (23/11/2024).",
        photographer="ANTARA/Siti Aminah/nh.",
        section=("Jatim", "Pilkada"),
    ),
    Story(
        key="kalbar-logistik-perbatasan",
        host=KALBAR,
        id=803311,
        slug="logistik-pilkada-tiba-di-kecamatan-perbatasan-sanggau",
        title="Logistik pilkada tiba di kecamatan perbatasan Sanggau",
        topic="logistics",
        local_time="2024-11-24 09:30",
        city="Sanggau",
        paragraphs=(
            "Logistik Pilkada 2024 tiba di Kecamatan Entikong, Kabupaten Sanggau, yang "
            "berbatasan langsung dengan Malaysia, setelah diangkut lewat jalur darat.",
            "KPU Sanggau memastikan seluruh kotak dan surat suara dalam keadaan baik dan "
            "disimpan di gudang kecamatan yang dijaga polisi.",
        ),
        tags=("KPU Sanggau", "logistik pilkada"),
        reporters=("Yohanes Kurnia",),
        editor="Rudi Hartono",
        caption="Petugas membongkar logistik pilkada di Entikong, Minggu (24/11/2024).",
        photographer="ANTARA/Yohanes Kurnia/rh.",
        section=("Kalbar", "Pilkada"),
    ),
)


def local_path(story: Story) -> str:
    return f"/{story.host}{story.path}"


def regional_manifest() -> list[dict[str, object]]:
    return [
        {
            "key": s.key,
            "path": local_path(s),
            "url": s.canonical,
            "title": s.title,
            "paragraphs": list(s.paragraphs),
        }
        for s in REGIONAL
    ]
