"""pantau_ner_v1: a statistical PERSON recogniser, an averaged perceptron over name-shaped spans.

Persons in news text are runs of capitalised words, so the model only scores the
spans (up to `max_len` tokens) inside runs of name-shaped tokens, and its features
are those of the span's edges: the words before and after it (lowercase), its first
and last words and their suffixes, each word in it and its length. A span's score is
a sum of per-position parts (start, end, words, length), each computed once per doc,
so a doc costs one dictionary lookup per feature of each capitalised token instead of
a neural network over every token. Decoding keeps the best-scoring spans above zero
that do not overlap. Trained (structured perceptron, weights averaged) on
nlp/data/ner_corpus.jsonl by `nlp.train.train_ner`; saved with the pipeline.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import srsly
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

LABEL = "PERSON"
WEIGHTS = "weights.msgpack"  # the file in the component's directory
Candidate = tuple[int, int]  # token offsets [start, end)


@Language.factory(
    "pantau_ner_v1",
    default_config={"max_len": 5},
    assigns=["doc.ents"],
)
def make_ner(nlp: Language, name: str, *, max_len: int) -> PersonModel:
    return PersonModel(nlp, name, max_len=max_len)


def has_model(path: Path) -> bool:
    """A directory holding the weights `PersonModel.to_disk` writes."""
    return (path / WEIGHTS).exists()


def name_shaped(text: str) -> bool:
    """Could be a word of a name: capitalised, letters (and ' - .), not an acronym."""
    if not text[:1].isupper():
        return False
    if len(text) <= 2 and text.rstrip(".").isalpha():
        return True  # an initial: "M.", "I"
    return not text.isupper() and all(c.isalpha() or c in "'-." for c in text)


class PersonModel:
    """Scores candidate spans with averaged-perceptron weights (feature -> weight)."""

    def __init__(self, nlp: Language, name: str, *, max_len: int) -> None:
        self.nlp = nlp
        self.name = name
        self.max_len = max_len
        self.weights: dict[str, float] = {}
        self._shaped: dict[int, bool] = {}  # orth hash -> name_shaped, per vocab string
        self._parts: dict[tuple[str, ...] | str, float] = {}
        self._len: list[float] = []
        self._set_weights({})

    def _set_weights(self, weights: dict[str, float]) -> None:
        self.weights = weights
        self._parts = {}
        self._len = [weights.get(f"len={n}", 0.0) for n in range(self.max_len + 1)]

    def __call__(self, doc: Doc) -> Doc:
        found = self.predict(doc)
        if found:
            taken = {i for s, e in found for i in range(s, e)}
            kept = [x for x in doc.ents if not taken.intersection(range(x.start, x.end))]
            spans = [Span(doc, s, e, label=LABEL) for s, e in found]
            doc.ents = sorted([*kept, *spans], key=lambda x: x.start)
        return doc

    def predict(self, doc: Doc) -> list[Candidate]:
        view = self._view(doc)
        if view is None:
            return []
        return self._decode(view, self.weights)

    # -- features ---------------------------------------------------------------

    def _view(self, doc: Doc) -> _DocView | None:
        """The doc's words and its runs of name-shaped tokens; None when there are none."""
        if not len(doc):
            return None
        arr = doc.to_array([ORTH, LOWER]).tolist()
        shaped = self._shaped
        strings = doc.vocab.strings
        flags = []
        for orth, _ in arr:
            flag = shaped.get(orth)
            if flag is None:
                flag = name_shaped(strings[orth])
                if len(shaped) < 500_000:
                    shaped[orth] = flag
            flags.append(flag)
        if not any(flags):
            return None
        return _DocView(arr, flags, strings)

    def _decode(self, view: _DocView, w: dict[str, float]) -> list[Candidate]:
        scored = [(score, cand) for cand, score in self._scores(view, w).items() if score > 0]
        scored.sort(key=lambda sc: (-sc[0], sc[1]))
        taken: set[int] = set()
        out = []
        for _, (s, e) in scored:
            if not taken.intersection(range(s, e)):
                out.append((s, e))
                taken.update(range(s, e))
        return sorted(out)

    def _scores(self, view: _DocView, w: dict[str, float]) -> dict[Candidate, float]:
        get = w.get
        # With fixed weights, a position's part depends only on the words around it:
        # cache it by those words (training passes its own, changing weights).
        fixed = w is self.weights
        cache = self._parts if fixed else {}
        lens = self._len if fixed else [get(f"len={n}", 0.0) for n in range(self.max_len + 1)]

        def cached(key: tuple[str, ...] | str, feats: Callable[[int], list[str]], k: int) -> float:
            value = cache.get(key)
            if value is None:
                value = sum(get(f, 0.0) for f in feats(k))
                if len(cache) < 200_000:
                    cache[key] = value
            return value

        out: dict[Candidate, float] = {}
        for rs, re_ in view.runs:
            ks = range(rs, re_)
            starts = [cached(view.start_key(k), view.start_feats, k) for k in ks]
            ends = [cached(view.end_key(k + 1), view.end_feats, k + 1) for k in ks]
            words = [cached(view.text[k], view.word_feats, k) for k in ks]
            for i in range(rs, re_):
                inner = 0.0
                for j in range(i + 1, min(re_, i + self.max_len) + 1):
                    inner += words[j - 1 - rs]
                    out[(i, j)] = starts[i - rs] + ends[j - 1 - rs] + inner + lens[j - i]
        return out

    # -- training ---------------------------------------------------------------

    def train(
        self, docs: Sequence[tuple[Doc, set[Candidate]]], *, epochs: int, seed: int
    ) -> list[int]:
        """Structured perceptron over (doc, gold spans); returns the errors per epoch."""
        views = [(self._view(doc), gold) for doc, gold in docs]
        data = [(v, gold) for v, gold in views if v is not None]
        w: dict[str, float] = defaultdict(float)
        totals: dict[str, float] = defaultdict(float)  # for averaging
        stamps: dict[str, int] = defaultdict(int)
        step = 0
        rng = random.Random(seed)
        errors_per_epoch = []
        for _ in range(epochs):
            rng.shuffle(data)
            errors = 0
            for view, gold in data:
                step += 1
                predicted = set(self._decode(view, w))
                reachable = {g for g in gold if g in view.candidates(self.max_len)}
                for cand, sign in [
                    *((c, 1.0) for c in reachable - predicted),
                    *((c, -1.0) for c in predicted - reachable),
                ]:
                    errors += 1
                    for f in view.span_feats(*cand):
                        totals[f] += (step - stamps[f]) * w[f]
                        stamps[f] = step
                        w[f] += sign
            errors_per_epoch.append(errors)
        for f in list(w):
            totals[f] += (step - stamps[f]) * w[f]
        averaged = {f: round(t / step, 4) for f, t in totals.items()} if step else {}
        self._set_weights({f: v for f, v in averaged.items() if v})
        return errors_per_epoch

    # -- serialisation ------------------------------------------------------------

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_msgpack(path / WEIGHTS, {"max_len": self.max_len, "weights": self.weights})

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> PersonModel:
        data = srsly.read_msgpack(Path(path) / WEIGHTS)
        self.max_len = int(data["max_len"])
        self._set_weights(dict(data["weights"]))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return bytes(srsly.msgpack_dumps({"max_len": self.max_len, "weights": self.weights}))

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> PersonModel:
        loaded: dict[str, Any] = srsly.msgpack_loads(data)
        self.max_len = int(loaded["max_len"])
        self._set_weights(dict(loaded["weights"]))
        return self


class _DocView:
    """One doc's words (as written and lowercase) and its name-shaped runs."""

    def __init__(self, arr: list[list[int]], flags: list[bool], strings: Any) -> None:
        self.n = len(arr)
        self.flags = flags
        self.runs: list[tuple[int, int]] = []
        i = 0
        while i < self.n:
            if flags[i]:
                j = i
                while j < self.n and flags[j]:
                    j += 1
                self.runs.append((i, j))
                i = j
            else:
                i += 1
        # words near the runs only: the rest of the doc is never looked at
        need = {k for s, e in self.runs for k in range(max(0, s - 2), min(self.n, e + 2))}
        self.text = {k: strings[arr[k][0]] for k in need}
        self.lower = {k: strings[arr[k][1]] for k in need}

    def _low(self, k: int) -> str:
        return self.lower[k] if 0 <= k < self.n else "<s>"

    def start_key(self, i: int) -> tuple[str, ...]:
        """What start_feats(i) depends on."""
        return ("s", self._low(i - 2), self._low(i - 1), self.text[i], str(self._flag(i - 1)))

    def end_key(self, j: int) -> tuple[str, ...]:
        """What end_feats(j) depends on."""
        return ("e", self._low(j), self._low(j + 1), self.text[j - 1], str(self._flag(j)))

    def _flag(self, k: int) -> bool:
        return 0 <= k < self.n and self.flags[k]

    def start_feats(self, i: int) -> list[str]:
        first = self.text[i]
        return [
            f"p1={self._low(i - 1)}",
            f"p2={self._low(i - 2)}|{self._low(i - 1)}",
            f"f={first}",
            f"fs={first[-3:]}",
            f"fi={len(first) <= 2}",
            f"pn={self._flag(i - 1)}",
        ]

    def end_feats(self, j: int) -> list[str]:
        last = self.text[j - 1]
        return [
            f"n1={self._low(j)}",
            f"n2={self._low(j)}|{self._low(j + 1)}",
            f"l={last}",
            f"ls={last[-3:]}",
            f"nn={self._flag(j)}",
        ]

    def word_feats(self, k: int) -> list[str]:
        return [f"w={self.text[k]}"]

    def span_feats(self, i: int, j: int) -> list[str]:
        feats = [*self.start_feats(i), *self.end_feats(j), f"len={j - i}"]
        for k in range(i, j):
            feats.extend(self.word_feats(k))
        return feats

    def candidates(self, max_len: int) -> set[Candidate]:
        return {
            (i, j)
            for s, e in self.runs
            for i in range(s, e)
            for j in range(i + 1, min(e, i + max_len) + 1)
        }
