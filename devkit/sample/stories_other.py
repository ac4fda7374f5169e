"""Invented sample stories on hoaxes, TNI/Polri neutrality, and a few non-election items."""

from __future__ import annotations

from devkit.sample.story import Story

MEGA = "megapolitan.antaranews.com"
WWW = "www.antaranews.com"

STORIES: tuple[Story, ...] = (
    Story(
        key="hoaks-surat-suara",
        host=MEGA,
        id=313020,
        slug="diskominfotik-dki-luruskan-hoaks-surat-suara-sudah-tercoblos",
        title="Diskominfotik DKI luruskan hoaks surat suara sudah tercoblos",
        topic="hoax",
        local_time="2024-11-20 10:40",
        city="Jakarta",
        style="br",
        date_mode="text",
        paragraphs=(
            "Dinas Komunikasi, Informatika dan Statistik (Diskominfotik) DKI Jakarta "
            "meluruskan kabar bohong yang menyebutkan ribuan surat suara Pilkada Jakarta sudah "
            "tercoblos sebelum hari pemungutan suara.",
            "Kepala Diskominfotik DKI Jakarta Rina Kusumawati mengatakan video yang beredar di "
            "media sosial itu merupakan rekaman lama dari daerah lain yang disunting ulang.",
            '"Kami sudah memeriksa bersama KPU DKI. Surat suara Pilkada Jakarta masih '
            'tersegel di gudang logistik dan diawasi Bawaslu," kata Rina di Jakarta, Rabu.',
            "Ia meminta warga memeriksa kebenaran informasi melalui kanal resmi pemerintah "
            "dan penyelenggara pemilu sebelum membagikannya.",
            "Bawaslu DKI Jakarta menyatakan telah meminta platform media sosial menurunkan "
            "unggahan tersebut karena berpotensi mengganggu kepercayaan publik.",
        ),
        tags=("hoaks", "Diskominfotik DKI", "surat suara"),
        reporters=("Luthfia Miranda Putri",),
        editor="Bambang Sutopo",
        caption="Tangkapan layar unggahan hoaks surat suara tercoblos yang beredar di media "
        "sosial.",
        photographer="ANTARA/Luthfia Miranda Putri/lmp.",
    ),
    Story(
        key="hoaks-polri",
        host=WWW,
        id=4445512,
        slug="polri-ingatkan-sanksi-penyebar-hoaks-pilkada-di-media-sosial",
        title="Polri ingatkan sanksi penyebar hoaks pilkada di media sosial",
        topic="hoax",
        local_time="2024-11-18 19:30",
        city="Jakarta",
        style="p",
        section=("Hukum",),
        paragraphs=(
            "Polri mengingatkan masyarakat bahwa penyebaran berita bohong terkait Pilkada "
            "2024 di media sosial dapat dijerat pidana.",
            "Kepala Biro Penerangan Masyarakat Divisi Humas Polri Brigjen Pol Surya Darmawan "
            "mengatakan patroli siber menemukan ratusan akun yang menyebarkan hoaks dan ujaran "
            "kebencian terhadap pasangan calon maupun penyelenggara pemilu.",
            '"Kami mengedepankan langkah pencegahan dengan meminta konten diturunkan. Namun, '
            'bila ada unsur pidana, tentu kami proses," kata Surya di Jakarta, Senin.',
            "Ia mengimbau masyarakat tidak mudah membagikan informasi yang belum jelas "
            "sumbernya, terutama pada masa tenang dan hari pemungutan suara.",
        ),
        tags=("hoaks", "Polri", "patroli siber"),
        reporters=("Dimas Prasetyo",),
        editor="Sri Haryati",
        caption="Karo Penmas Divisi Humas Polri Brigjen Pol Surya Darmawan di Jakarta, Senin "
        "(18/11/2024).",
        photographer="ANTARA/Dimas Prasetyo/dp.",
    ),
    Story(
        key="polri-kapolda",
        host=MEGA,
        id=312570,
        slug="kapolda-metro-jaya-tegaskan-netralitas-polri-dalam-pilkada",
        title="Kapolda Metro Jaya tegaskan netralitas Polri dalam Pilkada",
        topic="security_neutrality",
        local_time="2024-10-10 13:00",
        city="Jakarta",
        design="older",
        date_mode="time",
        style="p",
        section=("Metro",),
        paragraphs=(
            "Kapolda Metro Jaya Irjen Pol Andika Pratama menegaskan seluruh personel Polda "
            "Metro Jaya wajib bersikap netral dan tidak memihak pasangan calon mana pun dalam "
            "Pilkada 2024.",
            "Penegasan itu disampaikan Andika saat apel gelar pasukan pengamanan tahapan "
            "kampanye di Lapangan Presisi Polda Metro Jaya.",
            '"Anggota yang terbukti tidak netral akan diproses oleh Propam tanpa pandang '
            'bulu," ujar Andika di Jakarta, Kamis.',
            "Polda Metro Jaya mengerahkan ribuan personel untuk mengamankan kegiatan kampanye, "
            "debat publik, hingga distribusi logistik di wilayah hukumnya.",
        ),
        tags=("netralitas Polri", "Polda Metro Jaya"),
        reporters=("Fauzan Hakim",),
        editor="Bambang Sutopo",
        caption="Kapolda Metro Jaya Irjen Pol Andika Pratama memeriksa kesiapan pasukan di "
        "Jakarta, Kamis (10/10/2024).",
        photographer="ANTARA/Fauzan Hakim/fh.",
    ),
    Story(
        key="tni-pangdam",
        host=WWW,
        id=4434790,
        slug="pangdam-jaya-prajurit-tni-yang-tidak-netral-akan-ditindak",
        title="Pangdam Jaya: prajurit TNI yang tidak netral akan ditindak",
        topic="security_neutrality",
        local_time="2024-10-22 16:00",
        city="Jakarta",
        style="mixed",
        section=("Politik",),
        paragraphs=(
            "Panglima Kodam Jayakarta (Pangdam Jaya) Mayjen TNI Hariyanto Wibisono menegaskan "
            "prajurit TNI yang terbukti tidak netral dalam Pilkada 2024 akan ditindak tegas.",
            "Hariyanto mengatakan prajurit dan keluarganya dilarang menghadiri kegiatan "
            "kampanye, memasang atribut pasangan calon, maupun memberikan dukungan di media "
            "sosial.",
            '"TNI berdiri di atas semua golongan. Tugas kami membantu Polri menjaga keamanan, '
            'bukan memenangkan calon tertentu," kata Hariyanto di Jakarta, Selasa.',
            "Kodam Jaya juga membuka saluran pengaduan bagi masyarakat yang menemukan dugaan "
            "pelanggaran netralitas oleh prajurit.",
        ),
        tags=("netralitas TNI", "Kodam Jaya"),
        reporters=("Dimas Prasetyo",),
        editor="Sri Haryati",
        caption="Pangdam Jaya Mayjen TNI Hariyanto Wibisono di Jakarta, Selasa (22/10/2024).",
        photographer="ANTARA/Dimas Prasetyo/dp.",
    ),
    Story(
        key="rob-muara-angke",
        host=MEGA,
        id=313210,
        slug="banjir-rob-genangi-permukiman-di-muara-angke",
        title="Banjir rob genangi permukiman di Muara Angke",
        topic="non_election",
        local_time="2024-11-16 08:05",
        city="Jakarta",
        style="p",
        section=("Metro",),
        election=False,
        paragraphs=(
            "Banjir rob menggenangi permukiman warga di kawasan Muara Angke, Penjaringan, "
            "Jakarta Utara, dengan ketinggian air mencapai 30 sentimeter.",
            "Kepala Pelaksana BPBD DKI Jakarta Mohamad Yasin mengatakan genangan dipicu "
            "pasang maksimum air laut yang bersamaan dengan fase bulan purnama.",
            '"Petugas sudah menyiagakan pompa bergerak dan memantau tanggul pantai yang '
            'rawan limpasan," kata Yasin di Jakarta, Sabtu.',
            "Warga diimbau mewaspadai potensi rob susulan hingga beberapa hari ke depan, "
            "terutama pada pagi dan malam hari.",
        ),
        tags=("banjir rob", "Muara Angke", "BPBD DKI"),
        reporters=("Luthfia Miranda Putri",),
        editor="Sri Haryati",
        caption="Warga melintasi genangan rob di Muara Angke, Jakarta Utara, Sabtu (16/11/2024).",
        photographer="ANTARA/Luthfia Miranda Putri/lmp.",
    ),
    Story(
        key="cabai-semarang",
        host=WWW,
        id=4441880,
        slug="harga-cabai-rawit-di-semarang-naik-menjelang-akhir-tahun",
        title="Harga cabai rawit di Semarang naik menjelang akhir tahun",
        topic="non_election",
        local_time="2024-11-14 12:50",
        city="Semarang",
        style="br",
        section=("Ekonomi",),
        election=False,
        paragraphs=(
            "Harga cabai rawit di sejumlah pasar tradisional di Kota Semarang, Jawa Tengah, "
            "naik hingga Rp60 ribu per kilogram menjelang akhir tahun.",
            "Kepala Dinas Perdagangan Kota Semarang Nurjanah Widyastuti mengatakan kenaikan "
            "dipicu berkurangnya pasokan dari daerah sentra akibat curah hujan tinggi.",
            '"Kami akan menggelar operasi pasar bersama Bulog dan distributor agar harga '
            'kembali stabil," kata Nurjanah di Semarang, Kamis.',
            "Sumiyati, pedagang di Pasar Johar, mengatakan pembeli kini mengurangi jumlah "
            "belanja cabai dari biasanya satu kilogram menjadi setengah kilogram.",
        ),
        tags=("harga cabai", "Semarang", "inflasi"),
        reporters=("Wisnu Adhi Nugroho",),
        editor="Ade Irma Suryani",
        caption="Pedagang menata cabai rawit di Pasar Johar, Semarang, Kamis (14/11/2024).",
        photographer="ANTARA/Wisnu Adhi Nugroho/wan.",
    ),
    Story(
        key="mrt-akhir-pekan",
        host=MEGA,
        id=313560,
        slug="mrt-jakarta-tambah-jadwal-kereta-saat-akhir-pekan",
        title="MRT Jakarta tambah jadwal kereta saat akhir pekan",
        topic="non_election",
        local_time="2024-11-29 09:00",
        city="Jakarta",
        style="p",
        section=("Metro",),
        date_mode="none",
        election=False,
        paragraphs=(
            "PT MRT Jakarta (Perseroda) menambah jadwal perjalanan kereta pada akhir pekan "
            "untuk mengantisipasi lonjakan penumpang menjelang libur akhir tahun.",
            "Direktur Operasi PT MRT Jakarta Ahmad Fadli mengatakan waktu tunggu antarkereta "
            "pada Sabtu dan Minggu dipersingkat menjadi tujuh menit pada jam sibuk.",
            '"Kami melihat tren penumpang akhir pekan terus naik, terutama menuju kawasan '
            'Bundaran HI dan Blok M," kata Ahmad di Jakarta.',
            "Penumpang diimbau menggunakan kartu uang elektronik atau kode QR agar antrean di "
            "gerbang stasiun tidak menumpuk.",
        ),
        tags=("MRT Jakarta", "transportasi"),
        reporters=("Fauzan Hakim",),
        editor="Bambang Sutopo",
        caption="Penumpang menaiki kereta MRT di Stasiun Bundaran HI, Jakarta.",
        photographer="ANTARA/Fauzan Hakim/fh.",
    ),
)
