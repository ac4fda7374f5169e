"""Invented stories of the other outlets on the sample site (people and events fictional)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from crawlers.samplegen.story import ZONES


@dataclass(frozen=True)
class OutletStory:
    """One article page of a non-ANTARA outlet, served under /<host>/ on the local server."""

    key: str
    outlet: str
    host: str
    path: str
    title: str
    local_time: str  # "2024-11-28 14:30", in `zone`
    city: str | None
    paragraphs: tuple[str, ...]
    tags: tuple[str, ...]
    reporters: tuple[str, ...]
    editor: str | None
    caption: str
    section: str
    zone: str = "WIB"
    copy_of: str | None = None  # key of the ANTARA story this republishes
    amp: bool = False  # linked from its feed through the AMP copy
    # Only the opening is free: the page shows `paragraphs`, then a subscribe box.
    paywalled: bool = False

    @property
    def canonical(self) -> str:
        return f"https://{self.host}{self.path}"

    @property
    def local_path(self) -> str:
        return f"/{self.host}{self.path}"

    @property
    def published(self) -> datetime:
        tz = timezone(timedelta(hours=ZONES[self.zone]))
        return datetime.strptime(self.local_time, "%Y-%m-%d %H:%M").replace(tzinfo=tz)

    @property
    def summary(self) -> str:
        first = self.paragraphs[0]
        return first if len(first) <= 200 else first[:197].rsplit(" ", 1)[0] + "..."


def _copy_paragraphs() -> tuple[str, ...]:
    from crawlers.samplegen.stories_asn import STORIES

    story = next(s for s in STORIES if s.key == "asn-bkn-sanksi-dki")
    return story.paragraphs


OUTLET_STORIES: tuple[OutletStory, ...] = (
    OutletStory(
        key="detik-warga-rusun",
        outlet="detik",
        host="news.detik.com",
        path="/berita/d-7661204/bawaslu-jakut-awasi-pemilih-pindahan-di-rusun-marunda",
        title="Bawaslu Jakut Awasi Pemilih Pindahan di Rusun Marunda",
        local_time="2024-11-28 17:02",
        city="Jakarta",
        paragraphs=(
            "Bawaslu Jakarta Utara menempatkan pengawas tambahan di Rusun Marunda menjelang "
            "penghitungan ulang daftar pemilih pindahan. Langkah itu diambil setelah warga "
            "melaporkan nama ganda pada salinan daftar pemilih tambahan.",
            "Ketua Bawaslu Jakarta Utara Hendra Wiratama mengatakan pengawas akan mencocokkan "
            "setiap nama dengan dokumen kependudukan sebelum rapat pleno di tingkat kecamatan.",
            '"Kami tidak mau ada satu suara pun yang dipersoalkan karena data ganda. Semua '
            'akan kami cocokkan satu per satu," kata Hendra kepada wartawan, Kamis.',
            "Ia meminta penghuni rusun yang namanya tercantum ganda segera melapor ke posko "
            "pengawasan di kantor pengelola rusun yang buka hingga akhir pekan.",
        ),
        tags=("bawaslu jakarta utara", "daftar pemilih", "pilkada jakarta"),
        reporters=("Anisa Rahmadani",),
        editor=None,
        caption="Petugas pengawas memeriksa salinan daftar pemilih di Rusun Marunda. "
        "(Anisa Rahmadani/detikcom)",
        section="detikNews",
    ),
    OutletStory(
        key="detik-asn-kelurahan",
        outlet="detik",
        host="news.detik.com",
        path="/berita/d-7659877/lurah-di-jakbar-diperiksa-usai-bagikan-stiker-paslon",
        title="Lurah di Jakbar Diperiksa Usai Bagikan Stiker Paslon",
        local_time="2024-11-27 09:15",
        city="Jakarta",
        paragraphs=(
            "Seorang lurah di Jakarta Barat diperiksa Bawaslu setelah kedapatan membagikan "
            "stiker bergambar pasangan calon kepada warga saat kegiatan posyandu.",
            "Anggota Bawaslu Jakarta Barat Siti Marlina menyebut pemeriksaan berlangsung "
            "selama tiga jam dan lurah tersebut mengakui stiker berasal dari tim kampanye.",
            '"Aparatur sipil negara wajib netral. Hasil pemeriksaan akan kami teruskan ke '
            'Badan Kepegawaian Negara," ujar Siti.',
            "Wali Kota Jakarta Barat menyatakan telah menonaktifkan sementara lurah tersebut "
            "sampai ada keputusan dari BKN.",
        ),
        tags=("netralitas asn", "bawaslu jakarta barat"),
        reporters=("Yoga Pratama",),
        editor=None,
        caption="Ilustrasi kantor Bawaslu. (Yoga Pratama/detikcom)",
        section="detikNews",
    ),
    OutletStory(
        key="detik-copy-bkn",
        outlet="detik",
        host="news.detik.com",
        path="/berita/d-7631530/bkn-jatuhkan-sanksi-ke-12-asn-pemprov-dki",
        title="BKN Jatuhkan Sanksi ke 12 ASN Pemprov DKI yang Tidak Netral",
        local_time="2024-11-05 15:10",
        city="Jakarta",
        paragraphs=_copy_paragraphs(),
        tags=("bkn", "netralitas asn"),
        reporters=("Tim detikcom",),
        editor=None,
        caption="Ilustrasi ASN. (Tim detikcom)",
        section="detikNews",
        copy_of="asn-bkn-sanksi-dki",
    ),
    OutletStory(
        key="detik-tps-oktober",
        outlet="detik",
        host="news.detik.com",
        path="/berita/d-7590011/kpu-jaktim-tetapkan-lokasi-tps-di-bantaran-kali",
        title="KPU Jaktim Tetapkan Lokasi TPS di Bantaran Kali",
        local_time="2024-10-21 11:40",
        city="Jakarta",
        paragraphs=(
            "KPU Jakarta Timur menetapkan lokasi tempat pemungutan suara di bantaran Kali "
            "Cipinang dengan mempertimbangkan risiko banjir pada hari pencoblosan.",
            "Komisioner KPU Jakarta Timur Budi Santika mengatakan sejumlah TPS dipindahkan ke "
            "halaman sekolah yang lebih tinggi agar pemilih tetap bisa datang.",
            "Bawaslu Jakarta Timur meminta KPU mengumumkan perubahan lokasi itu paling lambat "
            "tujuh hari sebelum pemungutan suara.",
        ),
        tags=("tps", "kpu jakarta timur"),
        reporters=("Anisa Rahmadani",),
        editor=None,
        caption="Lokasi TPS di bantaran kali. (Anisa Rahmadani/detikcom)",
        section="detikNews",
    ),
    OutletStory(
        key="kompas-politik-uang",
        outlet="kompas",
        host="nasional.kompas.com",
        path="/read/2024/11/27/20110021/bawaslu-temukan-amplop-berisi-uang-di-posko-relawan",
        title="Bawaslu Temukan Amplop Berisi Uang di Posko Relawan",
        local_time="2024-11-27 20:11",
        city="Jakarta",
        paragraphs=(
            "Bawaslu Provinsi DKI Jakarta menemukan puluhan amplop berisi uang tunai di sebuah "
            "posko relawan di Jakarta Selatan pada malam terakhir masa tenang.",
            "Anggota Bawaslu DKI Jakarta Dewi Kartika mengatakan temuan itu berawal dari "
            "laporan warga yang melihat antrean di depan posko menjelang tengah malam.",
            '"Amplop sudah kami amankan bersama kepolisian dan akan dibahas di Sentra '
            'Gakkumdu besok pagi," kata Dewi saat dihubungi.',
            "Ia mengingatkan bahwa pemberi maupun penerima uang untuk memengaruhi pilihan "
            "dapat dijerat pidana pemilihan.",
        ),
        tags=("politik uang", "Bawaslu DKI", "masa tenang"),
        reporters=("Irfan Maulana",),
        editor="Diamanty Meiliana",
        caption="Barang bukti amplop yang diamankan Bawaslu DKI Jakarta.",
        section="Nasional",
    ),
    OutletStory(
        key="kompas-rekap-sulsel",
        outlet="kompas",
        host="makassar.kompas.com",
        path="/read/2024/11/30/09350081/rekapitulasi-suara-di-gowa-diwarnai-keberatan-saksi",
        title="Rekapitulasi Suara di Gowa Diwarnai Keberatan Saksi",
        local_time="2024-11-30 09:35",
        zone="WITA",
        city="Gowa",
        paragraphs=(
            "Rapat pleno rekapitulasi suara tingkat kabupaten di Gowa, Sulawesi Selatan, "
            "diwarnai keberatan saksi salah satu pasangan calon bupati.",
            "Saksi mempersoalkan selisih jumlah pengguna hak pilih di dua kecamatan yang tidak "
            "sesuai dengan salinan formulir hasil di tingkat TPS.",
            "Ketua Bawaslu Gowa Rahmat Saleh mengatakan pihaknya merekomendasikan pencocokan "
            "ulang formulir sebelum pleno dilanjutkan.",
        ),
        tags=("rekapitulasi", "Pilkada Gowa"),
        reporters=("Nurul Hidayah",),
        editor="Aprillia Ika",
        caption="Suasana pleno rekapitulasi di Gowa.",
        section="Makassar",
    ),
    OutletStory(
        key="tempo-debat-anggaran",
        outlet="tempo",
        host="www.tempo.co",
        path="/politik/pengamat-nilai-janji-kampanye-belum-sesuai-kemampuan-apbd-1189234",
        title="Pengamat Nilai Janji Kampanye Belum Sesuai Kemampuan APBD",
        local_time="2024-11-18 19:25",
        city="Jakarta",
        paragraphs=(
            "Sejumlah pengamat anggaran menilai janji kampanye para calon gubernur belum "
            "disertai hitungan yang sesuai dengan kemampuan anggaran daerah.",
            "Peneliti kebijakan publik Laras Widyastuti mengatakan program unggulan yang "
            "dijanjikan bisa menyedot lebih dari sepertiga belanja daerah setiap tahun.",
            '"Pemilih berhak tahu dari mana uangnya. Debat seharusnya menguji hal itu," kata '
            "Laras dalam diskusi di Jakarta, Senin.",
        ),
        tags=("Pilkada Jakarta", "APBD", "debat"),
        reporters=("Hendra Saputra",),
        editor=None,
        caption="Debat publik calon gubernur. TEMPO/Hendra Saputra",
        section="Politik",
    ),
    OutletStory(
        key="tempo-asn-kades",
        outlet="tempo",
        host="www.tempo.co",
        path="/politik/kepala-desa-di-kendal-diduga-arahkan-warga-pilih-paslon-1190001",
        title="Kepala Desa di Kendal Diduga Arahkan Warga Pilih Paslon",
        local_time="2024-11-21 08:05",
        city="Kendal",
        paragraphs=(
            "Bawaslu Kendal menelusuri dugaan seorang kepala desa mengarahkan warganya memilih "
            "salah satu pasangan calon bupati dalam pertemuan rukun tetangga.",
            "Rekaman pertemuan itu beredar di grup percakapan warga dan dilaporkan oleh "
            "seorang tokoh pemuda setempat.",
        ),
        tags=("netralitas", "kepala desa", "Kendal"),
        reporters=("Dinda Kurniasih",),
        editor=None,
        caption="Ilustrasi pengawasan Pilkada. TEMPO/Dinda Kurniasih",
        section="Politik",
        paywalled=True,
    ),
    OutletStory(
        key="liputan6-logistik-papua",
        outlet="liputan6",
        host="www.liputan6.com",
        path="/news/read/5801234/logistik-pilkada-diangkut-helikopter-ke-distrik-terpencil",
        title="Logistik Pilkada Diangkut Helikopter ke Distrik Terpencil",
        local_time="2024-11-25 14:20",
        zone="WIT",
        city="Jayapura",
        paragraphs=(
            "Logistik Pilkada untuk empat distrik terpencil di Pegunungan Bintang diangkut "
            "menggunakan helikopter karena akses darat terputus longsor.",
            "Ketua KPU setempat Marthen Wenda mengatakan surat suara dikawal aparat keamanan "
            "dan pengawas pemilu sejak keluar dari gudang.",
            "Bawaslu meminta setiap kotak suara dibuka di hadapan saksi ketika tiba di distrik "
            "agar tidak menimbulkan kecurigaan.",
        ),
        tags=("Pilkada 2024", "logistik", "Papua"),
        reporters=("Katharina Yikwa",),
        editor=None,
        caption="Helikopter mengangkut logistik Pilkada.",
        section="News",
    ),
    OutletStory(
        key="liputan6-hoaks-tps",
        outlet="liputan6",
        host="www.liputan6.com",
        path="/news/read/5802877/cek-fakta-tidak-benar-tps-di-bekasi-dipindah-ke-mal",
        title="Cek Fakta: Tidak Benar TPS di Bekasi Dipindah ke Mal",
        local_time="2024-11-26 10:00",
        city="Jakarta",
        paragraphs=(
            "Beredar pesan berantai yang menyebut seluruh TPS di Kota Bekasi dipindahkan ke "
            "pusat perbelanjaan pada hari pemungutan suara.",
            "KPU Kota Bekasi memastikan kabar itu tidak benar dan lokasi TPS tetap sesuai "
            "dengan yang tercantum pada surat pemberitahuan memilih.",
        ),
        tags=("cek fakta", "hoaks", "Bekasi"),
        reporters=("Rizky Ananda",),
        editor=None,
        caption="Ilustrasi cek fakta.",
        section="News",
    ),
    OutletStory(
        key="republika-copy-bkn",
        outlet="republika",
        host="news.republika.co.id",
        path="/berita/smn4k2x81/bkn-sanksi-12-asn-pemprov-dki-tidak-netral",
        title="BKN Sanksi 12 ASN Pemprov DKI tidak Netral",
        local_time="2024-11-05 16:30",
        city="Jakarta",
        paragraphs=_copy_paragraphs()[:-1],
        tags=("BKN", "ASN"),
        reporters=("Antara",),
        editor=None,
        caption="Aparatur sipil negara mengikuti apel.",
        section="News",
        copy_of="asn-bkn-sanksi-dki",
    ),
    OutletStory(
        key="republika-dpt-jabar",
        outlet="republika",
        host="rejabar.republika.co.id",
        path="/berita/smq7a1b09/bawaslu-jabar-minta-kpu-coret-pemilih-meninggal",
        title="Bawaslu Jabar Minta KPU Coret Pemilih Meninggal",
        local_time="2024-11-12 13:00",
        city="Bandung",
        paragraphs=(
            "Bawaslu Jawa Barat meminta KPU mencoret ribuan nama pemilih yang sudah meninggal "
            "dunia namun masih tercantum dalam daftar pemilih tetap.",
            "Anggota Bawaslu Jawa Barat Asep Mulyana mengatakan temuan itu berasal dari "
            "pencocokan data dengan catatan kematian di desa dan kelurahan.",
            "KPU Jawa Barat menyatakan akan menindaklanjuti rekomendasi itu melalui rapat "
            "pleno perbaikan data.",
        ),
        tags=("DPT", "Bawaslu Jabar"),
        reporters=("Fauzi Ridwan",),
        editor=None,
        caption="Petugas memeriksa daftar pemilih.",
        section="Jawa Barat",
    ),
    OutletStory(
        key="rmol-pengawas-tps",
        outlet="rmol",
        host="rmol.id",
        path="/politik/read/2024/10/04/634512/bawaslu-rekrut-pengawas-tps-di-jakarta",
        title="Bawaslu Rekrut Ribuan Pengawas TPS di Jakarta",
        local_time="2024-10-04 01:27",
        city=None,
        paragraphs=(
            "Bawaslu DKI Jakarta membuka rekrutmen pengawas tempat pemungutan suara untuk "
            "seluruh TPS Pilkada Jakarta 2024.",
            "Pendaftar wajib berusia paling rendah 21 tahun, bukan anggota partai politik, "
            "dan berdomisili di kelurahan tempat TPS berada.",
            "Rekrutmen dibuka selama sepekan dan hasilnya diumumkan di kantor panitia "
            "pengawas kecamatan.",
        ),
        tags=("Bawaslu DKI", "Pengawas TPS"),
        reporters=("Ahmad Fauzi",),
        editor=None,
        caption="Ilustrasi pengawas TPS.",
        section="Politik",
    ),
    OutletStory(
        key="rmol-netralitas-polri",
        outlet="rmol",
        host="rmol.id",
        path="/politik/read/2024/11/22/641200/kapolres-diminta-tindak-anggota-yang-tak-netral",
        title="Kapolres Diminta Tindak Anggota yang Tak Netral",
        local_time="2024-11-22 18:45",
        city=None,
        paragraphs=(
            "Koalisi pemantau pemilu meminta para kapolres menindak tegas anggota yang "
            "terbukti tidak netral dalam Pilkada serentak.",
            "Koordinator koalisi Sari Puspita mengatakan pihaknya menerima laporan anggota "
            "polisi yang ikut mengunggah dukungan kepada calon kepala daerah.",
            "Ia meminta laporan itu ditindaklanjuti secara terbuka agar kepercayaan publik "
            "terhadap penyelenggaraan Pilkada tetap terjaga.",
        ),
        tags=("netralitas Polri", "Pilkada"),
        reporters=("Dewi Lestari",),
        editor=None,
        caption="Ilustrasi polisi berjaga di TPS.",
        section="Politik",
        amp=True,
    ),
    OutletStory(
        key="generic-kabar-daerah",
        outlet="generic",
        host="kabarpilkada.example",
        path="/2024/11/29/panwascam-temukan-kotak-suara-rusak",
        title="Panwascam Temukan Kotak Suara Rusak di Gudang Kecamatan",
        local_time="2024-11-29 07:30",
        city="Serang",
        paragraphs=(
            "Panitia pengawas kecamatan menemukan tiga kotak suara dalam keadaan rusak saat "
            "memeriksa gudang logistik kecamatan pada Jumat pagi.",
            "Ketua panwascam setempat Agus Salim mengatakan kerusakan ditemukan pada bagian "
            "pengunci dan segel plastik kotak suara.",
            "Pihaknya meminta panitia pemilihan kecamatan mengganti kotak suara tersebut "
            "sebelum rapat pleno rekapitulasi dimulai agar tidak ada keberatan dari saksi.",
            "Panitia pemilihan kecamatan menyatakan kotak pengganti sudah diminta dari gudang "
            "KPU kabupaten dan akan tiba sebelum siang.",
        ),
        tags=("kotak suara", "panwascam", "Serang"),
        reporters=("Lina Marlina",),
        editor=None,
        caption="Kotak suara yang rusak di gudang kecamatan.",
        section="Daerah",
    ),
)
