from decimal import Decimal

import pytest

from bomca_extract.extractors.amounts import AmountsExtractor

from .conftest import find


@pytest.mark.parametrize(
    "text, value, qualifier",
    [
        ("выделено 40,1 миллионов евро", "40100000", None),
        ("из них более 6,6 миллионов евро", "6600000", "more_than"),
        ("почти 5 миллионов евро на фазу", "5000000", "less_than"),
        ("бюджет 5 млн евро", "5000000", None),
        ("бюджет 5 млн. евро", "5000000", None),
        ("8,2 млн евро", "8200000", None),
        ("150 тыс. евро", "150000", None),
        ("на сумму €1,2 млн", "1200000", None),
        ("грант EUR 500,000 на оборудование", "500000", None),
        ("оборудование на 350 000 евро", "350000", None),
        ("около 3 миллионов евро", "3000000", "approx"),
        ("свыше 2 млн евро", "2000000", "more_than"),
        ("более чем 200 тысяч евро", "200000", "more_than"),
        ("два миллиона евро", "2000000", None),
        ("3 миллиона евро", "3000000", None),
        ("1,5 миллиарда евро", "1500000000", None),
    ],
)
def test_euro_amounts(parse, text, value, qualifier):
    [mention] = find(AmountsExtractor, parse(text))
    assert (mention.value_num, mention.qualifier) == (Decimal(value), qualifier)
    assert mention.value == value


@pytest.mark.parametrize(
    "text",
    ["стоимостью 3 млн сомов", "500 тысяч тенге", "2 миллиона долларов США", "Телефон: +996 312 26 10 00", "60 лет"],
)
def test_other_currencies_and_numbers_are_not_euros(parse, text):
    assert find(AmountsExtractor, parse(text)) == []
