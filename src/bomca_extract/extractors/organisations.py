"""Organisations under one canonical name: known names and acronyms from lang/ru/organisations.tsv
(Russian and English names, one id), the language's own names (in Russian natasha's ORG spans
brought to the nominative and institution nouns with their owner; in English capitalised names
with an institution head), and acronyms defined in brackets ('... политики (МЦРМП)', '... (ICMPD)')
linked to their full name so bare uses get the same value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..lang.ru.morphology import (
    first_normal_form,
    fold,
    head_lemma,
    is_acronym,
    is_known_word,
    is_plural_head,
    nominative_phrase,
)
from ..nlp.gazetteer import Gazetteer, PhraseMatch, word_key
from ..nlp.rules import checked
from ..nlp.views import doc_text, token_lemmas, token_texts
from ..records import Mention
from ..text.ranges import cut_at_the_end, inside_any, quoted_ranges
from .context import Context
from .english_names import english_names
from .resources import Resources

_ACRONYM = re.compile(r"[A-ZА-ЯЁ]{2,}")
_CLOSING_QUOTES = frozenset('»"”')
_OPENING_QUOTES = frozenset('«"“„')
_PAIRED_OPENING, _PAIRED_CLOSING = frozenset("«“„"), frozenset("»”")  # quotes that say which side they are
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’.&-]*")
_MAX_NAME_WORDS = 12


@dataclass(frozen=True)
class _Candidate:
    span: Span
    canonical: str
    method: str


_LISTS = [
    "attachment_heads",
    "attachment_only",
    "back_reference_heads",
    "channel_lemmas",
    "complement_prepositions",
    "domain_list_heads",
    "event_heads",
    "facility_lemmas",
    "function_words",
    "generic_heads",
    "generic_when_plural",
    "institution_heads",
    "locating_words",
    "nationality_adjectives",
    "nationality_heads",
    "non_organisations",
    "owned_unit_heads",
    "person_titles",
    "person_owned_heads",
    "platforms",
    "quoted_name_owners",
    "subordinating_words",
    "unit_heads",
]
_NUMBERS = ("max_complement_words", "max_words_before", "quoted_name_max_words")
_ORGANISATION_RULES = {
    **dict.fromkeys(_LISTS, list),
    **dict.fromkeys(_NUMBERS, int),
    "acronym_heads": dict,
    "headless_acronyms_are_concepts": bool,
}
_ENGLISH_RULES = {
    **dict.fromkeys(("institution_heads", "connectors", "connector_phrases", "leading_words"), list),
    **dict.fromkeys(
        ("function_words", "platforms", "channel_lemmas", "attachment_heads", "attachment_connectors", "stop_words"),
        list,
    ),
    **dict.fromkeys(("max_words", "min_words"), int),
    "headless_acronyms_are_concepts": bool,
}
Namer = Callable[[Doc, dict, Gazetteer], list[_Candidate]]
Referrer = Callable[[list[_Candidate], dict, Gazetteer], list[_Candidate]]


def _russian_names(doc: Doc, rules: dict, gazetteer: Gazetteer) -> list[_Candidate]:
    found = _named_entities(doc, rules, gazetteer) + _quoted_names(doc, rules) + _institutions(doc, rules, gazetteer)
    return _continued_past_acronym(doc, found + _units(doc, rules, gazetteer), rules)


def _english_names(doc: Doc, rules: dict, gazetteer: Gazetteer) -> list[_Candidate]:
    return [
        _Candidate(span, value, "rule")
        for span, value in english_names(doc, rules)
        if not _is_place([t.text for t in span], gazetteer)
    ]


def _as_written(candidates: list[_Candidate], rules: dict, gazetteer: Gazetteer) -> list[_Candidate]:
    return candidates


def _short_references(candidates: list[_Candidate], rules: dict, gazetteer: Gazetteer) -> list[_Candidate]:
    """A name the grammar found that a fuller name of the document contains takes the fuller name's
    value: 'Border Service' and 'Kyrgyz Border Service' after 'Border Service of the State Committee
    for National Security of the Kyrgyz Republic' (the same head noun, 'Service', and no word of its
    own), 'State Customs Committee' after '... Institute of the State Customs Committee of the
    Republic of Uzbekistan' (the owner named inside the fuller name, up to its end)."""
    function_words, heads = frozenset(rules["function_words"]), frozenset(rules["institution_heads"])
    resolved: dict[int, _Candidate] = {}  # by span start, the longest first: a fuller name is resolved before
    for candidate in sorted(candidates, key=lambda c: -len(c.span)):
        fuller = [resolved[c.span.start] for c in candidates if len(c.span) > len(candidate.span)]
        fuller.sort(key=lambda c: (c.span.start > candidate.span.start, abs(c.span.start - candidate.span.start)))
        value = None
        if candidate.method == "rule":
            value = next((v for c in fuller if (v := _referred(candidate, c, function_words, heads, gazetteer))), None)
        resolved[candidate.span.start] = candidate if value is None else _Candidate(candidate.span, value, "reference")
    return [resolved[c.span.start] for c in candidates]


def _referred(
    short: _Candidate, full: _Candidate, function_words: frozenset[str], heads: frozenset[str], gazetteer: Gazetteer
) -> str | None:
    words, full_words = [t.text for t in short.span], [t.text for t in full.span]
    for position in range(1, len(full_words) - len(words) + 1):
        if full_words[position : position + len(words)] == words and full_words[position - 1] in function_words:
            owner = full.span[position:]
            known = [m for m in gazetteer.organisations.find([t.text for t in owner]) if m.end - m.start == len(owner)]
            return known[0].payload if known else owner.text
    content = {w for w in words if w not in function_words}
    if _head(words, function_words, heads) == _head(full_words, function_words, heads) and content < set(full_words):
        return full.canonical
    return None


def _head(words: list[str], function_words: frozenset[str], heads: frozenset[str]) -> str | None:
    """The last institution noun before the first function word: 'Service' in 'Border Service of ...'."""
    stop = next((i for i, w in enumerate(words) if w in function_words), len(words))
    return next((w for w in reversed(words[:stop]) if w in heads), None)


# per language: its namer, its rule file's spec, its referrer, and the lists of that file looked up as sets
_NAMERS: dict[str, tuple[Namer, dict, Referrer, tuple[str, ...]]] = {
    "ru": (_russian_names, _ORGANISATION_RULES, _as_written, tuple(_LISTS)),
    "en": (_english_names, _ENGLISH_RULES, _short_references, ()),
}


class OrganisationsExtractor:
    name, fields = "organisations", ("organisation",)

    def __init__(self, resources: Resources) -> None:
        self.names, spec, self.references, lookups = _NAMERS[resources.language]
        self.gazetteer = resources.gazetteer
        self.rules = _as_lookups(checked("organisation_rules", spec, resources.language), lookups)

    def find(self, doc: Doc, context: Context) -> list[Mention]:
        """No organisation in `context.no_names` (page furniture, a dateline's agency credit)."""
        candidates = _organisations(doc, self.rules, self.gazetteer, context.no_names, self.names)
        resolved = self.references(candidates, self.rules, self.gazetteer)
        return [_mention(candidate, self.gazetteer.organisation_ids) for candidate in resolved]


def _as_lookups(rules: dict, keys: tuple[str, ...]) -> dict:
    """The word lists looked up at every token, as sets; the non-organisations folded, as the words they meet."""
    sets = {key: frozenset(map(fold, rules[key]) if key == "non_organisations" else rules[key]) for key in keys}
    return {**rules, **sets}


def _organisations(
    doc: Doc, rules: dict, gazetteer: Gazetteer, outside: tuple[tuple[int, int], ...], names: Namer
) -> list[_Candidate]:
    known = _known(doc, gazetteer)
    named = names(doc, rules, gazetteer)
    function_words = frozenset(rules["function_words"])
    heads = frozenset(rules["institution_heads"]) if rules["headless_acronyms_are_concepts"] else None
    concepts = _concept_acronyms(doc, function_words, heads)
    named = [c for c in named if c.span.text not in concepts]
    acronyms = {
        k: v for k, v in _acronym_definitions(doc, known + named, function_words).items() if " ".join(k) not in concepts
    }
    candidates = known + _acronym_uses(doc, acronyms) + named
    candidates += _translations(doc, candidates)
    candidates = [c for c in candidates if not _overlaps_any(c.span, outside) and not _is_platform(c.span, rules)]
    kept = _kept(candidates)
    return _kept(kept + [c for c in _repeats(doc, kept) if not _overlaps_any(c.span, outside)])


def _continued_past_acronym(doc: Doc, candidates: list[_Candidate], rules: dict) -> list[_Candidate]:
    """'Государственной пограничной службы (ГПС) Кыргызстана': a name that goes on after its
    bracketed acronym keeps the rest in its canonical name ('Государственная пограничная служба
    Кыргызстана'), and so does the acronym; the mention stays the words before the bracket."""
    starts = {ent.start: ent for ent in doc.ents}
    out = []
    for candidate in candidates:
        span = candidate.span
        acronym = _bracketed_acronym(doc, span.end) if span.end < len(doc) and doc[span.end].text == "(" else None
        close = span.end + len(acronym) + 1 if acronym else None
        if close is not None and (end := _grown_end(doc, doc[span.start : close + 1], starts, rules)) > close + 1:
            candidate = replace(candidate, canonical=f"{candidate.canonical} {doc[close + 1 : end].text}")
        out.append(candidate)
    return out


def _kept(candidates: list[_Candidate]) -> list[_Candidate]:
    """The longest of overlapping candidates, in text order; on a tie, the earlier kind wins."""
    by_span = {(c.span.start, c.span.end): c for c in reversed(candidates)}
    kept = filter_spans([c.span for c in candidates])
    return [by_span[(span.start, span.end)] for span in sorted(kept, key=lambda s: s.start)]


def _repeats(doc: Doc, names: list[_Candidate]) -> list[_Candidate]:
    """A name found once is the same organisation wherever the document writes it again the same way
    ('Голос Америки: ...' before each question of an interview), where NER missed it."""
    texts = token_texts(doc)
    positions: dict[str, list[int]] = {}
    for index, text in enumerate(texts):
        positions.setdefault(text, []).append(index)
    out = []
    for name in names:
        words = texts[name.span.start : name.span.end]
        if not words[0][:1].isupper():
            continue
        for start in positions[words[0]]:
            if start != name.span.start and texts[start : start + len(words)] == words:
                out.append(_Candidate(doc[start : start + len(words)], name.canonical, "reference"))
    return out


def _translations(doc: Doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """'Комитет защиты журналистов (КЗЖ) (Committee to Protect Journalists)': a name in Latin script
    in brackets right after an organisation, or after its bracketed acronym, is that organisation."""
    ends = {c.span.end: c for c in candidates}
    out = []
    for open_index, text in enumerate(token_texts(doc)):
        close = _latin_name_end(doc, open_index) if text == "(" else None
        if close is None:
            continue
        if (named := _named_before(doc, open_index, ends)) is not None:
            out.append(_Candidate(doc[open_index + 1 : close], named.canonical, "reference"))
    return out


def _named_before(doc: Doc, open_index: int, ends: dict[int, _Candidate]) -> _Candidate | None:
    """The organisation that ends right before a bracket, or before its closing quote, or before
    its own bracketed acronym."""
    index = open_index - 1 if open_index and doc[open_index - 1].text in _CLOSING_QUOTES else open_index
    if index in ends:
        return ends[index]
    if index >= 3 and doc[index - 1].text == ")" and doc[index - 3].text == "(":
        return ends.get(index - 1)
    return None


def _latin_name_end(doc: Doc, open_index: int) -> int | None:
    """The index of the ')' closing a bracket of Latin-script words, the first capitalised, that is
    not an acronym ('(OSCE)' is one, and defines it instead)."""
    for words, token in enumerate(doc[open_index + 1 : open_index + 2 + _MAX_NAME_WORDS]):
        if token.text == ")":
            first = doc[open_index + 1].text
            return token.i if words and first[0].isupper() and not (words == 1 and first.isupper()) else None
        if not _LATIN_WORD.fullmatch(token.text):
            return None
    return None


def _known(doc: Doc, gazetteer: Gazetteer) -> list[_Candidate]:
    index = gazetteer.organisations
    return [_Candidate(doc[m.start : m.end], m.payload, "gazetteer") for m in index.find(token_texts(doc))]


def _named_entities(doc: Doc, rules: dict, gazetteer: Gazetteer) -> list[_Candidate]:
    text = doc_text(doc)
    facilities = _quoted_facilities(text, rules)
    quoted = set(quoted_ranges(text, max_words=rules["quoted_name_max_words"]))
    out = []
    for span in (_known_before_complement(span, gazetteer, rules) for span in _merged_org_spans(doc, rules)):
        tokens = [t for t in span if not t.is_punct]
        words, pos = [t.text for t in tokens], [t.pos_ for t in tokens]
        if (
            not words
            or inside_any(span.start_char, span.end_char, facilities)
            or (_is_generic(words, pos, rules) and not _is_quoted(span, quoted))
            or head_lemma(words, pos) in rules["event_heads"]
            or (len(words) == 1 and words[0].islower())
            or (_modifies_next_noun(span) and not _is_quoted(span, quoted))
            or _is_place([t.text for t in span], gazetteer)
            or cut_at_the_end(span.end_char, text)
        ):
            continue
        canonical = span.text if _is_named_apposition(span, quoted, rules) else _canonical(span)
        out.append(_Candidate(span, _written_out(canonical, rules["acronym_heads"]), "ner"))
    return out


def _written_out(name: str, acronym_heads: dict[str, str]) -> str:
    """'МИД Туркменистана' -> 'Министерство иностранных дел Туркменистана'; a bare 'МИД' stays."""
    head, _, rest = name.partition(" ")
    return f"{acronym_heads[head]} {rest}" if rest and head in acronym_heads else name


def _known_before_complement(span: Span, gazetteer: Gazetteer, rules: dict) -> Span:
    """'Европейской Комиссии' + 'по предотвращению распространения наркотиков ...': a known name is
    whole, and a prepositional group NER ran on after it belongs to a word before it ('программ')."""
    words = token_texts(span.doc)[span.start : span.end]
    known = next((m for m in gazetteer.organisations.find(words) if m.start == 0), None)
    if known is not None and known.end < len(span) and span[known.end].lower_ in rules["complement_prepositions"]:
        return span[: known.end]
    return span


def _modifies_next_noun(span: Span) -> bool:
    """A lone adjective NER cut from the noun it agrees with ('с Региональным представителем',
    'Воскресное заседание'): a word of a noun phrase, not a name ('Худрук Большого завершил' is one)."""
    if len(span) != 1 or span[0].pos_ != "ADJ" or is_acronym(span[0].text) or span.end >= len(span.doc):
        return False
    after = span.doc[span.end]
    case = span[0].morph.get("Case")
    return after.pos_ == "NOUN" and bool(case) and case == after.morph.get("Case")


def _canonical(span: Span, head: int | None = None) -> str:
    """The head noun phrase in the nominative, the rest as written, commas kept
    ('Министерства труда, миграции и занятости' -> 'Министерство труда, миграции и занятости').
    A `head` token known from the rule is the noun even where it was tagged otherwise ('сборной')."""
    words = [t for t in span if not t.is_punct]
    pos = ["NOUN" if t.i == head else t.pos_ for t in words]
    inflected = iter(nominative_phrase([t.text for t in words], pos))
    return "".join((t.text if t.is_punct else next(inflected)) + t.whitespace_ for t in span).strip()


def _overlaps_any(span: Span, ranges: list[tuple[int, int]]) -> bool:
    return any(a < span.end_char and span.start_char < b for a, b in ranges)


def _is_platform(span: Span, rules: dict) -> bool:
    """'на своей странице в Facebook', 'Поделиться: Facebook': the platform as a channel."""
    if span.text not in rules["platforms"]:
        return False
    before = span.doc[max(0, span.start - 4) : span.start]
    return any(t.lemma_ in rules["channel_lemmas"] for t in before)


def _is_quoted(span: Span, quoted: set[tuple[int, int]]) -> bool:
    """«Исламское государство»: a quoted name is a name whatever its head noun."""
    return (span.start_char - 1, span.end_char + 1) in quoted


def _is_named_apposition(span: Span, quoted: set[tuple[int, int]], rules: dict) -> bool:
    """'учебный центр «Халкаер»': a quoted word the dictionary does not know, after the noun it names,
    keeps its form: the ending the tagger guesses a case from is the name's own ('Халкаеры' is no
    nominative). A known word declines as any other ('дочерняя компания «Ростелекома»')."""
    before = span.start - 2
    if len(span) != 1 or not _is_quoted(span, quoted) or before < 0 or not span.doc[before].is_lower:
        return False
    owner = span.doc[before].lemma_
    nouns = ("institution_heads", "generic_when_plural", "quoted_name_owners", "facility_lemmas")
    return any(owner in rules[key] for key in nouns) and not is_known_word(span.text)


def _quoted_names(doc: Doc, rules: dict) -> list[_Candidate]:
    """A quoted name after an organisation noun ('банк «Россия»', 'группировки «Исламское
    государство»'), even when it reads as a place or a generic noun."""
    out = []
    for a, b in quoted_ranges(doc_text(doc), max_words=rules["quoted_name_max_words"]):
        span = doc.char_span(a + 1, b - 1)
        if span is None or not span.text[:1].isupper() or span.start < 2:
            continue
        if first_normal_form(doc[span.start - 2].text) in rules["quoted_name_owners"]:
            out.append(_Candidate(span, span.text, "rule"))
    return out


def _institutions(doc: Doc, rules: dict, gazetteer: Gazetteer) -> list[_Candidate]:
    """'посольство Японии', 'министерство финансов Австрии', 'пограничные войска Таджикистана',
    'делегация ЕС в РТ', 'японское правительство', 'пресс-служба Кадырова': an institution noun with
    what it belongs to."""
    names, organisations = _name_ends(doc, gazetteer), _organisation_ends(doc, gazetteer)
    names_or_persons = {**{ent.start: ent.end for ent in doc.ents if ent.label_ == "PER"}, **names}
    out = []
    for index, lemma in enumerate(token_lemmas(doc)):
        if lemma not in rules["institution_heads"] or _is_generic_plural(token := doc[index], rules):
            continue
        start = _agreeing_modifiers_start(doc, token.i)
        owners = names_or_persons if token.lemma_ in rules["person_owned_heads"] else names
        end = _owner_end(doc, token.i + 1, owners, rules)
        if end is None and token.lemma_ in rules["attachment_heads"] and token.i + 1 in organisations:
            end = organisations[token.i + 1] if _attachment_end(doc, organisations[token.i + 1], names) else None
        national = doc[start].lemma_ in rules["nationality_adjectives"] and token.lemma_ in rules["nationality_heads"]
        if end is None and national:
            end = _complements_end(doc, token.i + 1, rules, prepositions=False)
        if end is None:
            continue
        attached = _attachment_end(doc, end, names)
        if token.lemma_ in rules["attachment_only"] and attached is None:
            continue
        span = doc[start : attached or end]
        canonical = _canonical(span, head=token.i)
        out.append(_Candidate(span, canonical[:1].upper() + canonical[1:], "rule"))
    return out


def _units(doc: Doc, rules: dict, gazetteer: Gazetteer) -> list[_Candidate]:
    """A unit noun with the organisation it belongs to, which NER found alone: 'служба по борьбе
    с незаконным оборотом наркотиков Министерства внутренних дел', 'комитета Госдумы'. Not many
    units ('служб ГКНБ'), nor a group of people ('миссия экспертов МЦРМП')."""
    heads = [i for i, lemma in enumerate(token_lemmas(doc)) if lemma in rules["owned_unit_heads"]]
    if not heads:  # most texts: no need for the names below
        return []
    bodies = {span.start: span.end for span in _merged_org_spans(doc, rules)}
    bodies = _with_longest(bodies, gazetteer.organisations.find(token_texts(doc), capitalised=True))
    out = []
    for index in heads:
        if _is_generic_plural(doc[index], rules):
            continue
        owner = next((p for p in range(index + 1, _complements_end(doc, index + 1, rules) + 1) if p in bodies), None)
        if owner is None or not _depends_on(doc[index:owner], doc[owner : bodies[owner]], rules):
            continue
        if any(token.lemma_ in rules["generic_heads"] for token in doc[index + 1 : owner]):
            continue
        span = doc[_agreeing_modifiers_start(doc, index) : bodies[owner]]
        canonical = _canonical(span, head=index)
        out.append(_Candidate(span, canonical[:1].upper() + canonical[1:], "rule"))
    return out


def _is_generic_plural(token, rules: dict) -> bool:
    """'министерств', 'пограничных служб': many institutions, not one ('войска' is one)."""
    return "Plur" in token.morph.get("Number") and token.lemma_ in rules["generic_when_plural"]


def _agreeing_modifiers_start(doc: Doc, head: int) -> int:
    """Adjectives before the head in its case, coordinated ones too ('Ветеринарной и фитосанитарной').
    A name starts at a capital: a lowercase word before one stays out ('военнослужащих Пограничных
    войск', 'северокорейского Комитета')."""
    start = head
    case = doc[head].morph.get("Case")
    while start > 0 and not (doc[start].is_title and doc[start - 1].is_lower):
        agreeing = doc[start - 1].pos_ == "ADJ" and doc[start - 1].morph.get("Case") == case
        coordinated = start < head and start > 1 and doc[start - 1].lower_ == "и" and doc[start - 2].pos_ == "ADJ"
        if agreeing or coordinated:
            start -= 1
        else:
            return start
    return start


def _complements_end(doc: Doc, index: int, rules: dict, *, prepositions: bool = True) -> int:
    """After the head: lowercase genitive words ('финансов', 'иностранных дел', 'города'), joined
    by 'и' ('занятости и сокращения бедности'), and prepositional groups ('по борьбе с
    наркотиками'), at most max_complement_words. Without an owner to close the name, a
    prepositional group may belong to another word ('инициатив правительства по стимулированию'):
    `prepositions=False` stops at one."""
    end = index
    genitive_next = True  # the first word, and the first after 'и', is a genitive; after a preposition any case
    for position in range(index, min(len(doc), index + rules["max_complement_words"])):
        token = doc[position]
        if not token.is_lower:
            break
        if (prepositions and token.lower_ in rules["complement_prepositions"]) or (token.lower_ == "и" and end > index):
            genitive_next = token.lower_ == "и"
            continue
        if token.pos_ not in ("NOUN", "ADJ") or (genitive_next and "Gen" not in token.morph.get("Case")):
            break
        end, genitive_next = position + 1, False
    return end


def _owner_end(doc: Doc, index: int, names: dict[int, int], rules: dict) -> int | None:
    """The end of the name the institution belongs to, after its complements: 'Японии',
    'Австрии' in 'министерство финансов Австрии', 'Бишкек' in 'департамент ... города Бишкек'."""
    for position in range(index, _complements_end(doc, index, rules) + 1):
        if position in names and _owner_case(doc, position):
            return names[position]
    return None


def _owner_case(doc: Doc, position: int) -> bool:
    """Genitive, indeclinable, or in apposition to 'города'."""
    case = doc[position].morph.get("Case")
    return not case or "Gen" in case or (position > 0 and doc[position - 1].lemma_ == "город")


def _attachment_end(doc: Doc, end: int, names: dict[int, int]) -> int | None:
    """'в РТ', 'в Токио' after the institution's name."""
    if end + 1 < len(doc) and doc[end].lower_ == "в" and end + 1 in names:
        return names[end + 1]
    return None


def _name_ends(doc: Doc, gazetteer: Gazetteer) -> dict[int, int]:
    """Token index -> end of the place name starting there: a natasha LOC that is not a region,
    or a known country or city ('Японии', 'США', 'Бишкек')."""
    words = token_texts(doc)
    regions = {match.start for match in gazetteer.regions.find(words, capitalised=True)}
    ends = {ent.start: ent.end for ent in doc.ents if ent.label_ == "LOC" and ent.start not in regions}
    for index in (gazetteer.countries, gazetteer.trusted_cities):
        ends = _with_longest(ends, index.find(words, capitalised=True))
    return ends


def _organisation_ends(doc: Doc, gazetteer: Gazetteer) -> dict[int, int]:
    """Token index -> end of an organisation name starting there (natasha ORG, a known one)."""
    ends = {ent.start: ent.end for ent in doc.ents if ent.label_ == "ORG"}
    return _with_longest(ends, gazetteer.organisations.find(token_texts(doc), capitalised=True))


def _with_longest(ends: dict[int, int], matches: Iterable[PhraseMatch]) -> dict[int, int]:
    """Token index -> end of the longest name starting there, the matches added."""
    for match in matches:
        ends[match.start] = max(ends.get(match.start, 0), match.end)
    return ends


def _is_generic(words: list[str], pos: list[str], rules: dict) -> bool:
    """'делегация', or a plural institution noun ('Министерств иностранных дел'), not a named body;
    a plural proper name ('Ведомости', 'ВВС') is kept."""
    head = head_lemma(words, pos)
    if len(words) == 1 and (_is_non_organisation(words[0], rules) or head in rules["back_reference_heads"]):
        return True  # a lone institution noun refers back to a name ('Начальник Центра', 'Заседание Комитета')
    return head in rules["generic_heads"] or (is_plural_head(words, pos) and head in rules["generic_when_plural"])


def _is_non_organisation(word: str, rules: dict) -> bool:
    """'СМИ', 'Интернете': a media word, a platform or page chrome, in any case form."""
    return first_normal_form(word) in rules["non_organisations"]


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
            grown = _without_rank(doc[start : _grown_end(doc, ent, starts, rules)], rules)
            if len(grown):
                spans.append(_without_stray_quote(grown))
    return spans


def _without_rank(span: Span, rules: dict) -> Span:
    """The name without the rank NER ran into it: 'Пограничной службы' + 'генерал-майор' (before a
    person's name)."""
    end = span.end
    while end > span.start and span.doc[end - 1].lemma_ in rules["person_titles"]:
        end -= 1
    return span.doc[span.start : end]


def _without_stray_quote(span: Span) -> Span:
    """'Россия»' in 'банк «Россия» (Rossiya)': NER sometimes takes the closing quote, not the opening
    one; and 'Учебном центре «Гиссар' stops before the closing quote it opened."""
    if len(span) > 1 and span[-1].text in _CLOSING_QUOTES and not any(t.text in _OPENING_QUOTES for t in span):
        return span[:-1]
    opened = sum(t.text in _PAIRED_OPENING for t in span) > sum(t.text in _PAIRED_CLOSING for t in span)
    if opened and span.end < len(span.doc) and span.doc[span.end].text in _PAIRED_CLOSING:
        return span.doc[span.start : span.end + 1]
    return span


def _grown_end(doc: Doc, ent: Span, starts: dict[int, Span], rules: dict) -> int:
    end = ent.end
    while end < len(doc):
        follower = starts.get(end)
        owned = follower is not None and follower.label_ in ("ORG", "LOC")
        if owned and _depends_on(doc[ent.start : end], follower, rules):
            end = follower.end
        elif doc[end].lower_ in rules["subordinating_words"] and end + 1 < len(doc) and doc[end + 1].is_title:
            end += 1
            while end < len(doc) and doc[end].is_title and end not in starts:
                end += 1
            if end in starts:
                end = starts[end].end
        elif (
            doc[end].lower_ in rules["locating_words"]
            and end + 1 in starts
            and starts[end + 1].label_ == "LOC"
            and ent[0].lemma_ in rules["attachment_heads"]
        ):
            end = starts[end + 1].end
        elif (listed := _listed_domains_end(doc, end, rules)) is not None:
            end = listed
        elif (coordinated := _coordinated_adjectives_end(doc, end)) is not None:
            end = coordinated
        else:
            return end
    return end


def _coordinated_adjectives_end(doc: Doc, end: int) -> int | None:
    """A name NER cut inside its coordinated adjectives: 'Агентства по химической, биологической' +
    ', радиационной и ядерной безопасности': lowercase adjectives with the last one's ending (its
    case, which the tagger often guesses apart for '-ой'), joined by commas and a last 'и', then
    their noun."""
    last = doc[end - 1]
    if not (last.is_lower and last.pos_ == "ADJ"):
        return None
    position, joined = end, False
    while position + 1 < len(doc) and doc[position].text in (",", "и") and not joined:
        joined, adjective = doc[position].text == "и", doc[position + 1]
        if not (adjective.is_lower and adjective.pos_ == "ADJ" and adjective.text[-2:] == last.text[-2:]):
            return None
        position += 2
    noun = doc[position] if position < len(doc) else None
    return position + 1 if joined and noun is not None and noun.is_lower and noun.pos_ == "NOUN" else None


def _depends_on(name: Span, follower: Span, rules: dict) -> bool:
    """The follower is the name's genitive owner: 'Республики Таджикистан' after 'Министерство
    ...'. An acronym pymorphy3 does not know is a genitive after a unit ('Пограничная служба
    ГКНБ'), not in apposition ('федерация футбола ФИФА') or after another head ('в Роскомнадзоре РБК')."""
    genitive = "Gen" in follower[0].morph.get("Case")
    return genitive or (is_acronym(follower[0].text) and _phrase_head(name) in rules["unit_heads"])


def _listed_domains_end(doc: Doc, end: int, rules: dict) -> int | None:
    """A name NER cut at its list of domains: 'Министерство труда' + ', социального обеспечения и
    миграции', 'при Министерстве занятости' + 'и сокращения бедности'. The name's head is one of
    `domain_list_heads` with a lowercase genitive domain right after it, each item is lowercase
    words in the genitive and none is a body of its own ('Министерства обороны, полиции и
    спецслужб' lists three bodies); the list ends with 'и' and its last item."""
    head = end - 1
    while head > 0 and doc[head].is_lower:
        head -= 1
    if head == end - 1 or doc[head].lemma_ not in rules["domain_list_heads"]:
        return None
    if "Gen" not in doc[end - 1].morph.get("Case"):
        return None
    bodies = (rules["institution_heads"], rules["unit_heads"], rules["generic_heads"])
    position, joined = end, False
    while position < len(doc) and doc[position].text in (",", "и") and not joined:
        joined = doc[position].text == "и"
        item = position + 1
        while item < len(doc) and doc[item].is_lower and doc[item].pos_ in ("ADJ", "NOUN"):
            if "Gen" not in doc[item].morph.get("Case") or any(doc[item].lemma_ in heads for heads in bodies):
                return None
            item += 1
        if item == position + 1 or doc[item - 1].pos_ != "NOUN":
            return None
        position = item
    return position if joined else None


def _unit_before(doc: Doc, ent: Span, rules: dict) -> int:
    """'Пограничные войска' before 'Государственного комитета ...': extend back over a noun phrase
    (capitalised first word, a unit noun its head) that the genitive ORG depends on; not over a
    sentence's first words ('Сотрудники отдела кадров' + 'Министерства обороны')."""
    if "Gen" not in ent[0].morph.get("Case"):
        return ent.start
    start = ent.start
    for index in range(ent.start - 1, max(-1, ent.start - 1 - rules["max_words_before"]), -1):
        token = doc[index]
        if token.pos_ not in ("ADJ", "NOUN", "PROPN") or token.ent_type_:
            break
        if token.is_title and _phrase_head(doc[index : ent.start]) in rules["unit_heads"]:
            start = index
    return start


def _phrase_head(span: Span) -> str | None:
    """The lemma of the first noun: 'войско' in 'Пограничные войска', 'сотрудник' in 'Сотрудники отдела'."""
    return next((token.lemma_ for token in span if token.pos_ in ("NOUN", "PROPN")), None)


def _acronym_definitions(
    doc: Doc, candidates: list[_Candidate], function_words: frozenset[str]
) -> dict[tuple[str, ...], str]:
    """'<full name> (ACRONYM)' -> {('ACRONYM',): canonical of the full name, with what follows the
    bracket where the name goes on after it}; a lowercase phrase is a concept ('интегрированное
    управление границами (ИУГ)'), not a name."""
    by_length = sorted(candidates, key=lambda c: (c.span.start - c.span.end, c.method == "gazetteer"))
    ends = {c.span.end: c for c in by_length}  # the shortest name before the bracket, ours on a tie
    definitions: dict[tuple[str, ...], str] = {}
    for open_index, text in enumerate(token_texts(doc)):
        if text != "(":
            continue
        words = _bracketed_acronym(doc, open_index)
        if words is None:
            continue
        canonical = _by_initials(doc, open_index, "".join(words), function_words)
        before = ends.get(open_index)
        named = before.canonical if before and not is_acronym(before.span.text) else None  # 'СНГ (СКПВ)'
        if named is not None and (canonical is None or named.startswith(f"{canonical} ")):  # continued past it
            canonical = named
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


def _by_initials(doc: Doc, open_index: int, letters: str, function_words: frozenset[str]) -> str | None:
    words = _initials_run(doc, open_index, letters, function_words)
    return " ".join(nominative_phrase(words)) if words and not words[0].islower() else None


def _initials_run(doc: Doc, open_index: int, letters: str, function_words: frozenset[str]) -> list[str] | None:
    """The shortest run of words before '(' whose content-word initials spell the acronym."""
    words: list[str] = []
    for token in reversed(doc[max(0, open_index - _MAX_NAME_WORDS * 2) : open_index]):
        if token.is_space or token.is_punct:
            break
        words.insert(0, token.text)
        if _spells([w for w in words if w.lower() not in function_words], letters.upper()):
            return words
    return None


def _spells(words: list[str], letters: str) -> bool:
    """The words' initials spell `letters`, a hyphenated word giving its first letter or that of
    each part ('научно-исследовательский институт' -> НИИ, 'Северо-Западный округ' -> СЗО).

    >>> _spells(["приборно-агрегатного", "отсека"], "ПАО"), _spells(["Кыргызско-Турецкий", "университет"], "КУ")
    (True, True)
    """
    if not words:
        return not letters
    word = words[0]
    initials = {word[0].upper(), "".join(part[0] for part in word.split("-") if part).upper()}
    return any(letters.startswith(i) and _spells(words[1:], letters[len(i) :]) for i in initials)


def _concept_acronyms(doc: Doc, function_words: frozenset[str], heads: frozenset[str] | None) -> set[str]:
    """Acronyms a lowercase phrase defines ('интегрированное управление границами (ИУГ)'), or, with
    `heads`, a phrase with none of them ('Integrated Border Management (IBM)'): concepts, so no use
    of them is an organisation."""
    concepts = set()
    for open_index, text in enumerate(token_texts(doc)):
        if text == "(" and (words := _bracketed_acronym(doc, open_index)) is not None:
            run = _initials_run(doc, open_index, "".join(words), function_words)
            if run and (run[0].islower() or (heads is not None and heads.isdisjoint(run))):
                concepts.add(" ".join(words))
    return concepts


def _acronym_uses(doc: Doc, definitions: dict[tuple[str, ...], str]) -> list[_Candidate]:
    keys = [word_key(text) for text in token_texts(doc)]
    out = []
    for words, canonical in definitions.items():
        for index in range(len(keys) - len(words) + 1):
            if keys[index] == words[0] and tuple(keys[index : index + len(words)]) == words:
                out.append(_Candidate(doc[index : index + len(words)], canonical, "acronym"))
    return out


def _mention(candidate: _Candidate, ids: Mapping[str, str]) -> Mention:
    span = candidate.span
    return Mention(
        field="organisation",
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        method=candidate.method,
        value=candidate.canonical,
        entity_id=ids.get(candidate.canonical),
    )
