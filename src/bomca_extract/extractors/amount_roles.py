"""What an amount is for: its role (a programme's budget, a phase's, a project's, the value of
equipment handed over, grants), the years it covers and the organisation it belongs to, from the
words around it in its sentence (lang/<language>/amounts.json `roles`).

An amount's words are those between the amounts before and after it in the sentence, so that
'ЕС выделил программе 40 млн евро за 2003-2020 годы, включая 6,6 млн евро для девятой фазы'
gives the programme to the first and the phase to the second. A period goes to the amount it
is nearest to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from spacy.tokens import Doc

from ..nlp.rules import checked
from ..records import Mention
from ..schema import AMOUNT_ROLES
from .resources import Resources

_OTHER = "other"


class AmountRoles:
    """Sets amount_role, period and amount_owner on the amount mentions of a document."""

    name, fields = "amount_roles", ("amount_eur",)

    def __init__(self, resources: Resources) -> None:
        roles = checked("amounts", {"roles": dict}, resources.language)["roles"]
        unknown = [role for role in roles if role not in AMOUNT_ROLES]
        if unknown:
            raise ValueError(f"lang/{resources.language}/amounts.json: roles: unknown role {unknown[0]!r}")
        self.roles: Mapping[str, frozenset[str]] = {role: frozenset(lemmas) for role, lemmas in roles.items()}
        self.programmes = resources.gazetteer.programmes
        owners = checked("organisation_rules", {"funder_ids": list, "programme_words": list}, resources.language)
        self.funders, self.programme_words = frozenset(owners["funder_ids"]), frozenset(owners["programme_words"])

    def assign(
        self, doc: Doc, amounts: list[Mention], dates: list[Mention], organisations: list[Mention]
    ) -> list[Mention]:
        periods = _periods_by_amount(doc, amounts, dates)
        return [
            replace(
                amount,
                amount_role=self._role(doc, amount, amounts),
                period=periods.get(amount.start),
                amount_owner=self._owner(doc, amount, organisations),
            )
            for amount in amounts
        ]

    def _role(self, doc: Doc, amount: Mention, amounts: list[Mention]) -> str:
        start, end = _own_words(doc, amount, amounts)
        lemmas = {token.lemma_.lower() for token in doc.char_span(start, end, alignment_mode="expand") or ()}
        return next((role for role, cues in self.roles.items() if cues & lemmas), _OTHER)

    def _owner(self, doc: Doc, amount: Mention, organisations: list[Mention]) -> str | None:
        """A programme named in the amount's sentence or the one before, or the document's programme
        when the sentence says 'программа' ('ЕС направил на программу 40 млн евро'); else the
        organisation named nearest before the amount in its sentence, a funder (the EU) last."""
        sentence = _sentence(doc, amount)
        previous = doc[sentence.start - 1].sent if sentence.start > 0 else sentence
        near = [o for o in organisations if previous.start_char <= o.start < sentence.end_char]
        programmes = [o for o in near if o.entity_id in self.programmes]
        if programmes:
            return min(programmes, key=lambda o: abs(o.start - amount.start)).value
        named = next((o for o in organisations if o.entity_id in self.programmes), None)
        if named and any(t.is_lower and t.lemma_ in self.programme_words for t in sentence):
            return named.value
        before = [o for o in near if sentence.start_char <= o.start < amount.start]
        before.sort(key=lambda o: (o.entity_id not in self.funders, o.start))
        return before[-1].value if before else None


def _sentence(doc: Doc, mention: Mention):
    return doc.char_span(mention.start, mention.end, alignment_mode="expand").sent


def _own_words(doc: Doc, amount: Mention, amounts: list[Mention]) -> tuple[int, int]:
    """From the end of the amount before it in the sentence to the start of the one after."""
    sentence = _sentence(doc, amount)
    others = [a for a in amounts if sentence.start_char <= a.start < sentence.end_char and a is not amount]
    start = max((a.end for a in others if a.end <= amount.start), default=sentence.start_char)
    end = min((a.start for a in others if a.start >= amount.end), default=sentence.end_char)
    return start, end


def _periods_by_amount(doc: Doc, amounts: list[Mention], dates: list[Mention]) -> dict[int, str]:
    """Amount start -> '2003-2020' or '2003-': each span of years goes to the nearest amount of its
    sentence, or of the next one when the span ends a sentence that has none ('На период 2003-2020
    гг. ЕС выделил ...', which the segmenter cuts after 'гг.')."""
    out: dict[int, str] = {}
    for date in dates:
        if not _is_period(date):
            continue
        sentence = _sentence(doc, date)
        inside = [a for a in amounts if sentence.start_char <= a.start < sentence.end_char]
        if not inside and sentence.end < len(doc) and sentence.end_char - date.end <= 2:
            following = doc[sentence.end].sent
            inside = [a for a in amounts if following.start_char <= a.start < following.end_char]
        if inside:
            nearest = min(inside, key=lambda a: abs(a.start - date.start))
            out.setdefault(nearest.start, _period_text(date))
    return out


def _is_period(date: Mention) -> bool:
    """Years, not a day, a month or one year: '2003-2020 гг.', 'с 2003 года', 'for 2020-2024'."""
    if date.precision != "year":
        return False
    return date.date_end is None or date.date_end.year > date.date_start.year


def _period_text(date: Mention) -> str:
    """'2003-2020', or '2003-' since 2003."""
    return f"{date.date_start.year}-{date.date_end.year if date.date_end else ''}"
