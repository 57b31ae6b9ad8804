"""Participant counts: '20 представителей', 'около сорока представителей', with the qualifier.

A count is a participant count only near a participation cue ('принимают участие') and not
nearer to a decoy cue ('обучено более 3000 пограничников'), never in a sentence that gives a
tally (a running total: 'с 2009 года ... прошли более 1 500'; a flow: 'через пункт проходят до
8 000 человек'), and never inside a quotation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..lang import Morphology
from ..nlp.rules import REGEXES, checked
from ..nlp.views import doc_text
from ..records import Mention
from ..text.ranges import inside_any, quoted_ranges
from .context import Context
from .numbers import quantity_mention
from .resources import Resources

_PARTICIPANT_RULES = {
    "window_before": int,
    "window_after": int,
    "participation_cues": list,
    "decoy_cues": list,
    "self_cued_lemmas": list,
    "tally_cues": REGEXES,
    "name_runs": bool,
    "name_run_connectors": list,
    "window_skip_words": list,
    "audience_words": list,
    "count_joiners": list,
    "subset_words": list,
    "max_words_between_counts": int,
}
_WORD_OR_COMMA = re.compile(r"\w+|,")


class ParticipantsExtractor:
    name, fields = "participants", ("participants",)

    def __init__(self, resources: Resources) -> None:
        self.rules, self.numbers = resources.rules["participants"], resources.numbers
        checked("participants", _PARTICIPANT_RULES, resources.language)
        self.morphology = resources.parser.morphology

    def find(self, doc: Doc, context: Context) -> list[Mention]:
        text = doc_text(doc)
        quotes = quoted_ranges(text)
        data = self.rules.data
        mentions = []
        matches = self.rules.find_by_rule(doc)
        counts = [
            span
            for span in _with_ellipses(matches["participants"], matches.get("elliptic", []), text, data)
            if not inside_any(span.start_char, span.end_char, quotes) and not _is_tally(span, text, data["tally_cues"])
        ]
        for span in _participating(counts, text, data, self.morphology):
            qualifier, tokens = self.numbers.split_qualifier(list(span))
            words = [t for t in tokens[:-1] if t.text[:1].isdigit() or self.numbers.word_value(t.text) is not None]
            value = self.numbers.value(words)
            if value is not None and value == value.to_integral_value() and value > 0:
                mentions.append(quantity_mention("participants", span, qualifier, tokens, value))
        return mentions


def _participating(counts: list[Span], text: str, data: dict, morphology: Morphology) -> list[Span]:
    """The counts near a participation cue, and those joined to one ('9 офицеров пограничной
    полиции Афганистана и 5 офицеров ... закончили курс': the cue is beyond the first's window)."""
    kept: list[Span] = []
    next_kept = False
    for index in range(len(counts) - 1, -1, -1):  # from the end: a chain joins back to its cue
        span = counts[index]
        joined = next_kept and _joined(text[span.end_char : counts[index + 1].start_char], data)
        next_kept = joined or _is_participation(span, data, morphology)
        if next_kept:
            kept.append(span)
    return kept[::-1]


def _with_ellipses(counts: list[Span], ellipses: list[Span], text: str, data: dict) -> list[Span]:
    """The counts and the elliptic counts that leave their noun to the next count ('12 туркменских'
    in '12 туркменских и 8 афганских таможенников'): a joiner alone between them."""
    kept = list(counts)
    for span in reversed(ellipses):
        following = min((c for c in kept if c.start >= span.end), key=lambda c: c.start, default=None)
        overlapped = any(c.start < span.end and span.start < c.end for c in counts)
        if (
            following is not None
            and not overlapped
            and _names_noun_of(text[span.end_char : following.start_char], data)
        ):
            kept.append(span)
    return sorted(kept, key=lambda span: span.start)


def _names_noun_of(between: str, data: dict) -> bool:
    words = _WORD_OR_COMMA.findall(between.lower())
    return len(words) == 1 and words[0] in data["count_joiners"]


def coordinated_totals(mentions: list[Mention], text: str, data: dict) -> list[Mention]:
    """An event's counts: '9 офицеров пограничной службы и 5 офицеров таможни' are one audience,
    counted by their total (14), in one mention over both; '20 человек, в том числе 5 женщин'
    stays two. The mentions table keeps each count as written."""
    out: list[Mention] = []
    for mention in mentions:
        if out and _joined(text[out[-1].end : mention.start], data):
            first = out[-1]
            total = first.value_num + mention.value_num
            out[-1] = replace(
                first,
                text=text[first.start : mention.end],
                end=mention.end,
                value=format(total.normalize(), "f"),
                value_num=total,
                qualifier=first.qualifier or mention.qualifier,
            )
        else:
            out.append(mention)
    return out


def _joined(between: str, data: dict) -> bool:
    """Words between two counts that join them: 'пограничной службы и', not ', в том числе'."""
    words = _WORD_OR_COMMA.findall(between.lower())
    return (
        0 < len(words) <= data["max_words_between_counts"]
        and words[-1] in data["count_joiners"]
        and not any(word in data["subset_words"] or word.isdigit() for word in words)
        and not any(mark in between for mark in ".;:\n")
    )


def _is_tally(span: Span, text: str, cues: list[str]) -> bool:
    before = text[span.sent.start_char : span.start_char]
    return any(re.search(cue, before, re.IGNORECASE) for cue in cues)


def _is_participation(span: Span, data: dict, morphology: Morphology) -> bool:
    """A participation cue is near, and nearer than any decoy cue; a named entity counts as one word."""
    if span[-1].lemma_ in data["self_cued_lemmas"] or _is_audience(span, data, morphology):
        return True
    nearest: dict[str, int] = {}
    runs, skipped = _name_run_tokens(span.sent, data), frozenset(data["window_skip_words"])
    for direction, limit in ((-1, data["window_before"]), (1, data["window_after"])):
        words = (t for t in _words_from(span, direction, runs) if t.lower_ not in skipped)
        for distance, token in enumerate(words, start=1):
            if distance > limit:
                break
            for kind in _cue_kinds(token, data, morphology):
                nearest.setdefault(kind, distance)
                nearest[kind] = min(nearest[kind], distance)
    participation, decoy = nearest.get("participation_cues"), nearest.get("decoy_cues")
    return participation is not None and (decoy is None or participation < decoy)


def _cue_kinds(token: Token, data: dict, morphology: Morphology) -> list[str]:
    """Which of the participation and decoy cues the word is, by any of its lemmas ('пришли':
    прислать or прийти)."""
    lemmas = morphology.lemma_candidates(token.text) | {token.lemma_}
    return [kind for kind in ("participation_cues", "decoy_cues") if not lemmas.isdisjoint(data[kind])]


def _is_audience(span: Span, data: dict, morphology: Morphology) -> bool:
    """'conducted a training course ... at the premises of the Ak-Zhol crossing point ... for ten
    border officers': the count an audience word introduces, in a sentence whose event is named
    before it, however far, with no decoy cue in between."""
    before = span.doc[span.sent.start : span.start]
    if not len(before) or before[-1].lower_ not in data["audience_words"]:
        return False
    for token in reversed(before):
        kinds = _cue_kinds(token, data, morphology)
        if "decoy_cues" in kinds:
            return False
        if "participation_cues" in kinds:
            return True
    return False


def _name_run_tokens(sentence: Span, data: dict) -> set[int]:
    """Indexes of the tokens that continue a run of capitalised words ('Service', 'of', 'the',
    'State' in 'Border Service of the State Committee'), when the language asks for name runs."""
    if not data["name_runs"]:
        return set()
    connectors, inside, pending, in_run = frozenset(data["name_run_connectors"]), set(), [], False
    for token in sentence:
        if token.is_space:
            continue
        if token.text[:1].isupper() and token.is_alpha:
            if in_run:
                inside.update([*pending, token.i])
            pending, in_run = [], True
        elif in_run and token.lower_ in connectors:
            pending.append(token.i)
        else:
            pending, in_run = [], False
    return inside


def _words_from(span: Span, direction: int, run_tokens: set[int]) -> Iterator[Token]:
    """Words of the sentence walking away from the span, each named entity (or name run) as its
    first token."""
    sentence = span.sent
    index = span.start - 1 if direction < 0 else span.end
    while sentence.start <= index < sentence.end:
        token = span.doc[index]
        if token.ent_iob_ == "I" or index in run_tokens:
            index += direction
            continue
        if not (token.is_space or token.is_punct):
            yield token
        index += direction
