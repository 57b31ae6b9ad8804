"""Euro amounts: '40,1 миллионов евро', 'более 6,6 млн евро', '€1,2 млн', 'EUR 500,000', words."""

from __future__ import annotations

from spacy.tokens import Doc

from ..nlp.rules import checked
from ..nlp.views import doc_text
from ..records import Mention
from .context import Context
from .header import furniture_lines
from .numbers import quantity_mention
from .resources import Resources

_CURRENCY = "tokens.EURO.LOWER.IN"  # the currency words, left out of the number


class AmountsExtractor:
    name, fields = "amounts", ("amount_eur",)

    def __init__(self, resources: Resources) -> None:
        self.rules, self.numbers, self.header = resources.rules["amounts"], resources.numbers, resources.header
        self.currency = frozenset(
            checked("amounts", {_CURRENCY: list}, resources.language)["tokens"]["EURO"]["LOWER"]["IN"]
        )

    def find(self, doc: Doc, context: Context) -> list[Mention]:
        mentions = []
        tickers = furniture_lines(doc_text(doc), self.header)  # '€1 – 12503.40 UZS' in the page furniture
        for span in self.rules.find(doc):
            if any(a <= span.start_char < b for a, b in tickers):
                continue
            qualifier, tokens = self.numbers.split_qualifier(list(span))
            value = self.numbers.value([t for t in tokens if t.lower_ not in self.currency])
            if value is not None and value > 0:
                mentions.append(quantity_mention("amount_eur", span, qualifier, tokens, value))
        return mentions
