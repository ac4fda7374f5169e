"""Custom Doc and Span attributes set by the pantau components, registered once."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

# Values are plain JSON-like data (dicts, lists, str, float) so docs survive
# Doc.to_bytes and multiprocess nlp.pipe, which msgpack user_data.
DOC_EXTENSIONS: dict[str, Any] = {
    "topics": None,  # list[{"id", "score", "evidence"}], best first
    "region": None,  # {"code", "name", "level"} of the article's main region
    "election_related": False,
    "election_score": 0.0,
}
SPAN_EXTENSIONS: dict[str, Any] = {
    "region": None,  # Kemendagri code: of a place, or of the place attached to an agency
    "canonical": None,  # human-readable name: "Bawaslu", "Jakarta Utara", a person's full name
    "role": None,  # PERSON: official | candidate | other
    "title": None,  # PERSON: the title held, "Ketua Bawaslu DKI Jakarta"
}


def register_extensions() -> None:
    """Register the attributes; safe to call any number of times."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


def span_values(user_data: dict[Any, Any], start_char: int, end_char: int) -> dict[str, Any]:
    """span._ values of the span at these offsets, without an Underscore per lookup.

    spaCy keeps a span's extension values in doc.user_data under
    ("._.", name, start_char, end_char); none of ours has a getter, method or mutable
    default (tests/nlp/test_analyze.py checks this against span._).
    """
    get = user_data.get
    return {
        name: get(("._.", name, start_char, end_char), default)
        for name, default in SPAN_EXTENSIONS.items()
    }
