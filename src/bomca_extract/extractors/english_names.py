"""Organisation names in English text, which has no NER model here: a run of capitalised words
joined by connectors ('Ministry of Labour, Social Security and Migration of the Kyrgyz Republic',
'United Nations Office on Drugs and Crime') is a name when it holds an institution head
('Ministry', 'Service', 'Office'). English writes names as they are: the value is the run as
written, without a leading 'the'.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..lang.ru.morphology import is_acronym

_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*|[A-Z]{2,}\d*")


def english_names(doc: Doc, rules: dict) -> list[tuple[Span, str]]:
    """(span, value) of every name with an institution head."""
    heads = frozenset(rules["institution_heads"])
    out = []
    for start, end in _runs(doc, rules):
        for part in _split_at_and(doc, start, end, heads):
            span = _trimmed(doc, *part, rules)
            if span is not None and any(t.text in heads for t in span):
                out.append((span, span.text))
    return out


def _is_name_word(token) -> bool:
    return bool(_NAME_WORD.fullmatch(token.text))


def _runs(doc: Doc, rules: dict) -> list[tuple[int, int]]:
    """Maximal runs of name words and the connectors between them (a comma only in a list that
    goes on to 'and': 'Labour, Social Security and Migration')."""
    connectors, stops = frozenset(rules["connectors"]), frozenset(rules["stop_words"])
    attachments, attaching = frozenset(rules["attachment_heads"]), frozenset(rules["attachment_connectors"])
    phrases = [phrase.split() for phrase in rules["connector_phrases"]]
    runs, index, n = [], 0, len(doc)
    while index < n:
        if not _is_name_word(doc[index]) or doc[index].text in stops:
            index += 1
            continue
        start = end = part_start = index
        position = index
        while position < n:
            token = doc[position]
            if token.text in stops:
                break
            if _is_name_word(token):
                end = position = position + 1
            elif _joins(doc, position, connectors):
                part_start = position + 1 if token.lower_ == "and" else part_start
                position += 1
            elif (phrase := _phrase_at(doc, position, phrases)) is not None:
                end = position = position + phrase
            elif token.lower_ in attaching and doc[end - 1].text in attachments and _is_next_name(doc, position):
                position += 1
            else:
                break
            if position - part_start > rules["max_words"] * 2:  # tokens of one name, connectors included
                break
        runs.append((start, end))
        index = max(end, index + 1)
    return runs


def _joins(doc: Doc, position: int, connectors: frozenset[str]) -> bool:
    token = doc[position]
    return token.lower_ in connectors or (token.text == "," and _list_goes_on(doc, position))


def _is_next_name(doc: Doc, position: int) -> bool:
    following = doc[position + 1 : position + 3]
    return any(_is_name_word(t) for t in following) and not following[0].is_space


def _phrase_at(doc: Doc, position: int, phrases: list[list[str]]) -> int | None:
    for phrase in phrases:
        words = [t.text for t in doc[position : position + len(phrase)]]
        if words == phrase:
            return len(phrase)
    return None


def _list_goes_on(doc: Doc, comma: int) -> bool:
    """', Social Security and Migration', ', Sport, and Tourism': capitalised words (and commas) up
    to an 'and' a few words on."""
    for token in doc[comma + 1 : comma + 6]:
        if token.lower_ == "and":
            return True
        if not (_is_name_word(token) or token.text == ","):
            return False
    return False


def _split_at_and(doc: Doc, start: int, end: int, heads: frozenset[str]) -> list[tuple[int, int]]:
    """'the Ministry of Internal Affairs and the Customs Service', 'Germany, Norway and the European
    Union', 'Embassy of Germany and CADAP': two names at 'and the', ', and' or 'and' + a lone
    acronym, or when both sides have a head and the left one is more than a word ('Police and
    Border Guard Board' is one; 'Office of Citizenship and Migration Affairs of Latvia and ...' is
    one, the right side's head being after the next 'and'); a comma
    splits only between two sides with heads ('Academy of Public Administration, National Defense
    University'; 'Ministry of Labour, Social Security and Migration' is one)."""
    for index in range(start, end):
        joiner = doc[index].lower_
        if joiner not in ("and", ","):
            continue
        stops = ("and",) if joiner == "and" else ("and", ",")
        next_join = next((i for i in range(index + 1, end) if doc[i].lower_ in stops), end)
        left, right = doc[start:index], doc[index + 1 : next_join]
        lone_acronym = len(right) == 1 and is_acronym(right[0].text)  # '... and CADAP'
        listed = doc[index - 1].text == "," and any(t.text in heads for t in right)  # not ', and Tourism'
        if joiner == "and" and (doc[index + 1].lower_ == "the" or listed or lone_acronym):
            return [(start, index), *_split_at_and(doc, index + 1, end, heads)]
        left_words = [t for t in left if _is_name_word(t)]
        if len(left_words) > 1 and any(t.text in heads for t in left) and any(t.text in heads for t in right):
            return [(start, index), *_split_at_and(doc, index + 1, end, heads)]
    return [(start, end)]


def _trimmed(doc: Doc, start: int, end: int, rules: dict) -> Span | None:
    """Without leading sentence words and titles ('Head of the ...'), without what comes before an
    'of' when no institution noun does ('Servicemen of the Border Service ...': an English name has
    its head before its first 'of'), and without connectors at either end; None when too few name
    words are left."""
    leading, connectors = frozenset(rules["leading_words"]), frozenset(rules["connectors"])
    heads = frozenset(rules["institution_heads"])
    of = next((i for i in range(start, end) if doc[i].lower_ == "of"), None)
    if of is not None and not any(t.text in heads for t in doc[start:of]):
        start = of + 1
    while start < end and (doc[start].text in leading or doc[start].lower_ in connectors or doc[start].text == ","):
        start += 1
    while end > start and (doc[end - 1].lower_ in connectors or doc[end - 1].text == ","):
        end -= 1
    words = [t for t in doc[start:end] if _is_name_word(t)]
    return doc[start:end] if len(words) >= rules["min_words"] else None
