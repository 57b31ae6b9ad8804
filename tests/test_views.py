"""The per-Doc views the extractors read are the Doc's own words, sentences and text, made once."""

from bomca_extract.nlp.views import doc_text, sentences, token_texts


def test_views_are_the_docs_own_and_made_once(parse):
    doc = parse("В Оше прошёл семинар БОМКА.\n\nУчастники обсудили итоги. Следующая встреча — в мае.")
    assert token_texts(doc) == [token.text for token in doc]
    assert [(s.start, s.end, text) for s, text in sentences(doc)] == [(s.start, s.end, s.text) for s in doc.sents]
    assert len(sentences(doc)) == 3
    assert doc_text(doc) == doc.text
    assert token_texts(doc) is token_texts(doc) and sentences(doc) is sentences(doc)
