"""Organisations under one canonical name: known names and acronyms from data/organisations.tsv,
natasha's ORG spans brought to the nominative, and acronyms defined in brackets
('... политики (МЦРМП)') linked to their full name so bare uses get the same value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .gazetteer import load_gazetteer, token_key
from .morphology import is_plural_head, nominative_phrase
from .records import Mention

_ACRONYM = re.compile(r"[A-ZА-ЯЁ]{2,}")
_FUNCTION_WORDS = {"по", "и", "в", "во", "на", "для", "за", "с", "со", "о", "об", "при", "of", "the", "and", "for"}
_MAX_NAME_WORDS = 12


@dataclass(frozen=True)
class _Candidate:
    span: Span
    canonical: str
    method: str


def extract_organisations(doc: Doc) -> list[Mention]:
    known, named = _known(doc), _named_entities(doc)
    acronyms = _acronym_definitions(doc, known + named)
    candidates = known + _acronym_uses(doc, acronyms) + named
    by_span = {(c.span.start, c.span.end): c for c in reversed(candidates)}  # on a tie, the earlier kind wins
    kept = filter_spans([c.span for c in candidates])
    return [_mention(by_span[(span.start, span.end)]) for span in sorted(kept, key=lambda s: s.start)]


def _known(doc: Doc) -> list[_Candidate]:
    index = load_gazetteer().organisations
    return [_Candidate(doc[m.start : m.end], m.payload, "gazetteer") for m in index.find(list(doc))]


def _named_entities(doc: Doc) -> list[_Candidate]:
    gazetteer = load_gazetteer()
    out = []
    for span in _merged_org_spans(doc):
        words = [t.text for t in span if not t.is_punct]
        if not words or is_plural_head(words) or (len(words) == 1 and words[0].islower()):
            continue
        tokens = list(span)
        if any(
            m.start == 0 and m.end == len(tokens)
            for index in (gazetteer.regions, gazetteer.countries, gazetteer.trusted_cities)
            for m in index.find(tokens)
        ):
            continue
        out.append(_Candidate(span, " ".join(nominative_phrase(words)), "ner"))
    return out


def _merged_org_spans(doc: Doc) -> list[Span]:
    """ORG spans, each extended over a directly following genitive ORG/LOC span:
    'Министерство внутренних дел' + 'Республики Таджикистан'."""
    ents = list(doc.ents)
    spans = []
    for position, ent in enumerate(ents):
        if ent.label_ != "ORG":
            continue
        end = ent.end
        for follower in ents[position + 1 :]:
            if follower.start != end or follower.label_ not in ("ORG", "LOC") or "Gen" not in follower[0].morph.get("Case"):
                break
            end = follower.end
        spans.append(doc[ent.start : end])
    return spans


def _acronym_definitions(doc: Doc, candidates: list[_Candidate]) -> dict[tuple[str, ...], str]:
    """'<full name> (ACRONYM)' -> {('ACRONYM',): canonical of the full name}."""
    ends = {c.span.end: c for c in sorted(candidates, key=lambda c: c.span.start - c.span.end)}
    definitions: dict[tuple[str, ...], str] = {}
    for open_index, token in enumerate(doc):
        if token.text != "(":
            continue
        words = _bracketed_acronym(doc, open_index)
        if words is None:
            continue
        canonical = _by_initials(doc, open_index, "".join(words))
        if canonical is None and open_index in ends:
            canonical = ends[open_index].canonical
        if canonical is not None:
            definitions.setdefault(words, canonical)
    return definitions


def _bracketed_acronym(doc: Doc, open_index: int) -> tuple[str, ...] | None:
    words = []
    for token in doc[open_index + 1 : open_index + 5]:
        if token.text == ")":
            return tuple(words) if words else None
        if not _ACRONYM.fullmatch(token.text):
            return None
        words.append(token.text)
    return None


def _by_initials(doc: Doc, open_index: int, letters: str) -> str | None:
    """The shortest run of words before '(' whose content-word initials spell the acronym."""
    words: list[str] = []
    for token in reversed(doc[max(0, open_index - _MAX_NAME_WORDS * 2) : open_index]):
        if token.is_space or token.is_punct:
            break
        words.insert(0, token.text)
        content = [w for w in words if w.lower() not in _FUNCTION_WORDS]
        if "".join(w[0] for w in content).upper() == letters.upper():
            return " ".join(nominative_phrase(words))
    return None


def _acronym_uses(doc: Doc, definitions: dict[tuple[str, ...], str]) -> list[_Candidate]:
    out = []
    for words, canonical in definitions.items():
        for index in range(len(doc) - len(words) + 1):
            if tuple(token_key(t) for t in doc[index : index + len(words)]) == words:
                out.append(_Candidate(doc[index : index + len(words)], canonical, "acronym"))
    return out


def _mention(candidate: _Candidate) -> Mention:
    span = candidate.span
    return Mention(
        field="organisation",
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        method=candidate.method,
        value=candidate.canonical,
    )
