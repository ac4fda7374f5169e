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
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import srsly
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.component import batch_by_batch, update_ents
from nlp.lexicon import bucket

LABEL = "PERSON"
WEIGHTS = "weights.msgpack"  # the file in the component's directory
Candidate = tuple[int, int]  # token offsets [start, end)
SCORES = "pantau_ner_scores"  # doc.user_data key: which kept scores are the doc's
KEPT = 1_024  # docs whose span scores are kept (more than a batch of any pipe)
Part = tuple[str | int | bool, ...] | int  # what a cached score part depends on


@Language.factory(
    "pantau_ner_v1",
    default_config={"max_len": 5},
    assigns=["doc.ents"],
)
def make_ner(nlp: Language, name: str, *, max_len: int) -> PersonModel:
    return PersonModel(nlp, name, max_len=max_len)


def add_ner(nlp: Language, *, first: bool = True) -> PersonModel:
    """Add an untrained "ner" component (pantau_ner_v1)."""
    kwargs: dict[str, Any] = {"first": True} if first else {}
    component = nlp.add_pipe("pantau_ner_v1", name="ner", **kwargs)
    assert isinstance(component, PersonModel)
    return component


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
        self._parts: dict[Part, float] = {}
        self._kept: dict[int, dict[Candidate, float]] = {}  # see _keep
        self._serial = 0
        self._len: list[float] = []
        self._set_weights({})

    def _set_weights(self, weights: dict[str, float]) -> None:
        self.weights = weights
        self._parts = {}
        self._len = [weights.get(f"len={n}", 0.0) for n in range(self.max_len + 1)]

    def __call__(self, doc: Doc) -> Doc:
        view = self._view(doc)
        if view is None:
            return doc
        scores = self._scores(view, self.weights)
        self._keep(doc, scores)
        found = self._best(scores)
        if found:
            taken = {i for s, e in found for i in range(s, e)}
            ents = doc.ents
            kept = [x for x in ents if not taken.intersection(range(x.start, x.end))]
            update_ents(doc, ents, kept, [Span(doc, s, e, label=LABEL) for s, e in found])
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        return batch_by_batch(self, docs, batch_size)

    def predict(self, doc: Doc) -> list[Candidate]:
        view = self._view(doc)
        if view is None:
            return []
        return self._decode(view, self.weights)

    def span_score(self, doc: Doc, start: int, end: int) -> float | None:
        """The model's score of doc[start:end] as a name (None: not a candidate span)."""
        user_data: dict[Any, Any] = doc.user_data
        scores = self._kept.get(user_data.get(SCORES, -1))
        if scores is None:
            view = self._view(doc)
            scores = self._scores(view, self.weights) if view is not None else {}
            self._keep(doc, scores)
        return scores.get((start, end))

    def _keep(self, doc: Doc, scores: dict[Candidate, float]) -> None:
        """Keep a doc's span scores for the person rules, which weigh their own finds
        with them: in the model, keyed by a number the doc carries in user_data (a
        dict of tuples there would cost a copy per doc to serialise)."""
        self._serial += 1
        doc.user_data[SCORES] = self._serial
        self._kept[self._serial] = scores
        if len(self._kept) > KEPT:
            del self._kept[next(iter(self._kept))]

    # -- features ---------------------------------------------------------------

    def _view(self, doc: Doc) -> _DocView | None:
        """The doc's words and its runs of name-shaped tokens; None when there are none."""
        if not len(doc):
            return None
        arr = doc.to_array([ORTH, LOWER])
        orths = arr[:, 0].tolist()
        shaped = self._shaped
        strings = doc.vocab.strings
        flags = []
        for orth in orths:
            flag = shaped.get(orth)
            if flag is None:
                flag = name_shaped(strings[orth])
                if len(shaped) < 500_000:
                    shaped[orth] = flag
            flags.append(flag)
        if not any(flags):
            return None
        return _DocView(orths, arr[:, 1].tolist(), flags, strings)

    def _decode(self, view: _DocView, w: dict[str, float]) -> list[Candidate]:
        return self._best(self._scores(view, w))

    @staticmethod
    def _best(scores: dict[Candidate, float]) -> list[Candidate]:
        """The best-scoring spans above zero that do not overlap."""
        scored = [(score, cand) for cand, score in scores.items() if score > 0]
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
        # cache it by their hashes (training passes its own, changing weights).
        fixed = w is self.weights
        cache = self._parts if fixed else {}
        lens = self._len if fixed else [get(f"len={n}", 0.0) for n in range(self.max_len + 1)]
        # the view's lists are padded by 2: position k is at k + 2
        orth, low, flag = view.orth, view.low, view.flag
        room = len(cache) < 200_000
        out: dict[Candidate, float] = {}
        for rs, re_ in view.runs:
            starts, ends, words = [], [], []
            for k in range(rs, re_):
                word = orth[k + 2]
                key: Part = ("s", low[k], low[k + 1], word, flag[k + 1])  # start_feats(k)
                part = cache.get(key)
                if part is None:
                    part = sum(get(f, 0.0) for f in view.start_feats(k))
                    if room:
                        cache[key] = part
                starts.append(part)
                key = ("e", low[k + 3], low[k + 4], word, flag[k + 3])  # end_feats(k + 1)
                part = cache.get(key)
                if part is None:
                    part = sum(get(f, 0.0) for f in view.end_feats(k + 1))
                    if room:
                        cache[key] = part
                ends.append(part)
                part = cache.get(word)  # word_feats(k)
                if part is None:
                    part = sum(get(f, 0.0) for f in view.word_feats(k))
                    if room:
                        cache[word] = part
                words.append(part)
            for i in range(rs, re_):
                inner, start = 0.0, starts[i - rs]
                for j in range(i + 1, min(re_, i + self.max_len) + 1):
                    inner += words[j - 1 - rs]
                    out[(i, j)] = start + ends[j - 1 - rs] + inner + lens[j - i]
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
    """One doc's word hashes (as written and lowercase) and its name-shaped runs.

    `orth`, `low` and `flag` are padded with two positions past each end of the doc
    (hash 0, read as "<s>", and False): position k is at index k + 2.
    """

    def __init__(
        self, orths: list[int], lowers: list[int], flags: list[bool], strings: Any
    ) -> None:
        n = self.n = len(orths)
        self.strings = strings
        self.runs: list[tuple[int, int]] = []
        i = 0
        while i < n:
            if flags[i]:
                j = i
                while j < n and flags[j]:
                    j += 1
                self.runs.append((i, j))
                i = j
            else:
                i += 1
        self.orth = [0, 0, *orths, 0, 0]
        self.low = [0, 0, *lowers, 0, 0]
        self.flag = [False, False, *flags, False, False]

    def _text(self, k: int) -> str:
        return str(self.strings[self.orth[k + 2]])

    def _low(self, k: int) -> str:
        h = self.low[k + 2]
        return str(self.strings[h]) if h else "<s>"

    def start_feats(self, i: int) -> list[str]:
        first = self._text(i)
        return [
            f"p1={self._low(i - 1)}",
            f"p2={self._low(i - 2)}|{self._low(i - 1)}",
            f"f={first}",
            f"fs={first[-3:]}",
            f"fi={len(first) <= 2}",
            f"pn={self.flag[i + 1]}",
        ]

    def end_feats(self, j: int) -> list[str]:
        last = self._text(j - 1)
        return [
            f"n1={self._low(j)}",
            f"n2={self._low(j)}|{self._low(j + 1)}",
            f"l={last}",
            f"ls={last[-3:]}",
            f"nn={self.flag[j + 2]}",
        ]

    def word_feats(self, k: int) -> list[str]:
        text = self._text(k)
        return [f"w={text}", f"fr={bucket(text)}"]

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
