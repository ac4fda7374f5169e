"""Invented sample stories on debates, election logistics and polling-station supervision."""

from __future__ import annotations

from devkit.sample.story import Story

MEGA = "megapolitan.antaranews.com"
WWW = "www.antaranews.com"
MATARAM = "mataram.antaranews.com"
MAKASSAR = "makassar.antaranews.com"

STORIES: tuple[Story, ...] = (
    Story(
        key="debat-jakarta",
        host=MEGA,
        id=312730,
        slug="debat-kedua-pilkada-jakarta-bahas-transportasi-dan-banjir",
        title="Debat kedua Pilkada Jakarta bahas transportasi dan banjir",
        topic="debate",
        local_time="2024-10-27 22:10",
        city="Jakarta",
        style="p",
        paragraphs=(
            "KPU DKI Jakarta menggelar debat kedua calon gubernur dan wakil gubernur dengan "
            "tema transportasi, penanganan banjir, dan tata ruang kota.",
            "Pasangan calon nomor urut 1 Rizal Mahendra-Siti Nuraini menawarkan perluasan "
            "integrasi angkutan umum hingga ke kawasan penyangga, sementara pasangan nomor "
            "urut 2 Yohanes Parulian-Kartika Sari menekankan normalisasi sungai.",
            "Pasangan nomor urut 3 Bagus Wicaksono-Fadli Rahman mengusulkan pembangunan waduk "
            "retensi di setiap wilayah kota administrasi.",
            '"Debat berjalan tertib. Kami mengapresiasi para pendukung yang menjaga suasana '
            'tetap kondusif," kata Ketua KPU DKI Jakarta Wahyu Setiadi seusai debat.',
            "Bawaslu DKI Jakarta yang mengawasi jalannya debat tidak menemukan pelanggaran, "
            "namun mencatat adanya atribut kampanye yang dibawa pendukung ke dalam ruangan.",
        ),
        tags=("debat Pilkada Jakarta", "KPU DKI Jakarta"),
        reporters=("Luthfia Miranda Putri",),
        editor="Bambang Sutopo",
        caption="Tiga pasangan calon gubernur dan wakil gubernur DKI Jakarta mengikuti debat "
        "kedua di Jakarta, Minggu (27/10/2024).",
        photographer="ANTARA/Luthfia Miranda Putri/lmp.",
    ),
    Story(
        key="debat-ntb",
        host=MATARAM,
        id=418455,
        slug="kpu-ntb-gelar-debat-publik-kedua-calon-gubernur",
        title="KPU NTB gelar debat publik kedua calon gubernur",
        topic="debate",
        local_time="2024-10-31 21:00",
        zone="WITA",
        city="Mataram",
        design="older",
        date_mode="time",
        style="br",
        section=("NTB",),
        paragraphs=(
            "KPU Provinsi NTB menggelar debat publik kedua pasangan calon gubernur dan wakil "
            "gubernur dengan tema pariwisata berkelanjutan dan ketahanan pangan.",
            "Ketua KPU NTB Baiq Nurul Aini mengatakan debat disiarkan langsung oleh televisi "
            "lokal dan kanal daring KPU sehingga dapat diikuti warga di seluruh kabupaten.",
            '"Kami ingin pemilih mengenal gagasan para calon, bukan sekadar wajah di baliho," '
            "kata Baiq Nurul di Mataram, Kamis.",
            "Pasangan Lalu Hamdani-Rohmi Septiani dan pasangan Zulkifli Amran-Nurhayati saling "
            "menanggapi program pengembangan kawasan wisata di Lombok dan Sumbawa.",
        ),
        tags=("debat", "Pilgub NTB", "KPU NTB"),
        reporters=("Nur Imansyah",),
        editor="Abdul Hakim",
        caption="Debat publik kedua calon gubernur NTB di Mataram, Kamis (31/10/2024).",
        photographer="ANTARA/Nur Imansyah/nim.",
    ),
    Story(
        key="logistik-seribu",
        host=MEGA,
        id=313150,
        slug="logistik-pilkada-tiba-di-kepulauan-seribu-dikawal-polisi",
        title="Logistik pilkada tiba di Kepulauan Seribu dikawal polisi",
        topic="logistics",
        local_time="2024-11-25 11:20",
        city="Jakarta",
        style="br",
        paragraphs=(
            "Logistik Pilkada 2024 berupa surat suara, kotak suara, dan bilik suara tiba di "
            "pulau-pulau permukiman Kabupaten Administrasi Kepulauan Seribu dengan pengawalan "
            "aparat kepolisian.",
            "Kapolres Kepulauan Seribu AKBP Budi Hartono mengatakan pengiriman menggunakan "
            "kapal milik pemerintah daerah dan dikawal personel bersenjata sejak dari dermaga "
            "Kali Adem.",
            '"Cuaca cukup bersahabat sehingga seluruh logistik tiba tepat waktu dan dalam '
            'kondisi kering," kata Budi di Jakarta, Senin.',
            "KPU Kepulauan Seribu menyimpan logistik di gudang kantor kelurahan masing-masing "
            "pulau sebelum didistribusikan ke TPS pada malam menjelang pemungutan suara.",
            "Panwaslu kelurahan turut mengawasi pembukaan segel dan penghitungan jumlah surat "
            "suara di setiap gudang.",
        ),
        tags=("logistik pilkada", "Kepulauan Seribu"),
        reporters=("Fauzan Hakim",),
        editor="Sri Haryati",
        caption="Petugas memindahkan kotak suara dari kapal di Pulau Pramuka, Kepulauan Seribu, "
        "Senin (25/11/2024).",
        photographer="ANTARA/Fauzan Hakim/fh.",
    ),
    Story(
        key="logistik-sulsel",
        host=MAKASSAR,
        id=561980,
        slug="kpu-sulsel-distribusikan-logistik-ke-pulau-terluar",
        title="KPU Sulsel distribusikan logistik ke pulau terluar",
        topic="logistics",
        local_time="2024-11-22 14:00",
        zone="WITA",
        city="Makassar",
        style="p",
        section=("Sulsel",),
        paragraphs=(
            "KPU Provinsi Sulawesi Selatan mulai mendistribusikan logistik Pilkada 2024 ke "
            "pulau-pulau terluar di Kabupaten Pangkajene dan Kepulauan serta Kabupaten "
            "Kepulauan Selayar.",
            "Ketua KPU Sulawesi Selatan Andi Muhammad Yusran mengatakan distribusi ke pulau "
            "dilakukan lebih awal karena bergantung pada jadwal kapal dan kondisi gelombang.",
            '"Kami tidak mau ambil risiko. Logistik untuk pulau harus sudah berada di lokasi '
            'paling lambat H-3," kata Andi Yusran di Makassar, Jumat.',
            "Bawaslu Sulawesi Selatan menempatkan pengawas di setiap titik pemberangkatan untuk "
            "memastikan jumlah surat suara sesuai berita acara.",
        ),
        tags=("logistik pilkada", "KPU Sulsel"),
        reporters=("Nurul Hidayah",),
        editor="Abdul Hakim",
        caption="Petugas memuat kotak suara ke kapal di Pelabuhan Paotere, Makassar, Jumat "
        "(22/11/2024).",
        photographer="ANTARA/Nurul Hidayah/nh.",
    ),
    Story(
        key="tps-pengawas-dki",
        host=MEGA,
        id=313402,
        slug="bawaslu-dki-kerahkan-pengawas-tps-pantau-pemungutan-suara",
        title="Bawaslu DKI kerahkan 14 ribu pengawas TPS pantau pemungutan suara",
        topic="polling_station",
        local_time="2024-11-27 07:15",
        city="Jakarta",
        style="mixed",
        paragraphs=(
            "Bawaslu DKI Jakarta mengerahkan sekitar 14 ribu pengawas tempat pemungutan suara "
            "(TPS) untuk memantau jalannya pemungutan dan penghitungan suara Pilkada 2024.",
            "Ketua Bawaslu DKI Jakarta Hendra Wiratama mengatakan setiap pengawas TPS dibekali "
            "formulir pengawasan dan aplikasi pelaporan untuk mengirimkan hasil pengawasan "
            "secara langsung.",
            '"Pengawas TPS wajib hadir sejak persiapan pukul 06.00 WIB sampai penghitungan '
            'suara selesai," kata Hendra di Jakarta, Rabu.',
            "Hendra meminta pengawas mencermati pemilih yang menggunakan formulir pindah "
            "memilih, surat suara yang tidak terpakai, serta kemungkinan adanya mobilisasi "
            "pemilih.",
            "Bawaslu DKI juga membuka layanan pengaduan di setiap kantor Bawaslu kota dan "
            "kabupaten administrasi selama hari pemungutan suara.",
        ),
        tags=("pengawas TPS", "Bawaslu DKI Jakarta", "pemungutan suara"),
        reporters=("Rina Oktaviani", "Luthfia Miranda Putri"),
        editor="Bambang Sutopo",
        caption="Pengawas TPS memantau pemungutan suara di Jakarta, Rabu (27/11/2024).",
        photographer="ANTARA/Rina Oktaviani/rs.",
    ),
    Story(
        key="tps-psu-jaktim",
        host=MEGA,
        id=313655,
        slug="bawaslu-rekomendasikan-pemungutan-suara-ulang-di-dua-tps-jakarta-timur",
        title="Bawaslu rekomendasikan pemungutan suara ulang di dua TPS Jakarta Timur",
        topic="polling_station",
        local_time="2024-11-30 16:45",
        city="Jakarta",
        style="p",
        paragraphs=(
            "Bawaslu Kota Jakarta Timur merekomendasikan pemungutan suara ulang (PSU) di dua "
            "TPS setelah menemukan pemilih yang tidak terdaftar ikut mencoblos tanpa "
            "menunjukkan dokumen yang sah.",
            "Koordinator Divisi Penanganan Pelanggaran dan Data Informasi Bawaslu Kota Jakarta "
            "Timur Yusuf Ardiansyah mengatakan temuan tersebut berasal dari laporan pengawas "
            "TPS dan keterangan saksi pasangan calon.",
            '"Di dua TPS itu ada lebih dari satu pemilih yang menggunakan hak pilih orang '
            'lain. Sesuai aturan, itu syarat dilakukannya PSU," kata Yusuf di Jakarta, Sabtu.',
            "KPU Kota Jakarta Timur menyatakan akan menindaklanjuti rekomendasi itu dan "
            "menyiapkan logistik PSU dalam waktu paling lama sepuluh hari.",
        ),
        tags=("PSU", "Bawaslu Jakarta Timur", "TPS"),
        reporters=("Rina Oktaviani",),
        editor="Sri Haryati",
        caption="Suasana rapat pleno di kantor KPU Kota Jakarta Timur, Sabtu (30/11/2024).",
        photographer="ANTARA/Rina Oktaviani/rs.",
    ),
)
