"""QuerySyntaxError: what cannot be searched, in English (CLI, API) and Indonesian (pages)."""

from __future__ import annotations

SYNTAX_HELP = (
    'Contoh: kampanye OR sosialisasi · "politik uang" · -hoaks · netral* · '
    '(kampanye OR apk) -hoaks · title:camat · source:detik · region:"DKI Jakarta"'
)
DATE_HELP = (
    "Tanggal ditulis 2024-11-30, 30 Nov 2024, 30/11/2024, November 2024 atau "
    "2024-11-30T10:00; juga hari ini, kemarin, atau mundur dari sekarang: "
    "7 hari (7d), 24 jam (24h), 2 minggu (2w)."
)
ZONE_HELP = "Zona waktu: Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT) atau UTC."


class QuerySyntaxError(ValueError):
    """The user's query cannot be understood. `str()` is the English message; `indonesian`
    the sentence pages show, with `position` (1-based character, when known) and `help`."""

    def __init__(
        self,
        message: str,
        indonesian: str = "",
        *,
        position: int | None = None,
        help: str = SYNTAX_HELP,
    ) -> None:
        super().__init__(message)
        self.position = position
        self.help = help
        where = f"Pada karakter {position}: " if position else ""
        self.indonesian = where + (indonesian or f"Pencarian tidak dapat dibaca ({message}).")
