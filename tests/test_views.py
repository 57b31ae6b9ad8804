"""The per-Doc views the extractors read are the Doc's own words, lemmas, sentences and text, made once."""

from bomca_extract.nlp.views import doc_text, sentences, token_lemmas, token_texts


def test_views_are_the_docs_own_and_made_once(parse):
    doc = parse("В Оше прошёл семинар БОМКА.\n\nУчастники обсудили итоги. Следующая встреча — в мае.")
    assert token_texts(doc) == [token.text for token in doc]
    assert token_lemmas(doc) == [token.lemma_ for token in doc]
    assert token_lemmas(doc)[2] == "пройти"
    assert [(s.start, s.end, text) for s, text in sentences(doc)] == [(s.start, s.end, s.text) for s in doc.sents]
    assert len(sentences(doc)) == 3
    assert doc_text(doc) == doc.text
    for view in (token_texts, token_lemmas, sentences):
        assert view(doc) is view(doc)
