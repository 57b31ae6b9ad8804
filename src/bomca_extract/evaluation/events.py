"""Scoring of the events table and of the amounts' roles against the gold.

A gold event matches an extracted one of its document when their days overlap (or neither has
days) and their cities agree (or either has none); each extracted event matches at most one gold
event, one of the same type first. Event precision and recall count the matches; on the matched
events the type, the count, the organisers and the participants' countries are scored by accuracy.
A gold amount is matched to an extracted one of the same value (within 0.5 %) and qualifier, and
its role, period and owner are scored by accuracy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..schema import LIST_SEPARATOR

AMOUNT_TOLERANCE = 0.005
EVENT_CHECKS = ("event_type", "event_participants", "event_organisers", "event_partners_from")
AMOUNT_CHECKS = ("amount_role", "amount_period", "amount_owner")
_EVENT_KEYS = {
    "event_type": "event_type",
    "event_participants": "participants",
    "event_organisers": "organisers",
    "event_partners_from": "partners_from",
}
_AMOUNT_KEYS = {"amount_role": "amount_role", "amount_period": "period", "amount_owner": "amount_owner"}


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0


@dataclass
class EventScores:
    matched: int = 0
    extracted: int = 0
    expected: int = 0
    checks: dict[str, Accuracy] = field(default_factory=lambda: {n: Accuracy() for n in EVENT_CHECKS + AMOUNT_CHECKS})

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    def values(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, **{n: a.value for n, a in self.checks.items()}}

    def format(self) -> str:
        lines = [f"{'events':<16}{'precision':>10}{'recall':>10}{'matched':>9}{'found':>7}{'gold':>6}"]
        lines.append(
            f"{'':<16}{self.precision:>10.3f}{self.recall:>10.3f}{self.matched:>9}{self.extracted:>7}{self.expected:>6}"
        )
        lines.append(f"{'event field':<22}{'accuracy':>10}{'of':>6}")
        lines.extend(f"{n:<22}{a.value:>10.3f}{a.total:>6}" for n, a in self.checks.items())
        return "\n".join(lines)


def score_events(scores: EventScores, doc_id: str, gold: list[dict], extracted: list[dict], misses: list[str]) -> None:
    """Match the document's gold events to its extracted rows and score the matches."""
    predicted = [_comparable_event(row) for row in extracted]
    scores.expected += len(gold)
    scores.extracted += len(predicted)
    free = list(range(len(predicted)))
    for event in gold:
        candidates = [i for i in free if _same_event(event, predicted[i])]
        candidates.sort(key=lambda i: predicted[i]["event_type"] != event["event_type"])
        if not candidates:
            misses.append(f"{doc_id}: event: missed {_describe(event)}")
            continue
        found = predicted[candidates[0]]
        free.remove(candidates[0])
        scores.matched += 1
        for check, key in _EVENT_KEYS.items():
            _check(scores.checks[check], doc_id, check, _normal(key, event.get(key)), found[key], misses)
    misses.extend(f"{doc_id}: event: spurious {_describe(predicted[i])}" for i in free)


def score_amounts(scores: EventScores, doc_id: str, gold: list[dict], extracted: list[dict], misses: list[str]) -> None:
    """The role, period and owner of every gold amount that has a matching extracted amount."""
    amounts = [m for m in extracted if m["field"] == "amount_eur"]
    for mention in (m for m in gold if m["field"] == "amount_eur" and "amount_role" in m):
        found = next((a for a in amounts if _same_amount(mention, a)), None)
        if found is None:
            continue
        for check, key in _AMOUNT_KEYS.items():
            _check(scores.checks[check], doc_id, check, mention.get(key), found.get(key), misses)


def _check(accuracy: Accuracy, doc_id: str, name: str, expected, found, misses: list[str]) -> None:
    accuracy.total += 1
    if expected == found:
        accuracy.correct += 1
    else:
        misses.append(f"{doc_id}: {name}: expected {_shown(expected)}, got {_shown(found)}")


def _shown(value) -> str:
    """A set in sorted order, so that two runs print the same misses and can be compared."""
    return repr(sorted(value)) if isinstance(value, (set, frozenset)) else repr(value)


def _comparable_event(row: dict) -> dict:
    event = dict(row)
    for key in ("organisers", "partners_from"):
        event[key] = _normal(key, row.get(key))
    for key in ("date_start", "date_end"):
        value = row.get(key)
        event[key] = value.isoformat() if isinstance(value, dt.date) else value
    participants = row.get("participants")
    event["participants"] = None if participants is None or participants != participants else int(participants)
    return event


def _normal(key: str, value):
    """Lists as sets (organisers in any order), from a gold list or a table's joined string."""
    if key not in ("organisers", "partners_from"):
        return value
    if isinstance(value, str):
        value = value.split(LIST_SEPARATOR)
    return frozenset(value or ())


def _same_event(gold: dict, found: dict) -> bool:
    if (gold["date_start"] is None) != (found["date_start"] is None):
        return False
    if gold["date_start"] is not None:
        gold_end, found_end = gold["date_end"] or gold["date_start"], found["date_end"] or found["date_start"]
        if not (gold["date_start"] <= found_end and found["date_start"] <= gold_end):
            return False
    if gold["city"] and found.get("city") and gold["city"] != found["city"]:
        return False
    return not (gold["country_code"] and found.get("country_code") and gold["country_code"] != found["country_code"])


def _same_amount(gold: dict, found: dict) -> bool:
    expected, value = float(gold["value_num"]), float(found["value_num"])
    return gold.get("qualifier") == found.get("qualifier") and abs(expected - value) <= AMOUNT_TOLERANCE * expected


def _describe(event: dict) -> str:
    return f"({event['event_type']}, {event['date_start']}..{event['date_end']}, {event.get('city')})"
