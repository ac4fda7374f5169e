"""Writes ner_corpus.jsonl: the project's own PERSON-annotated sentences for the NER.

The sentences are written for pantau (Indonesian local-news register: officials,
candidates, residents, analysts; with and without titles; names in speech
attribution, appositions, lists; sentences without persons that are full of
capitalised agencies and places). Every name is invented: first and last names are
combined at random, so the model learns contexts and shapes, not a list of people.
Deterministic (fixed seed): `python nlp/data/make_corpus.py` regenerates the file.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path


def _words(text: str) -> list[str]:
    return text.split()


def _items(text: str) -> list[str]:
    return text.replace("\n", "").split("|")


FIRST = _words("""Ahmad Budi Citra Dedi Eko Fajar Gita Hendra Indah Joko Kurnia Lestari Maman Nanda
Oki Putri Rahmat Sinta Taufik Umar Vina Wulan Yayan Zainal Arif Bambang Dewanto Erna Fauzi
Gunawan Hesti Irfan Juwita Komang Lukman Melati Nyoman Rosalina Samsul Tiara Wayan Yosef
Benediktus Darius Ester Frans Helena Ignatius Markus Natalia Petrus Ruth Sondang Tigor
Ucok Butet Asep Cecep Euis Ujang Dadang Iwan Neneng Ratna Sutrisno Wartini""")
LAST = _words("""Pratama Santoso Wijaya Hidayat Saputra Kusuma Rahmawati Setiawan Nugroho Siregar
Nasution Harahap Simatupang Pardede Tambunan Sihombing Manurung Lubis Hutapea Daulay
Wibisono Prasetyo Handoko Purnomo Susanto Hartono Gunadi Firmansyah Maulana Ramadhan
Syahputra Hakim Mahmud Tanjung Batubara Sinaga Purba Ginting Tarigan Sembiring Latuconsina
Manuputty Tuasikal Wenda Kogoya Rumbiak Mandagi Pangemanan Sondakh Lumban Mappanyukki
Daeng Sitompul Panjaitan Marpaung Halawa Zebua Situmorang Ardiansyah Kurniadi""")
PREFIX = ["M.", "Muh.", "I Made", "I Gusti", "Ni Luh", "Andi", "Lalu", "Teuku"]
AGENCIES = _items(
    """Bawaslu DKI Jakarta|KPU Kota Bandung|Bawaslu Kabupaten Bogor|Pemprov Jawa Tengah|
Polda Metro Jaya|Satpol PP Jakarta Selatan|DKPP|KASN|BKN|Kemendagri|DPRD Kota Medan|
KPU Jawa Timur|Bawaslu NTB|Panwascam Koja|Pemkot Surabaya|Polres Metro Jakarta Utara|
Dukcapil Kota Makassar|Kesbangpol Kalimantan Barat|TNI|Polri|Gakkumdu Kota Semarang"""
)
PLACES = _items(
    """Jakarta Utara|Kota Bandung|Kabupaten Bogor|Semarang|Surabaya|Makassar|Medan|Denpasar|
Mataram|Kupang|Ambon|Jayapura|Pontianak|Samarinda|Padang|Palembang|Kecamatan Koja|Cilincing|
Tanjung Priok|Jawa Barat|Sulawesi Selatan|Kalimantan Timur|Nusa Tenggara Timur|Aceh|Papua"""
)
TITLES = _items(
    """Ketua Bawaslu {G}|Anggota KPU {G}|Wali Kota {G}|Bupati {G}|Camat {G}|Lurah|Kapolres {G}|
Kepala Dinas Pendidikan {G}|Sekretaris Daerah {G}|Koordinator Divisi Pencegahan Bawaslu {G}|
Ketua DPRD {G}|Penjabat Gubernur {G}|Kepala Satpol PP {G}|Ketua KPPS|Anggota Bawaslu RI"""
)
ROLES = _items(
    """warga {G}|pedagang pasar|pengamat politik|guru honorer|relawan pemantau|nelayan setempat|
mahasiswa asal {G}|tokoh masyarakat|pemilih pemula|sopir angkot|ketua RT setempat|peneliti senior"""
)

# {P} full name, {S} short name of the same person, {Q} another full name,
# {T} a title, {R} a role noun, {A} an agency, {G} a place.
TEMPLATES = """
{T} {P} mengatakan pihaknya siap mengawal tahapan pilkada.
{T} {P} meminta warga melapor bila menemukan pelanggaran.
"Kami tidak akan ragu menindak pelanggar," kata {T} {P}.
"Semua petugas sudah kami siagakan," ujar {P} di {G}, Senin.
"Pengawasan akan kami perketat," ucap {S}.
Menurut {P}, jumlah laporan meningkat menjelang masa tenang.
{P} mengatakan bahwa logistik pemilihan sudah tiba di gudang.
{P}, {R}, mengaku menerima amplop dari orang tak dikenal.
{P} ({N}), {R}, mengatakan antrean di TPS cukup panjang.
Hal itu disampaikan {P} saat ditemui di kantornya, Selasa.
{P} menambahkan, pihaknya sudah berkoordinasi dengan {A}.
"Kami berharap semua pihak menahan diri," tutur {P}.
Sementara itu, {P} menegaskan tidak ada intimidasi terhadap pemilih.
Sebelumnya, {P} dan {Q} dipanggil {A} untuk dimintai klarifikasi.
{A} memeriksa {P} terkait unggahan dukungan di media sosial.
Video {P} yang berpose dengan salah satu kandidat viral di media sosial.
Pasangan calon nomor urut {N1} {P}-{Q} menyampaikan visi dan misi di {G}.
Calon wali kota {P} berjanji memperbaiki jalan rusak di {G}.
Tim pemenangan {P} membantah tudingan politik uang.
{S} menilai debat berjalan lancar dan tertib.
"Saya hanya ingin pilkada berjalan jujur," kata {S} kepada wartawan.
{R} bernama {P} itu mengaku tidak tahu aturan kampanye.
Saksi bernama {P} melihat pembagian sembako di {G}.
Rapat dipimpin {T} {P} dan dihadiri unsur {A}.
{P} terpilih sebagai ketua panitia pemungutan suara di {G}.
Pelatih {P} mengatakan timnya siap menghadapi laga tandang di {G}.
Penyanyi {P} akan tampil dalam konser amal di {G} akhir pekan ini.
Kuasa hukum pemohon, {P}, meminta majelis membatalkan keputusan {A}.
Dalam sidang itu, {P} menghadirkan tiga orang saksi.
Pengamat politik {P} menyebut pemilih muda sebagai penentu.
{A} menerima laporan dari {P} terkait dugaan ketidaknetralan ASN.
Kepala sekolah {P} membantah mengarahkan guru memilih calon tertentu.
Dari {G}, {P} melaporkan kotak suara tiba dalam kondisi baik.
{P}, {T}, mengatakan anggaran pengamanan sudah dicairkan.
{P} selaku {T} meminta semua pihak menjaga kondusivitas.
Penjelasan {P} disampaikan dalam rapat koordinasi dengan {A}.
Ia bersama {P} meninjau gudang logistik {A} di {G}.
Istri {P}, {Q}, ikut mendampingi saat pencoblosan.
Bupati {G} {P} menyerahkan bantuan kepada korban banjir.
Warga {G}, {P}, mengaku belum menerima undangan memilih.
{S} kemudian meninggalkan lokasi tanpa memberikan keterangan.
Laporan {P} sedang ditindaklanjuti oleh {A}.
Kapolres {G} AKBP {P} memimpin apel pengamanan TPS.
Irjen Pol. {P} meninjau kesiapan personel di {G}.
Dr. {P} dari Universitas Hasanuddin menjadi panelis debat.
Prof. {P} menyampaikan materi tentang etika penyelenggara pemilu.
Ustaz {P} mengajak jemaah datang ke TPS.
"Jangan golput," pesan {P} kepada para mahasiswa.
{P} ditetapkan sebagai tersangka politik uang oleh {A}.
Nama {P} tercantum dalam daftar pemilih tetap di dua TPS berbeda.
Wali Kota {G} {P} meninjau TPS di kantor kelurahan, Rabu (27/11).
Ketua {A} {P} mengatakan laporan warga sudah diregistrasi.
Kepala Dinas Kesehatan {G} {P} mengimbau warga memeriksakan diri.
"Kami menemukan uang Rp50.000 di dalam amplop," kata {P} di {G}, Kamis.
Analis pasar modal, {P}, menilai rupiah akan menguat.
Peneliti senior lembaga survei itu, {P}, mengatakan elektabilitas petahana turun.
{P} menambahkan, sebanyak 1.500 personel disiagakan di {G}.
"""
NEGATIVE = """
{A} menggelar apel siaga pengawasan di {G}, Senin.
{A} menetapkan daftar pemilih tetap untuk Pilkada {G}.
Rapat pleno {A} berlangsung tertib di Hotel Santika {G}.
Ribuan warga {G} memadati Lapangan Merdeka sejak pagi.
Surat suara tiba di gudang {A} pada Selasa malam.
Pilkada {G} diikuti tiga pasangan calon.
Harga cabai di Pasar Induk Kramat Jati naik tajam pekan ini.
Banjir merendam ratusan rumah di {G} setelah hujan deras.
Debat publik kedua akan digelar di Jakarta Convention Center.
{A} dan {A2} menandatangani nota kesepahaman pengawasan.
Masa kampanye Pilkada Serentak 2024 berakhir pada Sabtu.
Tim Gabungan {A} menurunkan alat peraga kampanye di Jalan Sudirman.
Kantor {A} di {G} dijaga ketat aparat keamanan.
Persib Bandung menang atas Persija Jakarta di Stadion Si Jalak Harupat.
Bank Indonesia memperkirakan inflasi tetap terkendali hingga akhir tahun.
PT Kereta Api Indonesia menambah perjalanan selama libur panjang.
Rumah Sakit Umum Daerah {G} menambah ruang perawatan.
Universitas Gadjah Mada membuka pendaftaran mahasiswa baru.
Gubernur dan Wakil Gubernur {G} dilantik di Istana Negara.
Tim Pemenangan Daerah mengadakan konsolidasi di Gedung Serbaguna.
Harga beras medium naik menjadi Rp14.500 per kilogram pada Rabu (13/11).
Warga menerima uang Rp100.000 dan sembako menjelang hari pencoblosan, Sabtu.
Hasil rekapitulasi {A} menunjukkan partisipasi pemilih mencapai 71 persen.
Sebanyak 1.204 TPS di {G} masuk kategori rawan.
Sidang lanjutan digelar di Mahkamah Konstitusi, Jakarta, Kamis (12/12/2024).
Rusun Marunda dan Kampung Bandan menjadi lokasi simulasi pemungutan suara.
Dewan Kehormatan Penyelenggara Pemilu membacakan putusan pada Rabu sore.
Analis menilai pasar saham bergerak stabil sepanjang Selasa.
Menurutnya, distribusi logistik ke {G} berjalan lancar.
Kepala daerah di {G} diminta tidak menyalahgunakan anggaran hibah.
"""


def _name(rng: random.Random) -> tuple[str, str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    r = rng.random()
    if r < 0.12:
        full = f"{rng.choice(PREFIX)} {first} {last}"
    elif r < 0.22:
        full = f"{first} {rng.choice(FIRST)} {last}"
    elif r < 0.27:
        full = first
    else:
        full = f"{first} {last}"
    return full, first if not full.startswith(("M.", "Muh.")) else last


def _fill(template: str, rng: random.Random) -> dict[str, object]:
    person, short = _name(rng)
    other, _ = _name(rng)
    g = rng.choice(PLACES)
    values = {
        "P": person,
        "S": short,
        "Q": other,
        "T": rng.choice(TITLES).replace("{G}", rng.choice(PLACES)),
        "R": rng.choice(ROLES).replace("{G}", g),
        "A": rng.choice(AGENCIES),
        "A2": rng.choice(AGENCIES),
        "G": g,
        "N": str(rng.randint(19, 70)),
        "N1": str(rng.randint(1, 4)),
    }
    text, spans, pos = "", [], 0
    for m in re.finditer(r"\{(\w+)\}", template):
        text += template[pos : m.start()]
        value = values[m[1]]
        if m[1] in ("P", "S", "Q"):
            spans.append([len(text), len(text) + len(value), "PERSON"])
        text += value
        pos = m.end()
    text += template[pos:]
    return {"text": text, "spans": spans}


def build(seed: int = 7, per_template: int = 6) -> list[dict[str, object]]:
    rng = random.Random(seed)
    lines = [t for t in (TEMPLATES + NEGATIVE).splitlines() if t.strip()]
    return [_fill(t, rng) for t in lines for _ in range(per_template)]


if __name__ == "__main__":
    out = Path(__file__).with_name("ner_corpus.jsonl")
    rows = build()
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    print(f"{len(rows)} sentences -> {out}")
