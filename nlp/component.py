"""Shared base of the pantau components (data files, serialisation) and small helpers."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.attrs import ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

DATA_DIR = Path(__file__).parent / "data"


def read_data(filename: str) -> Any:
    """Read a data file shipped in nlp/data (.json or .jsonl)."""
    # Next to this module rather than importlib.resources: under pytest, tests/nlp can
    # make "nlp" look like a namespace package, whose files() has no two-part joinpath.
    return _read(DATA_DIR / filename)


def sentences(doc: Doc) -> list[Span]:
    """The doc's sentences, or the whole doc when nothing set sentence boundaries."""
    try:
        return list(doc.sents)
    except ValueError:  # E030: no sentencizer ran (has_annotation would scan every token)
        return [doc[:]]


def doc_text(doc: Doc) -> str:
    """doc.text from the ORTH and SPACY arrays: the property makes a Token per token."""
    strings = doc.vocab.strings
    return "".join(
        strings[orth] + " " if space else strings[orth]
        for orth, space in doc.to_array([ORTH, SPACY]).tolist()
    )


def _read(path: Path) -> Any:
    if path.suffix == ".jsonl":
        return list(srsly.read_jsonl(path))
    return srsly.read_json(path)


def _write(path: Path, data: Any) -> None:
    if path.suffix == ".jsonl":
        srsly.write_jsonl(path, data)
    else:
        srsly.write_json(path, data)


class DataComponent:
    """A component compiled from one JSON(L) document that it saves and loads.

    Subclasses set `filename` and implement `_compile`, which builds matchers from
    `self.data`. Built empty by its factory; `load_defaults` or `from_disk` fills it.
    """

    filename = "data.json"

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name
        self.data: Any = None

    def set_data(self, data: Any) -> None:
        self.data = data
        self._compile()

    def load_defaults(self) -> None:
        """Load the data shipped with the package."""
        self.set_data(read_data(self.filename))

    def _compile(self) -> None:
        raise NotImplementedError

    def _require_data(self) -> Any:
        if self.data is None:
            raise ValueError(f"{self.name}: no data; call load_defaults() or from_disk()")
        return self.data

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        _write(path / self.filename, self._require_data())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> DataComponent:
        self.set_data(_read(Path(path) / self.filename))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return bytes(srsly.msgpack_dumps({"data": self._require_data()}))

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> DataComponent:
        self.set_data(srsly.msgpack_loads(data)["data"])
        return self
