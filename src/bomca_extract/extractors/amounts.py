"""Euro amounts: '40,1 миллионов евро', 'более 6,6 млн евро', '€1,2 млн', 'EUR 500,000', words."""

from __future__ import annotations

from spacy.tokens import Doc

from ..nlp.rules import load_rules
from ..records import Mention
from .numbers import quantity_mention, split_qualifier, tokens_value


def extract_amounts(doc: Doc) -> list[Mention]:
    mentions = []
    rules = load_rules("amounts", doc.vocab)
    currency = rules.data["tokens"]["EURO"]["LOWER"]["IN"]
    for span in rules.find(doc):
        qualifier, tokens = split_qualifier(list(span))
        value = tokens_value([t for t in tokens if t.lower_ not in currency])
        if value is not None and value > 0:
            mentions.append(quantity_mention("amount_eur", span, qualifier, tokens, value))
    return mentions
