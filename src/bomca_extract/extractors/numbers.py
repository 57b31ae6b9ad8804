"""Numbers as written in releases: digits with Russian or English separators, and words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from spacy.tokens import Span, Token

from ..lang import morphology
from ..nlp.rules import checked
from ..records import Mention

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS_GROUP = re.compile(r"\d{3}")


_COMMON = {"numerals": dict, "qualifiers": dict, "tokens.QUALIFIER_TAIL.LOWER.IN": list}
_NO_JOINER = "\0"  # a language without compound numerals


class Numbers:
    """How a language writes numbers in words and qualifies them (lang/<code>/common.json)."""

    def __init__(self, language: str) -> None:
        common = checked("common", _COMMON, language)
        self.morphology = morphology(language)
        self.numerals = {lemma: (Decimal(str(value)), kind) for lemma, (value, kind) in common["numerals"].items()}
        self.qualifiers = common["qualifiers"]
        self.tails = frozenset(common["tokens"]["QUALIFIER_TAIL"]["LOWER"]["IN"])
        self.joiner = common.get("numeral_joiner", _NO_JOINER)

    def word_value(self, word: str) -> tuple[Decimal, str] | None:
        """(value, kind) of a numeral or scale word in any case form: 'сорока' -> (40, unit)."""
        table = self.numerals
        stripped = self.morphology.fold(word.rstrip("."))
        for lemma in (stripped, *sorted(self.morphology.lemma_candidates(stripped))):
            if lemma in table:
                return table[lemma]
        return self._compound(stripped)

    def _compound(self, word: str) -> tuple[Decimal, str] | None:
        """'twenty-six' -> (26, unit): units joined by the language's joiner add up."""
        parts = [self.numerals.get(part) for part in word.split(self.joiner)] if self.joiner in word else []
        if len(parts) < 2 or any(p is None or p[1] != "unit" for p in parts):
            return None
        return sum((value for value, _ in parts), Decimal(0)), "unit"

    def value(self, tokens: Sequence[Token]) -> Decimal | None:
        """The value of a number written with digits, words or both, with an optional scale word."""
        digits = [t.text for t in tokens if t.text[:1].isdigit()]
        words = [self.word_value(t.text) for t in tokens if not t.text[:1].isdigit() and t.text not in ".,"]
        if any(w is None for w in words):
            return None
        units = [value for value, kind in words if kind == "unit"]
        scale = Decimal(1)
        for value, kind in words:
            if kind == "scale":
                scale *= value
        if digits:
            number = digits_value(digits, scaled=scale != 1)
            if number is None or units:
                return None
        elif units:
            number = sum(units, Decimal(0))
        elif scale != 1:
            number = Decimal(1)  # "миллион евро"
        else:
            return None
        return number * scale

    def split_qualifier(self, tokens: Sequence[Token]) -> tuple[str | None, Sequence[Token]]:
        """('more_than', rest) for 'более чем 20 ...'; (None, tokens) without a qualifier word.

        A qualifier's tail word ('чем', 'в') is dropped with it, and alone at the start too
        ('обошлась в 1,1 млн евро')."""
        qualifier = self.qualifiers.get(tokens[0].lower_) if tokens else None
        rest = tokens[1:] if qualifier else tokens
        if rest and rest[0].lower_ in self.tails:
            rest = rest[1:]
        return qualifier, rest


def digits_value(parts: Sequence[str], *, scaled: bool) -> Decimal | None:
    """'40,1' -> 40.1; ['350', '000'] -> 350000; '500,000' -> 500000 unless a scale word follows."""
    if not parts or not all(_DIGITS.fullmatch(p) for p in parts):
        return None
    head, *groups = parts
    if groups and not all(_THOUSANDS_GROUP.fullmatch(g.split(",")[0].split(".")[0]) for g in groups):
        return None
    text = head + "".join(groups)
    separators = re.findall(r"[.,]", text)
    if len(separators) > 1 or (separators and not scaled and re.search(r"[.,]\d{3}$", text)):
        text = text.replace(",", "").replace(".", "") if len(set(separators)) == 1 else _mixed(text)
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None


def _mixed(text: str) -> str:
    """'1,234.5' or '1.234,5': the last separator is the decimal one."""
    decimal_sep = text[max(text.rfind(","), text.rfind("."))]
    thousands_sep = "." if decimal_sep == "," else ","
    return text.replace(thousands_sep, "")


def quantity_mention(field: str, span: Span, qualifier: str | None, rest: Sequence[Token], value: Decimal) -> Mention:
    """A count or amount mention; without a qualifier it starts at the number ('в' dropped)."""
    covered = span if qualifier or not rest else span.doc[rest[0].i : span.end]
    return Mention(
        field=field,
        text=covered.text,
        start=covered.start_char,
        end=covered.end_char,
        method="rule",
        value=format(value.normalize(), "f"),
        value_num=value,
        qualifier=qualifier,
    )
