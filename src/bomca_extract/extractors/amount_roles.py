"""What an amount is for: its role (a programme's budget, a phase's, a project's, the value of
equipment handed over, grants), the years it covers and the organisation it belongs to, from the
words around it in its sentence (lang/<language>/amounts.json `roles`).

An amount's own words run from the amount (or clause) before it in the sentence to the one after,
so that 'ЕС выделил программе 40 млн евро за 2003-2020 годы, включая 6,6 млн евро для девятой
фазы' gives the programme to the first and the phase to the second. A period goes to the amount
it is nearest to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..nlp.rules import checked
from ..records import Mention
from ..schema import AMOUNT_ROLES
from .resources import Resources

_OTHER = "other"
_CLAUSE_ENDS = frozenset({".", ",", ";", ":"})
_PURPOSE_MODIFIERS = frozenset({"ADJ", "DET", "NUM", "PRON"})
_TRANSPARENT = _PURPOSE_MODIFIERS | {"CCONJ"}  # 'компонент девятой фазы', 'оборудования и ремонта': one head
_PHASE_NUMBER = re.compile(r"\d")
_SPEC = {
    "roles": dict,
    "weak_roles": dict,
    "purpose_prepositions": list,
    "back_references": list,
    "year_abbreviations": list,
    "genitive_links": list,
    "value_words": list,
    "possessive_markers": list,
}


@dataclass(frozen=True)
class _Scope:
    """A document's amounts and the indexes of the tokens inside its organisation names."""

    doc: Doc
    amounts: list[Mention]
    names: frozenset[int]


class AmountRoles:
    """Sets amount_role, period and amount_owner on the amount mentions of a document."""

    name, fields = "amount_roles", ("amount_eur",)

    def __init__(self, resources: Resources) -> None:
        data = checked("amounts", _SPEC, resources.language)
        self.roles = _role_cues(data["roles"], "roles", resources.language)
        self.weak_roles = _role_cues(data["weak_roles"], "weak_roles", resources.language)
        self.purpose_prepositions = frozenset(data["purpose_prepositions"])
        self.back_references = frozenset(data["back_references"])
        self.year_abbreviations = frozenset(data["year_abbreviations"])
        self.genitive_links = frozenset(data["genitive_links"])
        self.value_words = frozenset(data["value_words"])
        self.possessive_markers = frozenset(data["possessive_markers"])
        self.programmes = resources.gazetteer.programmes
        owners = checked("organisation_rules", {"funder_ids": list, "programme_words": list}, resources.language)
        self.funders, self.programme_words = frozenset(owners["funder_ids"]), frozenset(owners["programme_words"])

    def assign(
        self, doc: Doc, amounts: list[Mention], dates: list[Mention], organisations: list[Mention]
    ) -> list[Mention]:
        periods = self._periods_by_amount(doc, amounts, dates)
        scope = _Scope(doc, amounts, _inside(doc, organisations))
        out: list[Mention] = []
        for amount in amounts:
            owner = self._owner(doc, amount, organisations)
            role = self._role(scope, amount, out, owner)
            if role == "programme_budget" and owner is not None and _PHASE_NUMBER.search(owner.text):
                role = "phase_budget"  # 'бюджет программы БОМКА-10': the tenth phase's
            out.append(
                replace(
                    amount,
                    amount_role=role,
                    period=periods.get(amount.start),
                    amount_owner=owner.value if owner else None,
                )
            )
        return out

    def _role(self, scope: _Scope, amount: Mention, done: list[Mention], owner: Mention | None) -> str:
        """The purpose or the nearest cue in the amount's own words; else, when they refer back
        ('Его стоимость'), what the sentence before is about; else the role of the amount before it
        in the sentence, of which it is a share ('из них около 380 тыс. евро'); else the programme's
        budget when they name the programme ('на реализацию БОМКА'); else `other` when they state a
        purpose that is no cue ('на борьбу с пандемией'); else a weak cue; else what the sentence
        before is about."""
        doc, names = scope.doc, scope.names
        words = self._own_words(doc, amount, scope.amounts)
        heads = self._purposes(words, amount)
        role = _first_role(heads, self.roles) or self._nearest(words, amount, self.roles, names)
        if role:
            return role
        previous = _previous_sentence(doc, words)
        if any(t.lower_ in self.back_references and t.idx < amount.start for t in words):
            return self._topic(previous, names) or _OTHER
        sentence = self._sentence(doc, amount)
        shared = [a for a in done if sentence.start_char <= a.start]
        if shared:
            return shared[-1].amount_role
        if (
            owner is not None
            and owner.entity_id in self.programmes
            and words.start_char <= owner.start < words.end_char
        ):
            return "programme_budget"
        if any(t.pos_ == "NOUN" and t.lemma_.lower() not in self.value_words for t in heads):
            return _OTHER
        return self._nearest(words, amount, self.weak_roles, names) or self._topic(previous, names) or _OTHER

    def _purposes(self, words: Span, amount: Mention | None = None) -> list[Token]:
        """The words after purpose prepositions, past their modifiers ('на казахстанский компонент',
        'для проектов'), the one nearest the end first; none inside the amount."""
        heads = []
        for token in reversed(words):
            if token.lower_ not in self.purpose_prepositions:
                continue
            head = next((t for t in words[token.i - words.start + 1 :] if t.pos_ not in _PURPOSE_MODIFIERS), None)
            if head is not None and (amount is None or not amount.start <= head.idx < amount.end):
                heads.append(head)
        return heads

    def _nearest(
        self, words: Span, amount: Mention, roles: Mapping[str, frozenset[str]], names: frozenset[int]
    ) -> str | None:
        """The role of the cue nearest before the amount, else nearest after it. Not cues: the words
        of a name ('Программой содействия управлению границами'), a possessive ('the programme's
        activities') and a noun after a cue noun, its genitive ('компонент девятой фазы', 'the
        component of the programme' are a component) or conjunct."""
        cues = []
        head = None
        for token in words:
            role = None if _named(token, names) or self._possessive(token) else _role_of(token, roles)
            if role and (head is None or token.pos_ != "NOUN"):
                cues.append((token, role))
            if token.lower_ in self.genitive_links:
                continue
            if token.pos_ not in _TRANSPARENT:
                head = role if token.pos_ == "NOUN" else None
        before = [role for token, role in cues if token.idx < amount.start]
        after = [role for token, role in cues if token.idx >= amount.start]
        return before[-1] if before else after[0] if after else None

    def _possessive(self, token: Token) -> bool:
        return token.i + 1 < len(token.doc) and token.nbor(1).text in self.possessive_markers

    def _topic(self, sentence: Span | None, names: frozenset[int]) -> str | None:
        """What a sentence is about: the purpose it states, else its first cue."""
        if sentence is None:
            return None
        return _first_role(self._purposes(sentence), self.roles) or _first_role(
            (t for t in sentence if not _named(t, names)), self.roles
        )

    def _owner(self, doc: Doc, amount: Mention, organisations: list[Mention]) -> Mention | None:
        """A programme named in the amount's sentence or the one before, or the document's programme
        when the sentence says 'программа' ('ЕС направил на программу 40 млн евро'); else the
        organisation named nearest before the amount in its sentence, a funder (the EU) last."""
        sentence = self._sentence(doc, amount)
        previous = _previous_sentence(doc, sentence) or sentence
        near = [o for o in organisations if previous.start_char <= o.start < sentence.end_char]
        programmes = [o for o in near if o.entity_id in self.programmes]
        if programmes:
            return min(programmes, key=lambda o: abs(o.start - amount.start))
        named = next((o for o in organisations if o.entity_id in self.programmes), None)
        if named and any(t.is_lower and t.lemma_ in self.programme_words for t in sentence):
            return named
        before = [o for o in near if sentence.start_char <= o.start < amount.start]
        before.sort(key=lambda o: (o.entity_id not in self.funders, o.start))
        return before[-1] if before else None

    def _own_words(self, doc: Doc, amount: Mention, amounts: list[Mention]) -> Span:
        """From the amount before it in the sentence, or the clause after that amount, to the next
        amount's clause."""
        sentence = self._sentence(doc, amount)
        span = doc.char_span(amount.start, amount.end, alignment_mode="expand")
        others = [a for a in amounts if sentence.start_char <= a.start < sentence.end_char and a is not amount]
        start = max((a.end for a in others if a.end <= amount.start), default=None)
        end = min((a.start for a in others if a.start >= amount.end), default=None)
        first = sentence.start
        if start is not None:
            between = [i for i in range(span.start - 1, sentence.start - 1, -1) if doc[i].idx >= start]
            clause = next((i + 1 for i in between if doc[i].text in _CLAUSE_ENDS), None)
            first = clause or (between[-1] if between else span.start)
        last = sentence.end
        if end is not None:
            after = [i for i in range(span.end, sentence.end) if doc[i].idx < end]
            last = next((i for i in after if doc[i].text in _CLAUSE_ENDS), after[-1] + 1 if after else span.end)
        return doc[first:last]

    def _sentence(self, doc: Doc, mention: Mention) -> Span:
        """The mention's sentence, with the one before when the segmenter cut it after 'гг.'."""
        sentence = doc.char_span(mention.start, mention.end, alignment_mode="expand").sent
        previous = sentence.start > 0 and doc[sentence.start - 1].sent
        if previous and self._cut_after_years(previous):
            return doc[previous.start : sentence.end]
        return sentence

    def _cut_after_years(self, sentence: Span) -> bool:
        """'... (2015–2019 гг.)' at the end: an abbreviation and a closing bracket, never a real end."""
        texts = [t.text for t in sentence[-3:]]
        return len(texts) == 3 and texts[0] in self.year_abbreviations and texts[1:] == [".", ")"]

    def _periods_by_amount(self, doc: Doc, amounts: list[Mention], dates: list[Mention]) -> dict[int, str]:
        """Amount start -> '2003-2020' or '2003-': each span of years goes to the nearest amount of its
        sentence, or of the next one when the span ends a sentence that has none ('На период 2003-2020
        гг. ЕС выделил ...', which the segmenter cuts after 'гг.')."""
        out: dict[int, str] = {}
        for date in dates:
            if not _is_period(date):
                continue
            sentence = doc.char_span(date.start, date.end, alignment_mode="expand").sent
            inside = [a for a in amounts if sentence.start_char <= a.start < sentence.end_char]
            if not inside and sentence.end < len(doc) and sentence.end_char - date.end <= 2:
                following = doc[sentence.end].sent
                inside = [a for a in amounts if following.start_char <= a.start < following.end_char]
            free = [a for a in inside if a.start not in out]
            before = [a for a in free if a.end <= date.start]
            after = [a for a in free if a.start >= date.end]
            if before or after:  # 'EUR 33.6 million for 2003-2014 and EUR 5 million for 2015-2018'
                out[(before[-1] if before else after[0]).start] = _period_text(date)
        return out


def _previous_sentence(doc: Doc, span: Span) -> Span | None:
    start = span.sent.start
    return doc[start - 1].sent if start > 0 else None


def _role_cues(roles: Mapping[str, list], key: str, language: str) -> dict[str, frozenset[str]]:
    unknown = [role for role in roles if role not in AMOUNT_ROLES]
    if unknown:
        raise ValueError(f"lang/{language}/amounts.json: {key}: unknown role {unknown[0]!r}")
    return {role: frozenset(lemmas) for role, lemmas in roles.items()}


def _role_of(token: Token, roles: Mapping[str, frozenset[str]]) -> str | None:
    lemma = token.lemma_.lower()
    return next((role for role, cues in roles.items() if lemma in cues), None)


def _first_role(tokens: Iterable[Token], roles: Mapping[str, frozenset[str]]) -> str | None:
    return next(filter(None, (_role_of(t, roles) for t in tokens)), None)


def _inside(doc: Doc, organisations: list[Mention]) -> frozenset[int]:
    """Indexes of the tokens inside organisation mentions."""
    return frozenset(t.i for o in organisations for t in doc.char_span(o.start, o.end, alignment_mode="expand") or ())


def _named(token: Token, names: frozenset[int]) -> bool:
    """A capitalised word of a name: 'Программой содействия ...', not 'программы БОМКА-10'."""
    return token.i in names and not token.is_lower


def _is_period(date: Mention) -> bool:
    """Years, not a day, a month or one year: '2003-2020 гг.', 'с 2003 года', 'for 2020-2024'."""
    if date.precision != "year":
        return False
    return date.date_end is None or date.date_end.year > date.date_start.year


def _period_text(date: Mention) -> str:
    """'2003-2020', or '2003-' since 2003."""
    return f"{date.date_start.year}-{date.date_end.year if date.date_end else ''}"
