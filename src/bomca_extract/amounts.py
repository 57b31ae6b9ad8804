"""Euro amounts: '40,1 миллионов евро', 'более 6,6 млн евро', '€1,2 млн', 'EUR 500,000', words."""

from __future__ import annotations

from spacy.tokens import Doc

from .numbers import split_qualifier, tokens_value
from .records import Mention
from .rules import load_rules

_CURRENCY = {"евро", "eur", "euro", "€"}


def extract_amounts(doc: Doc) -> list[Mention]:
    mentions = []
    for span in load_rules("amounts", doc.vocab).find(doc):
        qualifier, tokens = split_qualifier(list(span))
        value = tokens_value([t for t in tokens if t.lower_ not in _CURRENCY])
        if value is None or value <= 0:
            continue
        mentions.append(
            Mention(
                field="amount_eur",
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                method="rule",
                value=_plain(value),
                value_num=value,
                qualifier=qualifier,
            )
        )
    return mentions


def _plain(value) -> str:
    """A Decimal without exponent or trailing zeros: 8200000, 1.5."""
    text = format(value.normalize(), "f")
    return text
