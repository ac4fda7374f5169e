"""RMOL's sample pages: articles (one linked through AMP), RSS, index and search."""

from __future__ import annotations

from datetime import datetime

from devkit.sample.outlet import (
    AD,
    DAYS,
    MONTHS,
    WIB,
    Card,
    OutletSample,
    OutletStory,
    a,
    head,
    ps,
    t,
    texts,
)

STORIES: tuple[OutletStory, ...] = (
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
)


def page(s: OutletStory) -> str:
    at = s.published
    line = (
        f"{DAYS[at.weekday()].upper()}, {at.day:02d} {MONTHS[at.month - 1].upper()} {at.year} | "
        f"{at:%H:%M} {s.zone} | LAPORAN: {s.reporters[0].upper()}"
    )
    paras = texts(s, "<strong>RMOL.</strong> ")
    body = ps(paras[:2]) + "\n" + AD + "\n" + ps(paras[2:])
    tags = "".join(f"<a href='#'>{t(tag)}</a>" for tag in s.tags)
    return f"""{head(s, "RMOL")}<body>
<ol class="breadcrumb"><li><a href="https://rmol.id/">Home</a></li>
<li><a href="https://rmol.id/politik">{t(s.section)}</a></li></ol>
<div class="single_post_heading"><h1>{t(s.title)}</h1>
<p class="date-line">{line}</p></div>
<div class="single_post_img"><figure><img src="https://rmol.id/x.jpg" alt="">
<figcaption>{t(s.caption)}</figcaption></figure></div>
<div id="fontResizableText">
{body}
</div>
<div class="tags">{tags}</div>
</body>
</html>
"""


def card(c: Card) -> str:
    at = c.published.astimezone(WIB)
    when = f"{DAYS[at.weekday()]}, {at.day:02d} {MONTHS[at.month - 1]} {at.year} | {at:%H:%M} WIB"
    return f"""<div class="news-list-item"><div class="news-list-item-img">
<a href="{c.url}"><img src="https://rmol.id/images/thumb.jpg" alt=""></a></div>
<div class="news-list-item-text"><h3><a href="{c.url}">{a(c.title)}</a></h3>
<span class="date">{when}</span></div></div>"""


def _archive_path(n: int, slug: str, at: datetime) -> str:
    return f"/rmol.id/politik/read/{at:%Y/%m/%d}/63{n}410/{slug}"


SAMPLE = OutletSample(
    "rmol", STORIES, page, start="feed", card=card, wrap="div class='news-list'",
    archive_path=_archive_path,
)  # fmt: skip
