"""Custom Doc and Span attributes set by the pantau components, registered once."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

KEY = "._."  # spaCy's prefix of extension values in doc.user_data

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
        name: get((KEY, name, start_char, end_char), default)
        for name, default in SPAN_EXTENSIONS.items()
    }


def span_value(span: Span, name: str) -> Any:
    """span._.<name>, without making an Underscore object."""
    user_data: dict[Any, Any] = span.doc.user_data
    return user_data.get((KEY, name, span.start_char, span.end_char), SPAN_EXTENSIONS[name])


def set_span_values(span: Span, **values: Any) -> None:
    """span._.<name> = value for each, without an Underscore object per assignment."""
    user_data: dict[Any, Any] = span.doc.user_data
    start, end = span.start_char, span.end_char
    for name, value in values.items():
        if name not in SPAN_EXTENSIONS:
            raise AttributeError(f"no span extension {name!r}")
        user_data[(KEY, name, start, end)] = value


def doc_values(doc: Doc) -> dict[str, Any]:
    """doc._ values, without an Underscore per lookup (spaCy keeps them in
    doc.user_data under ("._.", name, None, None))."""
    user_data: dict[Any, Any] = doc.user_data
    get = user_data.get
    return {name: get((KEY, name, None, None), default) for name, default in DOC_EXTENSIONS.items()}


def set_doc_values(doc: Doc, **values: Any) -> None:
    """doc._.<name> = value for each, without an Underscore object per assignment."""
    user_data: dict[Any, Any] = doc.user_data
    for name, value in values.items():
        if name not in DOC_EXTENSIONS:
            raise AttributeError(f"no doc extension {name!r}")
        user_data[(KEY, name, None, None)] = value
