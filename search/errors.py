"""QuerySyntaxError: what cannot be searched, in English (CLI, API) and Indonesian (pages)."""

from __future__ import annotations

SYNTAX_HELP = (
    'Contoh: kampanye OR sosialisasi · "politik uang" · -hoaks · netral* · '
    '(kampanye OR apk) -hoaks · title:camat · source:detik · region:"DKI Jakarta"'
)
DATE_HELP = (
    "Tanggal ditulis 2024-11-30 atau 2024-11-30T10:00, atau mundur dari sekarang: "
    "7d (7 hari), 24h (24 jam), 2w (2 minggu)."
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
