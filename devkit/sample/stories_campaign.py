"""Invented sample stories on money politics, campaign props (APK) and voter lists."""

from __future__ import annotations

from devkit.sample.story import Story

MEGA = "megapolitan.antaranews.com"
WWW = "www.antaranews.com"
MATARAM = "mataram.antaranews.com"
MAKASSAR = "makassar.antaranews.com"

STORIES: tuple[Story, ...] = (
    Story(
        key="uang-jakbar",
        host=MEGA,
        id=313377,
        slug="bawaslu-jakarta-barat-dalami-dugaan-politik-uang-jelang-pencoblosan",
        title="Bawaslu Jakarta Barat dalami dugaan politik uang jelang pencoblosan",
        topic="money_politics",
        local_time="2024-11-26 21:40",
        city="Jakarta",
        style="p",
        paragraphs=(
            "Bawaslu Kota Jakarta Barat mendalami laporan dugaan politik uang berupa pembagian "
            "amplop berisi uang tunai dan kupon sembako kepada warga di Kecamatan Cengkareng "
            "pada masa tenang Pilkada 2024.",
            "Ketua Bawaslu Kota Jakarta Barat Fikri Maulana mengatakan laporan diterima dari "
            "warga pada Senin malam disertai foto amplop dan kupon yang mencantumkan nomor urut "
            "salah satu pasangan calon.",
            '"Kami bersama Sentra Gakkumdu sudah turun ke lokasi dan meminta keterangan tiga '
            'orang warga penerima," kata Fikri di Jakarta, Selasa.',
            "Fikri menjelaskan pemberi maupun penerima politik uang dapat dijerat pidana sesuai "
            "Undang-Undang Pilkada dengan ancaman penjara paling singkat 36 bulan.",
            "Bawaslu Jakarta Barat juga menambah patroli pengawasan masa tenang hingga malam "
            "menjelang hari pemungutan suara untuk mencegah praktik yang biasa disebut serangan "
            "fajar.",
        ),
        tags=("politik uang", "Bawaslu Jakarta Barat", "masa tenang"),
        reporters=("Fauzan Hakim",),
        editor="Bambang Sutopo",
        caption="Ketua Bawaslu Kota Jakarta Barat Fikri Maulana menunjukkan barang bukti "
        "dugaan politik uang di Jakarta, Selasa (26/11/2024).",
        photographer="ANTARA/Fauzan Hakim/fh.",
    ),
    Story(
        key="uang-makassar",
        host=MAKASSAR,
        id=562210,
        slug="gakkumdu-makassar-tangani-dugaan-bagi-bagi-uang-di-masa-tenang",
        title="Gakkumdu Makassar tangani dugaan bagi-bagi uang di masa tenang",
        topic="money_politics",
        local_time="2024-11-25 17:25",
        zone="WITA",
        city="Makassar",
        style="mixed",
        section=("Sulsel", "Politik"),
        paragraphs=(
            "Sentra Penegakan Hukum Terpadu (Gakkumdu) Kota Makassar, Sulawesi Selatan, "
            "menangani dugaan pembagian uang kepada pemilih yang terjadi di Kecamatan "
            "Tamalate pada masa tenang Pilkada 2024.",
            "Ketua Bawaslu Kota Makassar Andi Rizal Mappiasse mengatakan dua orang terduga "
            "pelaku diamankan warga bersama uang tunai sekitar Rp15 juta dalam pecahan Rp100 "
            "ribu yang sudah dimasukkan ke amplop.",
            '"Kasus ini sudah kami bahas bersama kepolisian dan kejaksaan di Sentra Gakkumdu. '
            'Kami punya waktu 14 hari untuk menentukan apakah bisa naik ke penyidikan," kata '
            "Andi Rizal di Makassar, Senin.",
            "Ia meminta masyarakat tidak ragu melaporkan praktik politik uang dan menjamin "
            "kerahasiaan identitas pelapor.",
            "Polrestabes Makassar menyatakan siap menindaklanjuti perkara tersebut apabila "
            "Sentra Gakkumdu menyimpulkan terdapat unsur pidana pemilihan.",
        ),
        tags=("politik uang", "Gakkumdu", "Pilkada Makassar"),
        reporters=("Nurul Hidayah",),
        editor="Abdul Hakim",
        caption="Barang bukti uang tunai dalam amplop diperlihatkan di Kantor Bawaslu Kota "
        "Makassar, Senin (25/11/2024).",
        photographer="ANTARA/Nurul Hidayah/nh.",
    ),
    Story(
        key="uang-serangan-fajar",
        host=WWW,
        id=4449301,
        slug="bawaslu-ajak-warga-tolak-serangan-fajar-pada-pilkada-2024",
        title="Bawaslu ajak warga tolak serangan fajar pada Pilkada 2024",
        topic="money_politics",
        local_time="2024-11-24 12:00",
        city="Jakarta",
        style="br",
        date_mode="broken_jsonld",
        section=("Politik",),
        paragraphs=(
            "Bawaslu RI mengajak masyarakat menolak segala bentuk politik uang, termasuk "
            "pemberian uang atau barang menjelang pemungutan suara yang kerap disebut serangan "
            "fajar.",
            "Anggota Bawaslu RI Wahyu Kurniawan mengatakan pengawasan masa tenang difokuskan "
            "pada daerah yang dalam pemetaan kerawanan memiliki riwayat politik uang tinggi.",
            '"Jangan mau suara kita dihargai dengan amplop. Kalau ada yang memberi, catat, '
            'foto, lalu laporkan ke pengawas terdekat," ujar Wahyu di Jakarta, Minggu.',
            "Wahyu menyebutkan Bawaslu menyiapkan kanal pelaporan daring dan posko di setiap "
            "kelurahan serta desa selama masa tenang hingga hari pemungutan suara.",
            "Ia juga mengingatkan bahwa penerima politik uang dapat dikenai sanksi pidana, "
            "sehingga masyarakat diminta tidak menerima pemberian dalam bentuk apa pun dari "
            "tim pasangan calon.",
        ),
        tags=("Bawaslu RI", "serangan fajar", "politik uang"),
        reporters=("Dimas Prasetyo",),
        editor="Sri Haryati",
        caption="Anggota Bawaslu RI Wahyu Kurniawan saat peluncuran gerakan tolak politik uang "
        "di Jakarta, Minggu (24/11/2024).",
        photographer="ANTARA/Dimas Prasetyo/dp.",
    ),
    Story(
        key="apk-jaksel",
        host=MEGA,
        id=312980,
        slug="satpol-pp-jakarta-selatan-tertibkan-1-200-apk-di-masa-tenang",
        title="Satpol PP Jakarta Selatan tertibkan 1.200 APK di masa tenang",
        topic="campaign_props",
        local_time="2024-11-24 09:30",
        city="Jakarta",
        style="p",
        paragraphs=(
            "Satuan Polisi Pamong Praja (Satpol PP) Kota Jakarta Selatan bersama Bawaslu "
            "menertibkan sekitar 1.200 alat peraga kampanye (APK) pada hari pertama masa "
            "tenang Pilkada 2024.",
            "Kepala Satpol PP Jakarta Selatan Imam Prasetyo mengatakan APK yang diturunkan "
            "berupa baliho, spanduk, dan bendera pasangan calon yang masih terpasang di ruas "
            "jalan protokol dan permukiman.",
            '"Masa tenang harus bersih dari APK. Semua yang kami turunkan dibawa ke kantor '
            'kecamatan dan bisa diambil kembali oleh tim pasangan calon," kata Imam di '
            "Jakarta, Minggu.",
            "Bawaslu Kota Jakarta Selatan mencatat sebagian besar APK berada di Kecamatan "
            "Pasar Minggu, Jagakarsa, dan Kebayoran Baru.",
            "Penertiban dilanjutkan hingga Senin malam dengan melibatkan petugas kelurahan dan "
            "pengawas kelurahan/desa.",
        ),
        tags=("APK", "Satpol PP", "masa tenang"),
        reporters=("Luthfia Miranda Putri",),
        editor="Bambang Sutopo",
        caption="Petugas Satpol PP menurunkan baliho pasangan calon di Jakarta Selatan, Minggu "
        "(24/11/2024).",
        photographer="ANTARA/Luthfia Miranda Putri/lmp.",
        ai_notice=True,
    ),
    Story(
        key="apk-bandung",
        host=WWW,
        id=4436120,
        slug="bawaslu-kota-bandung-minta-apk-di-pohon-dan-tiang-listrik-dicopot",
        title="Bawaslu Kota Bandung minta APK di pohon dan tiang listrik dicopot",
        topic="campaign_props",
        local_time="2024-10-30 14:05",
        city="Bandung",
        design="older",
        date_mode="text",
        style="br",
        section=("Nusantara",),
        paragraphs=(
            "Bawaslu Kota Bandung, Jawa Barat, meminta tim pasangan calon wali kota dan wakil "
            "wali kota mencopot alat peraga kampanye yang dipasang di pohon, tiang listrik, "
            "dan fasilitas umum lainnya.",
            "Ketua Bawaslu Kota Bandung Dede Kurnia mengatakan pemasangan APK di tempat "
            "tersebut melanggar peraturan KPU dan peraturan daerah tentang ketertiban umum.",
            '"Kami beri waktu tiga hari. Lewat dari itu, kami rekomendasikan kepada Satpol PP '
            'untuk diturunkan paksa," ucap Dede di Bandung, Rabu.',
            "Dede mengatakan hasil pengawasan menemukan lebih dari 400 titik APK bermasalah "
            "yang tersebar di 30 kecamatan.",
        ),
        tags=("APK", "Bawaslu Kota Bandung"),
        reporters=("Ricky Prayoga",),
        editor="Ade Irma Suryani",
        caption="Spanduk pasangan calon terpasang di pohon di kawasan Jalan Soekarno-Hatta, "
        "Bandung, Rabu (30/10/2024).",
        photographer="ANTARA/Ricky Prayoga/rp.",
    ),
    Story(
        key="dpt-coklit-dki",
        host=MEGA,
        id=311845,
        slug="kpu-dki-tuntaskan-coklit-bawaslu-temukan-ribuan-data-pemilih-tak-sesuai",
        title="KPU DKI tuntaskan coklit, Bawaslu temukan ribuan data pemilih tak sesuai",
        topic="voter_list",
        local_time="2024-07-25 18:00",
        city="Jakarta",
        style="mixed",
        paragraphs=(
            "KPU DKI Jakarta menuntaskan pencocokan dan penelitian (coklit) data pemilih untuk "
            "Pilkada 2024, sementara Bawaslu DKI Jakarta menemukan ribuan data pemilih yang "
            "tidak sesuai dengan kondisi di lapangan.",
            "Ketua KPU DKI Jakarta Wahyu Setiadi mengatakan petugas pemutakhiran data pemilih "
            "(pantarlih) telah mendatangi lebih dari 8 juta pemilih selama satu bulan masa "
            "coklit.",
            '"Coklit sudah selesai 100 persen. Hasilnya akan kami rekapitulasi berjenjang '
            'sebelum ditetapkan menjadi daftar pemilih sementara," kata Wahyu di Jakarta, '
            "Kamis.",
            "Di sisi lain, Ketua Bawaslu DKI Jakarta Hendra Wiratama mengatakan pengawas "
            "menemukan 4.215 pemilih yang sudah meninggal dunia atau pindah domisili namun "
            "masih tercatat dalam data pemilih.",
            '"Temuan ini sudah kami sampaikan sebagai saran perbaikan kepada KPU agar daftar '
            'pemilih tetap nantinya bersih," ujar Hendra.',
            "Bawaslu juga membuka posko aduan bagi warga yang belum didatangi pantarlih.",
        ),
        tags=("coklit", "DPT", "KPU DKI Jakarta"),
        reporters=("Rina Oktaviani",),
        editor="Sri Haryati",
        caption="Petugas pantarlih melakukan coklit di salah satu rumah warga di Jakarta, "
        "Kamis (25/7/2024).",
        photographer="ANTARA/Rina Oktaviani/rs.",
    ),
    Story(
        key="dpt-jateng",
        host=WWW,
        id=4420330,
        slug="kpu-jawa-tengah-tetapkan-dpt-pilkada-2024",
        title="KPU Jawa Tengah tetapkan DPT Pilkada 2024 sebanyak 28 juta pemilih",
        topic="voter_list",
        local_time="2024-09-21 20:15",
        city="Semarang",
        design="older",
        date_mode="time",
        style="p",
        section=("Nusantara",),
        paragraphs=(
            "KPU Provinsi Jawa Tengah menetapkan daftar pemilih tetap (DPT) Pilkada 2024 "
            "sebanyak 28,4 juta pemilih yang tersebar di 35 kabupaten dan kota.",
            "Ketua KPU Jawa Tengah Paulus Widodo mengatakan penetapan dilakukan dalam rapat "
            "pleno terbuka yang dihadiri Bawaslu, perwakilan partai politik, dan tim pasangan "
            "calon gubernur.",
            '"Jumlah TPS yang kami siapkan sebanyak 57 ribu lebih. Setiap TPS melayani paling '
            'banyak 600 pemilih," kata Paulus di Semarang, Sabtu.',
            "Bawaslu Jawa Tengah dalam rapat tersebut meminta KPU memastikan pemilih pemula "
            "dan pemilih disabilitas tercatat dengan benar.",
        ),
        tags=("DPT", "KPU Jawa Tengah"),
        reporters=("Wisnu Adhi Nugroho",),
        editor="Ade Irma Suryani",
        caption="Rapat pleno penetapan DPT Pilkada 2024 di Semarang, Sabtu (21/9/2024).",
        photographer="ANTARA/Wisnu Adhi Nugroho/wan.",
    ),
)
