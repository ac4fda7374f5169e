"""The pipeline's tokenizer: spaCy's Indonesian one, with every chunk's split cached.

spaCy caches how it split each whitespace-separated chunk ("Jakarta," -> "Jakarta"
","), but its `has_special` flag is kept per text, not per chunk: once one chunk of
a text matched a special case (any of the ~16k "id" exceptions, "Kab.", "dll."),
no later chunk of that text is cached (Tokenizer._save_cached). On news text that
left most chunks being split by the prefix/suffix/infix regexes again on every
article, about 0.4 ms of a 60-token article. `ChunkCachingTokenizer` tokenizes each
chunk it has not seen on its own first, which caches it in spaCy's own cache; the
tokens are exactly spaCy's, since a chunk's split never depends on its neighbours.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, cast

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import registry

from nlp.component import read_data

# Adding patterns fills spaCy's default 10,000-entry tokenizer cache; a larger one
# keeps tokenization about 4x faster on news text (see shared/notes/nlp.md).
MAX_CACHE_SIZE = 500_000


def tokenizer_setup(*, max_cache_size: int = MAX_CACHE_SIZE) -> Callable[[Language], Language]:
    """after_creation callback: special cases and cache size, also run by spacy.load."""

    def setup(nlp: Language) -> Language:
        tokenizer = cast(Tokenizer, nlp.tokenizer)
        for case in read_data("tokenizer.json")["special_cases"]:
            tokenizer.add_special_case(case, [{ORTH: case}])
        tokenizer.max_cache_size = max_cache_size
        nlp.tokenizer = ChunkCachingTokenizer(tokenizer)
        return nlp

    return setup


registry.callbacks.register("pantau.tokenizer.v1", func=tokenizer_setup)


class ChunkCachingTokenizer:
    """Wraps a spaCy Tokenizer; everything but __call__ and pipe is the wrapped one's."""

    def __init__(self, inner: Tokenizer) -> None:
        self.inner = inner
        self._seen: set[str] = set()

    def __call__(self, text: str) -> Doc:
        seen, inner = self._seen, self.inner
        if len(seen) < inner.max_cache_size:
            new = set(text.split()).difference(seen)
            for chunk in new:
                inner(chunk)  # on its own: nothing before it can stop the caching
            seen.update(new)
        doc: Doc = inner(text)
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def add_special_case(self, string: str, substrings: Any) -> None:
        self.inner.add_special_case(string, substrings)  # flushes spaCy's cache
        self._seen.clear()

    def __getattr__(self, name: str) -> Any:
        # vocab, max_cache_size, explain, rules ... (not "inner": unpickling looks
        # for attributes before __init__ has set it)
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        self.inner.to_disk(path, **kwargs)

    def from_disk(self, path: str | Path, **kwargs: Any) -> ChunkCachingTokenizer:
        self.inner.from_disk(path, **kwargs)
        self._seen.clear()
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        return bytes(self.inner.to_bytes(**kwargs))

    def from_bytes(self, data: bytes, **kwargs: Any) -> ChunkCachingTokenizer:
        self.inner.from_bytes(data, **kwargs)
        self._seen.clear()
        return self
