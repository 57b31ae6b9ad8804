"""Euro amounts: '40,1 миллионов евро', 'более 6,6 млн евро', '€1,2 млн', 'EUR 500,000', words."""

from __future__ import annotations

from spacy.tokens import Doc

from .numbers import quantity_mention, split_qualifier, tokens_value
from .records import Mention
from .rules import load_rules

_CURRENCY = {"евро", "eur", "euro", "€"}


def extract_amounts(doc: Doc) -> list[Mention]:
    mentions = []
    for span in load_rules("amounts", doc.vocab).find(doc):
        qualifier, tokens = split_qualifier(list(span))
        value = tokens_value([t for t in tokens if t.lower_ not in _CURRENCY])
        if value is not None and value > 0:
            mentions.append(quantity_mention("amount_eur", span, qualifier, tokens, value))
    return mentions
