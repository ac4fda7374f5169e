"""Candidates and known figures: gazetteers (data files) and "pasangan calon ... X-Y" cues."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher

from nlp.component import filter_matches
from nlp.lexicon import is_common
from nlp.names import NameShape, Words

# Cues naming a pair: "pasangan calon X-Y" gives two candidates.
PAIR_CUES = {"pasangan calon", "paslon", "bapaslon", "bakal pasangan calon"}


def title_words(rules: dict[str, Any]) -> set[str]:
    """One-word titles and candidate cues, lowercase: never a name, nor part of one."""
    words = [*rules["titles"], *rules["candidate_cues"]]
    return {t.lower().rstrip(".") for t in words if " " not in t}


@dataclass
class Found:
    """A person mention found by a rule, before it becomes an entity."""

    start: int
    end: int
    canonical: str
    role: str
    title: str | None
    guess: bool = False  # from the statistical NER: kept only when name-shaped
    score: float | None = None  # the NER's score of the span, when it has one
    known: bool = False  # from a gazetteer: a name needs no more evidence


class Candidates:
    """Finds candidates in a doc; `blocked` tokens (agencies, places) are never names."""

    def __init__(self, nlp: Language, records: list[dict[str, Any]], rules: dict[str, Any]) -> None:
        self.records = {rec["name"]: rec for rec in records}
        self.shape = NameShape(rules["not_names"], rules["honorifics"])
        self.fillers = set(rules["candidate_fillers"])
        self.title_words = title_words(rules)
        self.context: dict[str, list[str]] = rules["candidate_context"]["cues"]
        self.kind_of: dict[str, str] = rules["candidate_context"]["kinds"]
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        for name, rec in self.records.items():
            self.names.add(name, [nlp.make_doc(a) for a in {name, *rec.get("aliases", [])}])
        self.cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.cues.add("cue", [nlp.make_doc(c) for c in rules["candidate_cues"]])

    def title(self, name: str) -> str | None:
        rec = self.records.get(name)
        if rec is None:
            return None
        if "title" in rec:
            return str(rec["title"])
        title = str(rec["role"]).title()
        extra = ", ".join(
            x
            for x in (rec.get("election"), f"nomor urut {rec['number']}" if "number" in rec else "")
            if x
        )
        return f"{title} ({extra})" if extra else title

    def find(self, words: Words, blocked: set[int]) -> list[Found]:
        return [*self._from_gazetteer(words, blocked), *self._from_cues(words, blocked)]

    def _from_gazetteer(self, words: Words, blocked: set[int]) -> list[Found]:
        out = []
        strings = words.doc.vocab.strings
        contexts: set[str] | None = None
        for key, start, end in filter_matches(self.names(words.doc)):
            if blocked.intersection(range(start, end)) or self._inside_longer(words, start, end):
                continue
            name = strings[key]
            rec = self.records[name]
            # "kata Bagus": a common word (rank < 1,000: "bagus" is 233, but "Jokowi"
            # 1,664 is a name) stands for the person only beside the full name
            common = is_common(words.text[start], limit=1_000)
            if end - start == 1 and common and not self._full_name_in(words, name):
                continue
            role = "candidate"
            if "title" in rec:  # a known figure: a candidate where the story is about it
                contexts = self._contexts(words) if contexts is None else contexts
                kinds = {self.kind_of.get(e.split()[0], "") for e in rec.get("candidate_in", [])}
                role = "candidate" if kinds & contexts else str(rec["role"])
            out.append(Found(start, end, name, role, self.title(name), known=True))
        return out

    @staticmethod
    def _full_name_in(words: Words, name: str) -> bool:
        first = name.split()[0]
        return any(
            words.text[i] == first and words.span(i, i + len(name.split())) == name
            for i in range(len(words))
        )

    def _contexts(self, words: Words) -> set[str]:
        """The kinds of election the doc speaks of ("Pilpres", "Pilkada") by its cues."""
        text = " " + " ".join(words.lower) + " "
        return {kind for kind, cues in self.context.items() if any(f" {c} " in text for c in cues)}

    def _inside_longer(self, words: Words, start: int, end: int) -> bool:
        """'Rizal' inside 'Andi Rizal Mappiasse' is someone else."""
        text = words.text
        before = (
            start > 0
            and self.shape.is_name(text[start - 1])
            and text[start - 1].lower().rstrip(".") not in self.title_words
        )
        after = end < len(text) and self.shape.is_name(text[end])
        return before or after

    def _from_cues(self, words: Words, blocked: set[int]) -> list[Found]:
        out: list[Found] = []
        for _, cue_start, cue_end in filter_matches(self.cues(words.doc)):
            j = self._skip_fillers(words, cue_end, blocked)
            title = words.span(cue_start, j)
            pair = words.span(cue_start, cue_end).lower() in PAIR_CUES
            for _ in range(2 if pair else 1):
                start, end = self.shape.run_right(words, j, blocked)
                if end <= start:
                    break
                name = words.span(start, end)
                # one capitalised word after a cue is more often a place ("calon
                # bupati Bekasi") than a name the gazetteer does not know
                if end - start >= 2 or name in self.records:
                    out.append(Found(start, end, name, "candidate", self.title(name) or title))
                if end < len(words) and words.text[end] in ("-", "–", "dan", "/"):
                    j = end + 1
                else:
                    break
        return out

    def _skip_fillers(self, words: Words, j: int, blocked: set[int]) -> int:
        """Past "gubernur dan wakil gubernur DKI Jakarta nomor urut 1" to the names.

        A capitalised run followed by more fillers is a place the gazetteer does not
        know alone ("Calon bupati Bogor nomor urut 3 ..."), not the candidate.
        """
        start, lower, n = j, words.lower, len(words)
        while j < n and j - start < 12:
            if j in blocked or lower[j] in self.fillers or words.like_num[j]:
                j += 1
            else:
                _, end = self.shape.run_right(words, j, blocked, limit=3)
                nxt = lower[end] if end < n else ""
                if end > j and nxt in self.fillers and nxt != "dan":
                    j = end
                else:
                    break
        return j
