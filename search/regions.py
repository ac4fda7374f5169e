"""Regions for filters and facets: a Kemendagri code or a name, and the name to show for a code."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Any

_CODE = re.compile(r"^\d{2}(\.\d+)*$")


class Regions:
    """The NLP's place gazetteer (`nlp/data/places.jsonl`, the codes articles carry) seen
    from search: `codes` of what a user typed, `label` of a code."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self._by_text: dict[str, list[str]] = {}
        names: dict[str, str] = {}
        formal: dict[str, str] = {}
        for row in rows:
            code = str(row["code"])
            names[code], formal[code] = str(row["name"]), str(row.get("formal") or row["name"])
            for text in {names[code], formal[code], *row.get("aliases", ())}:
                self._by_text.setdefault(text.casefold(), []).append(code)
        taken = Counter(n.casefold() for n in names.values())
        # a name two regions share (Bogor: the kabupaten and the kota) shows as the formal one
        self._labels = {
            code: name if taken[name.casefold()] == 1 else formal[code]
            for code, name in names.items()
        }

    def codes(self, value: str) -> list[str]:
        """The codes `value` names: itself when it is a code, else every region with that
        name, formal name or alias (case-insensitive; "Bogor" is two), else none."""
        value = value.strip()
        if _CODE.match(value):
            return [value]
        return list(self._by_text.get(" ".join(value.split()).casefold(), []))

    def label(self, code: str) -> str | None:
        """The name to show for a code (unique among regions), None for an unknown code."""
        return self._labels.get(code)


@lru_cache(maxsize=1)
def regions() -> Regions:
    text = resources.files("nlp.data").joinpath("places.jsonl").read_text(encoding="utf-8")
    return Regions([json.loads(line) for line in text.splitlines() if line.strip()])
