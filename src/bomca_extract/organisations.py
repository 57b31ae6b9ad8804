"""Organisations under one canonical name: known names and acronyms from data/organisations.tsv,
natasha's ORG spans brought to the nominative, and acronyms defined in brackets
('... политики (МЦРМП)') linked to their full name so bare uses get the same value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .gazetteer import load_gazetteer, word_key
from .morphology import first_normal_form, head_lemma, is_plural_head, nominative_phrase
from .records import Mention
from .rules import load_data
from .text_ranges import inside_any, quoted_ranges

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
    return [_Candidate(doc[m.start : m.end], m.payload, "gazetteer") for m in index.find([t.text for t in doc])]


def _named_entities(doc: Doc) -> list[_Candidate]:
    gazetteer = load_gazetteer()
    rules = load_data("organisation_rules")
    facilities = _quoted_facilities(doc.text, rules)
    out = []
    for span in _merged_org_spans(doc, rules):
        tokens = [t for t in span if not t.is_punct]
        words, pos = [t.text for t in tokens], [t.pos_ for t in tokens]
        if (
            not words
            or inside_any(span.start_char, span.end_char, facilities)
            or _is_generic(words, pos, rules)
            or (len(words) == 1 and words[0].islower())
            or _is_place([t.text for t in span], gazetteer)
        ):
            continue
        out.append(_Candidate(span, " ".join(nominative_phrase(words, pos)), "ner"))
    return out


def _is_generic(words: list[str], pos: list[str], rules: dict) -> bool:
    """'делегация', or a plural institution noun ('Министерств иностранных дел'), not a named body;
    a plural proper name ('Ведомости', 'ВВС') is kept."""
    head = head_lemma(words, pos)
    return head in rules["generic_heads"] or (is_plural_head(words, pos) and head in rules["generic_when_plural"])


def _quoted_facilities(text: str, rules: dict) -> list[tuple[int, int]]:
    """Quoted names that the text introduces with a facility noun anywhere ('пункт пропуска «Фарап»',
    'в гостинице «...»'): checkpoints and hotels, not organisations. Other quoted names stay."""
    quotes = quoted_ranges(text, max_words=rules["quoted_name_max_words"])
    introduced = {
        text[a:b]
        for a, b in quotes
        if any(
            first_normal_form(word.strip(",.")) in rules["facility_lemmas"]
            for word in text[max(0, a - 40) : a].split()[-2:]
        )
    }
    return [(a, b) for a, b in quotes if text[a:b] in introduced]


def _is_place(words: list[str], gazetteer) -> bool:
    return any(
        m.start == 0 and m.end == len(words)
        for index in (gazetteer.regions, gazetteer.countries, gazetteer.trusted_cities)
        for m in index.find(words)
    )


def _merged_org_spans(doc: Doc, rules: dict) -> list[Span]:
    """natasha's ORG spans grown to the whole nested name:
    a genitive ORG/LOC after it ('Министерство внутренних дел' + 'Республики Таджикистан'),
    'при' and what follows ('... при Правительстве Кыргызской Республики'),
    'в' + a place after a representation ('Представительство ЕС' + 'в Республике Узбекистан'),
    and a unit noun phrase before a genitive ORG ('Пограничные войска' + 'Службы ...')."""
    starts = {ent.start: ent for ent in doc.ents}
    spans = []
    for ent in doc.ents:
        if ent.label_ == "ORG":
            start = _unit_before(doc, ent, rules)
            spans.append(doc[start : _grown_end(doc, ent, starts, rules)])
    return spans


def _grown_end(doc: Doc, ent: Span, starts: dict[int, Span], rules: dict) -> int:
    end = ent.end
    while end < len(doc):
        follower = starts.get(end)
        if follower is not None and follower.label_ in ("ORG", "LOC") and "Gen" in follower[0].morph.get("Case"):
            end = follower.end
        elif doc[end].lower_ == "при" and end + 1 < len(doc) and doc[end + 1].is_title:
            end += 1
            while end < len(doc) and doc[end].is_title and end not in starts:
                end += 1
            if end in starts:
                end = starts[end].end
        elif (
            doc[end].lower_ == "в"
            and end + 1 in starts
            and starts[end + 1].label_ == "LOC"
            and ent[0].lemma_ in rules["attachment_heads"]
        ):
            end = starts[end + 1].end
        else:
            return end
    return end


def _unit_before(doc: Doc, ent: Span, rules: dict) -> int:
    """'Пограничные войска' before 'Государственного комитета ...': extend back over a noun phrase
    (capitalised first word, unit head noun) that the genitive ORG depends on."""
    if "Gen" not in ent[0].morph.get("Case"):
        return ent.start
    start = ent.start
    for index in range(ent.start - 1, max(-1, ent.start - 1 - rules["max_words_before"]), -1):
        token = doc[index]
        if token.pos_ not in ("ADJ", "NOUN", "PROPN") or token.ent_type_:
            break
        if token.is_title and any(t.lemma_ in rules["unit_heads"] for t in doc[index : ent.start]):
            start = index
    return start


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
    keys = [word_key(token.text) for token in doc]
    out = []
    for words, canonical in definitions.items():
        for index in range(len(keys) - len(words) + 1):
            if keys[index] == words[0] and tuple(keys[index : index + len(words)]) == words:
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
