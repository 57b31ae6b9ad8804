"""Participant counts: '20 представителей', 'около сорока представителей', with the qualifier.

A count is a participant count only near a participation cue ('принимают участие') and not
nearer to a decoy cue ('обучено более 3000 пограничников'), and never inside a quotation.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .numbers import split_qualifier, tokens_value
from .records import Mention
from .rules import load_rules
from .text_ranges import inside_any, quoted_ranges


def extract_participants(doc: Doc) -> list[Mention]:
    rules = load_rules("participants", doc.vocab)
    quotes = quoted_ranges(doc.text)
    mentions = []
    for span in rules.find(doc):
        if inside_any(span.start_char, span.end_char, quotes) or not _is_participation(span, rules.data):
            continue
        qualifier, tokens = split_qualifier(list(span))
        value = tokens_value([t for t in tokens[:-1] if t.pos_ not in ("ADJ", "DET")])
        if value is None or value != value.to_integral_value() or value <= 0:
            continue
        mentions.append(
            Mention(
                field="participants",
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                method="rule",
                value=str(int(value)),
                value_num=value,
                qualifier=qualifier,
            )
        )
    return mentions


def _is_participation(span: Span, data: dict) -> bool:
    if span[-1].lemma_ == "участник":
        return True
    sentence = span.sent
    before = range(max(sentence.start, span.start - data["window_before"]), span.start)
    after = range(span.end, min(sentence.end, span.end + data["window_after"]))
    distances = {}
    for index in [*before, *after]:
        distance = span.start - index if index < span.start else index - span.end + 1
        for kind in ("participation_cues", "decoy_cues"):
            if span.doc[index].lemma_ in data[kind]:
                distances[kind] = min(distance, distances.get(kind, distance))
    participation = distances.get("participation_cues")
    decoy = distances.get("decoy_cues")
    return participation is not None and (decoy is None or participation < decoy)
