"""Views of a Doc made once and kept in its `user_data`: walking a Doc makes a Token object per token
each time (and `doc.sents` walks it twice), while the extractors read a document's words and
sentences many times over."""

from __future__ import annotations

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Span

_TEXTS = "bomca_extract.token_texts"
_LEMMAS = "bomca_extract.token_lemmas"
_SENTENCES = "bomca_extract.sentences"
_TEXT = "bomca_extract.text"


def token_texts(doc: Doc) -> list[str]:
    """The texts of the Doc's tokens."""
    texts = doc.user_data.get(_TEXTS)
    if texts is None:
        texts = doc.user_data[_TEXTS] = [token.text for token in doc]
    return texts


def token_lemmas(doc: Doc) -> list[str]:
    """The lemmas of the Doc's tokens, read from its array: no Token object made."""
    lemmas = doc.user_data.get(_LEMMAS)
    if lemmas is None:
        strings = doc.vocab.strings
        lemmas = doc.user_data[_LEMMAS] = [strings[key] for key in doc.to_array(LEMMA).tolist()]
    return lemmas


def sentences(doc: Doc) -> list[tuple[Span, str]]:
    """The Doc's sentences, each with its text."""
    found = doc.user_data.get(_SENTENCES)
    if found is None:
        found = doc.user_data[_SENTENCES] = [(sentence, sentence.text) for sentence in doc.sents]
    return found


def doc_text(doc: Doc) -> str:
    """`doc.text`, which spaCy joins from the tokens again at every call."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text
