"""Invented sample stories about ASN (civil-servant) neutrality in the 2024 Pilkada."""

from __future__ import annotations

from devkit.sample.story import Story

MEGA = "megapolitan.antaranews.com"
WWW = "www.antaranews.com"

STORIES: tuple[Story, ...] = (
    Story(
        key="asn-camat-jaktim",
        host=MEGA,
        id=312401,
        slug="bawaslu-jakarta-timur-panggil-camat-yang-hadiri-kampanye-paslon",
        title="Bawaslu Jakarta Timur panggil camat yang hadiri kampanye paslon",
        topic="asn_neutrality",
        local_time="2024-10-15 16:20",
        city="Jakarta",
        style="p",
        paragraphs=(
            "Badan Pengawas Pemilu (Bawaslu) Kota Jakarta Timur memanggil seorang camat "
            "berinisial RS untuk dimintai klarifikasi terkait kehadirannya dalam kegiatan "
            "kampanye salah satu pasangan calon gubernur dan wakil gubernur DKI Jakarta.",
            "Koordinator Divisi Penanganan Pelanggaran dan Data Informasi Bawaslu Kota Jakarta "
            "Timur Yusuf Ardiansyah mengatakan pemanggilan dilakukan setelah pengawas kecamatan "
            "menemukan foto dan video camat tersebut berada di panggung kampanye pada Minggu "
            "(13/10).",
            '"Kami sudah melayangkan surat undangan klarifikasi. Yang bersangkutan hadir dan '
            'memberikan keterangan selama kurang lebih dua jam," kata Yusuf di Jakarta, Selasa.',
            "Menurut dia, aparatur sipil negara (ASN) dilarang terlibat dalam kegiatan kampanye, "
            "baik sebagai peserta maupun sebagai pihak yang menunjukkan keberpihakan kepada "
            "pasangan calon. Larangan itu diatur dalam Undang-Undang tentang ASN dan Peraturan "
            "Pemerintah tentang Disiplin Pegawai Negeri Sipil.",
            "Bawaslu Jakarta Timur juga meminta keterangan dari dua saksi, yakni panitia "
            "kegiatan dan seorang warga yang merekam video. Hasil kajian akan diteruskan kepada "
            "Badan Kepegawaian Negara (BKN) apabila terbukti terdapat pelanggaran netralitas.",
            '"Kami tidak ingin menduga-duga. Semua fakta akan kami kaji dulu, baru kemudian '
            'diputuskan apakah ini pelanggaran netralitas ASN atau bukan," ujar Yusuf.',
            "Sementara itu, Wali Kota Jakarta Timur menyatakan menghormati proses di Bawaslu dan "
            "meminta seluruh camat serta lurah di wilayahnya menjaga jarak dari kegiatan politik "
            "praktis hingga tahapan Pilkada 2024 selesai.",
        ),
        tags=("Bawaslu Jakarta Timur", "netralitas ASN", "Pilkada Jakarta 2024"),
        reporters=("Rina Oktaviani",),
        editor="Bambang Sutopo",
        caption="Koordinator Divisi Penanganan Pelanggaran Bawaslu Kota Jakarta Timur Yusuf "
        "Ardiansyah memberikan keterangan kepada wartawan di Jakarta, Selasa (15/10/2024).",
        photographer="ANTARA/Rina Oktaviani/rs.",
        ai_notice=True,
    ),
    Story(
        key="asn-bkn-sanksi-dki",
        host=WWW,
        id=4432810,
        slug="bkn-jatuhkan-sanksi-kepada-12-asn-pemprov-dki-yang-tidak-netral",
        title="BKN jatuhkan sanksi kepada 12 ASN Pemprov DKI yang tidak netral",
        topic="asn_neutrality",
        local_time="2024-11-05 13:45",
        city="Jakarta",
        style="br",
        paragraphs=(
            "Badan Kepegawaian Negara (BKN) menjatuhkan sanksi kepada 12 aparatur sipil negara "
            "(ASN) di lingkungan Pemerintah Provinsi (Pemprov) DKI Jakarta yang terbukti tidak "
            "netral selama tahapan Pilkada 2024.",
            "Deputi Bidang Pengawasan dan Pengendalian BKN Nur Hasanah mengatakan sanksi "
            "tersebut merupakan tindak lanjut rekomendasi Bawaslu DKI Jakarta, sebagian di "
            "antaranya sebelumnya ditangani Komisi Aparatur Sipil Negara (KASN).",
            '"Sanksinya beragam, mulai dari teguran tertulis, penundaan kenaikan pangkat, '
            'hingga penurunan jabatan setingkat lebih rendah selama 12 bulan," kata Nur '
            "Hasanah di Jakarta, Selasa.",
            "Ia menjelaskan pelanggaran yang paling banyak ditemukan adalah ASN yang memberikan "
            "tanda suka, mengomentari, dan membagikan unggahan kampanye pasangan calon di "
            "media sosial. Ada pula ASN yang ikut berfoto dengan gestur jari yang "
            "menunjukkan nomor urut pasangan calon.",
            "Sekretaris Daerah DKI Jakarta Bambang Sutrisno menyatakan Pemprov DKI akan "
            "melaksanakan sanksi tersebut paling lambat dua pekan setelah surat keputusan "
            "diterima.",
            '"Tidak ada toleransi. Netralitas ASN adalah harga mati, apalagi menjelang hari '
            'pemungutan suara," ujar Bambang.',
            "Bawaslu DKI Jakarta mencatat sepanjang masa kampanye menerima 31 laporan dan "
            "temuan dugaan pelanggaran netralitas ASN di enam wilayah kota dan kabupaten "
            "administrasi.",
        ),
        tags=("BKN", "KASN", "netralitas ASN", "Pemprov DKI"),
        reporters=("Dimas Prasetyo",),
        editor="Sri Haryati",
        caption="Ilustrasi - Aparatur sipil negara mengikuti apel netralitas di Balai Kota "
        "Jakarta.",
        photographer="ANTARA/Dimas Prasetyo/dp.",
        section=("Politik",),
        inline_figure="Suasana apel siaga netralitas ASN di halaman Balai Kota Jakarta, Senin "
        "(4/11/2024). ANTARA/Dimas Prasetyo/dp.",
    ),
    Story(
        key="asn-lurah-jakut",
        host=MEGA,
        id=312655,
        slug="bawaslu-jakarta-utara-panggil-lurah-unggah-dukungan-paslon",
        title="Bawaslu Jakarta Utara panggil lurah yang unggah dukungan paslon di medsos",
        topic="asn_neutrality",
        local_time="2024-10-29 19:05",
        city="Jakarta",
        style="mixed",
        paragraphs=(
            "Bawaslu Kota Jakarta Utara memanggil seorang lurah berinisial HS yang diduga "
            "mengunggah dukungan kepada pasangan calon nomor urut 2 Yohanes Parulian-Kartika "
            "Sari melalui akun media sosial pribadinya.",
            "Ketua Bawaslu Kota Jakarta Utara Sari Ramadhani mengatakan unggahan tersebut "
            "ditemukan melalui patroli siber yang dilakukan jajaran pengawas sejak awal masa "
            "kampanye.",
            '"Unggahannya sudah dihapus, tetapi kami sudah mengamankan tangkapan layar sebagai '
            "barang bukti. Lurah yang bersangkutan kami undang untuk klarifikasi pada Kamis "
            'pekan ini," ucap Sari di Jakarta, Selasa.',
            "Dia menambahkan lurah merupakan ASN sekaligus pejabat yang bersentuhan langsung "
            "dengan warga sehingga keberpihakannya dapat memengaruhi pilihan masyarakat.",
            "Jika terbukti, Bawaslu akan meneruskan rekomendasi kepada BKN dan Pemprov DKI "
            "Jakarta sebagai pejabat pembina kepegawaian.",
            "Ketua Komisi A DPRD DKI Jakarta Hasan Basri Lubis mendukung langkah Bawaslu dan "
            "meminta Pemprov DKI memberikan pembinaan kepada seluruh lurah agar kejadian "
            "serupa tidak terulang.",
        ),
        tags=("Bawaslu Jakarta Utara", "netralitas ASN", "lurah"),
        reporters=("Fauzan Hakim", "Rina Oktaviani"),
        editor="Bambang Sutopo",
        caption="Ketua Bawaslu Kota Jakarta Utara Sari Ramadhani di kantornya, Selasa "
        "(29/10/2024).",
        photographer="ANTARA/Fauzan Hakim/fh.",
    ),
    Story(
        key="asn-pns-bogor",
        host=WWW,
        id=4440217,
        slug="bawaslu-kabupaten-bogor-temukan-pns-ikut-kampanye-calon-bupati",
        title="Bawaslu Kabupaten Bogor temukan PNS ikut kampanye calon bupati",
        topic="asn_neutrality",
        local_time="2024-11-08 10:12",
        city="Bogor",
        style="p",
        section=("Nusantara", "Jawa Barat"),
        paragraphs=(
            "Bawaslu Kabupaten Bogor, Jawa Barat, menemukan tiga pegawai negeri sipil (PNS) "
            "ikut dalam kegiatan kampanye tatap muka salah satu calon bupati di Kecamatan "
            "Cibinong.",
            "Ketua Bawaslu Kabupaten Bogor Agus Salim Nugraha mengatakan ketiga PNS tersebut "
            "terekam mengenakan atribut pasangan calon dan ikut membagikan bahan kampanye kepada "
            "warga.",
            '"Mereka sudah kami mintai keterangan. Dua orang mengakui hadir atas inisiatif '
            'sendiri, satu orang mengaku diajak kerabatnya," kata Agus di Bogor, Jumat.',
            "Agus menegaskan PNS yang ikut kampanye melanggar ketentuan netralitas ASN dan dapat "
            "dijatuhi sanksi disiplin sedang hingga berat.",
            "Bawaslu Kabupaten Bogor telah mengirimkan rekomendasi kepada BKN dan Pemerintah "
            "Kabupaten Bogor. Agus juga mengimbau masyarakat melapor apabila menemukan ASN yang "
            "terlibat politik praktis.",
        ),
        tags=("Bawaslu Kabupaten Bogor", "PNS", "Pilkada Jawa Barat"),
        reporters=("Hendra Gunawan",),
        editor="Ade Irma Suryani",
        caption="Petugas Bawaslu Kabupaten Bogor memeriksa dokumen laporan dugaan pelanggaran "
        "netralitas ASN di Cibinong, Jumat (8/11/2024).",
        photographer="ANTARA/Hendra Gunawan/hg.",
    ),
    Story(
        key="asn-kades-jateng",
        host=WWW,
        id=4438056,
        slug="asn-dan-kepala-desa-di-jawa-tengah-diingatkan-tak-ikut-politik-praktis",
        title="ASN dan kepala desa di Jawa Tengah diingatkan tak ikut politik praktis",
        topic="asn_neutrality",
        local_time="2024-11-02 08:40",
        city="Semarang",
        style="br",
        section=("Nusantara", "Jawa Tengah"),
        paragraphs=(
            "Bawaslu Provinsi Jawa Tengah mengingatkan aparatur sipil negara dan kepala desa "
            "agar tidak terlibat politik praktis selama tahapan Pilkada 2024 yang kini memasuki "
            "masa kampanye.",
            "Ketua Bawaslu Jawa Tengah Retno Handayani mengatakan pihaknya telah menerima 18 "
            "laporan dugaan pelanggaran netralitas yang melibatkan ASN dan perangkat desa di "
            "sejumlah kabupaten.",
            '"Kepala desa memang bukan ASN, tetapi undang-undang juga melarang mereka membuat '
            'keputusan atau tindakan yang menguntungkan salah satu pasangan calon," kata Retno '
            "di Semarang, Sabtu.",
            "Menurut Retno, modus yang banyak ditemukan antara lain kepala desa yang "
            "mengumpulkan warga dalam acara yang dikemas sebagai sosialisasi program, padahal "
            "di dalamnya ada ajakan memilih calon tertentu.",
            "Bawaslu Jawa Tengah juga menggandeng Pemerintah Provinsi Jawa Tengah untuk "
            "menggelar apel netralitas ASN di setiap kabupaten dan kota.",
        ),
        tags=("Bawaslu Jawa Tengah", "kepala desa", "netralitas ASN"),
        reporters=("Wisnu Adhi Nugroho",),
        editor="Ade Irma Suryani",
        caption="Ketua Bawaslu Jawa Tengah Retno Handayani saat rapat koordinasi pengawasan "
        "di Semarang, Sabtu (2/11/2024).",
        photographer="ANTARA/Wisnu Adhi Nugroho/wan.",
    ),
    Story(
        key="asn-walkot-jakpus",
        host=MEGA,
        id=312120,
        slug="wali-kota-jakarta-pusat-minta-asn-jaga-netralitas",
        title="Wali Kota Jakarta Pusat minta ASN jaga netralitas jelang pencoblosan",
        topic="asn_neutrality",
        local_time="2024-09-24 11:30",
        city="Jakarta",
        design="older",
        date_mode="time",
        style="p",
        section=("Metro",),
        paragraphs=(
            "Wali Kota Jakarta Pusat Darmawan Hadi Saputra meminta seluruh aparatur sipil "
            "negara di lingkungan Pemerintah Kota Administrasi Jakarta Pusat menjaga netralitas "
            "hingga pemungutan suara Pilkada 2024 pada 27 November.",
            "Permintaan itu disampaikan Darmawan saat memimpin apel penandatanganan pakta "
            "integritas netralitas ASN di halaman Kantor Wali Kota Jakarta Pusat.",
            '"Silakan gunakan hak pilih di TPS, tetapi jangan tunjukkan dukungan di kantor, di '
            'media sosial, maupun di lingkungan tempat tinggal," kata Darmawan di Jakarta, '
            "Selasa.",
            "Ia meminta camat dan lurah memberi contoh kepada jajarannya serta melaporkan bila "
            "ada pegawai yang diminta atau ditekan untuk mendukung pasangan calon tertentu.",
            "Bawaslu Kota Jakarta Pusat yang hadir dalam apel tersebut menyampaikan ASN yang "
            "terbukti melanggar dapat dijatuhi sanksi oleh BKN.",
        ),
        tags=("Jakarta Pusat", "netralitas ASN", "pakta integritas"),
        reporters=("Lia Wanadriani Santosa",),
        editor="Sri Haryati",
        caption="Wali Kota Jakarta Pusat Darmawan Hadi Saputra memimpin apel netralitas ASN di "
        "Jakarta, Selasa (24/9/2024).",
        photographer="ANTARA/Lia Wanadriani Santosa/lws.",
        plain_baca_juga=True,
    ),
    Story(
        key="asn-medsos-ntb",
        host="mataram.antaranews.com",
        id=418802,
        slug="bawaslu-ntb-proses-dugaan-asn-sebar-konten-kampanye",
        title="Bawaslu NTB proses dugaan ASN sebar konten kampanye di media sosial",
        topic="asn_neutrality",
        local_time="2024-11-12 15:10",
        zone="WITA",
        city="Mataram",
        style="br",
        section=("NTB", "Politik"),
        paragraphs=(
            "Bawaslu Provinsi Nusa Tenggara Barat (NTB) memproses dugaan pelanggaran "
            "netralitas oleh lima ASN yang menyebarkan konten kampanye pasangan calon gubernur "
            "melalui grup percakapan dan media sosial.",
            "Koordinator Divisi Penanganan Pelanggaran Bawaslu NTB Lalu Ahmad Fauzan mengatakan "
            "kelima ASN tersebut bertugas di lingkungan pemerintah kabupaten di Pulau Lombok "
            "dan Pulau Sumbawa.",
            '"Konten yang dibagikan berisi ajakan memilih pasangan calon Lalu Hamdani-Rohmi '
            'Septiani. Kami sudah memeriksa para terlapor dan saksi," kata Fauzan di Mataram, '
            "Selasa.",
            "Ia menyebutkan Bawaslu NTB masih menunggu keterangan ahli sebelum memutuskan "
            "rekomendasi yang akan dikirimkan kepada BKN.",
            "Fauzan mengimbau ASN di NTB lebih berhati-hati menggunakan media sosial karena "
            "membagikan ulang unggahan kampanye pun dapat dikategorikan sebagai bentuk "
            "keberpihakan.",
        ),
        tags=("Bawaslu NTB", "netralitas ASN", "Pilgub NTB"),
        reporters=("Nur Imansyah",),
        editor="Abdul Hakim",
        caption="Koordinator Divisi Penanganan Pelanggaran Bawaslu NTB Lalu Ahmad Fauzan di "
        "Mataram, Selasa (12/11/2024).",
        photographer="ANTARA/Nur Imansyah/nim.",
    ),
)
