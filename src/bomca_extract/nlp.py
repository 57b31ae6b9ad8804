"""NLP: natasha's tokens, morphology and NER inside a spaCy Doc, lemmas by pymorphy3.

Models load once per process (`get_analyzer()`); `parse()` is a plain function of the text.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

import spacy
from spacy.tokens import Doc, Span

from .morphology import first_normal_form

with warnings.catch_warnings():  # natasha -> pymorphy2 -> pkg_resources (kept by setuptools<82)
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
    from natasha import Doc as NatashaDoc
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

_NER_LABELS = {"LOC", "ORG", "PER"}
_WORD = re.compile(r"[А-Яа-яЁё]+(-[А-Яа-яЁё]+)*")
_GLUED_PUNCT = re.compile(r".*\d[,;:]")
_TRAILING_BRACKET = re.compile(r"\s*\([^()]*\)?\s*$")


class Analyzer:
    def __init__(self) -> None:
        self.segmenter = Segmenter()
        embedding = NewsEmbedding()
        self.morph_tagger = NewsMorphTagger(embedding)
        self.ner_tagger = NewsNERTagger(embedding)
        self.nlp = spacy.blank("ru")
        self.lemmatizer = self.nlp.add_pipe("lemmatizer", config={"mode": "pymorphy3"})
        self.nlp.initialize()

    def parse(self, text: str) -> Doc:
        natasha_doc = NatashaDoc(text)
        natasha_doc.segment(self.segmenter)
        natasha_doc.tag_morph(self.morph_tagger)
        natasha_doc.tag_ner(self.ner_tagger)
        doc = _spacy_doc(self.nlp.vocab, text, natasha_doc)
        doc.ents = _entities(doc, natasha_doc)
        return _fill_unknown_lemmas(self.lemmatizer(doc))


@lru_cache(maxsize=1)
def get_analyzer() -> Analyzer:
    return Analyzer()


def _spacy_doc(vocab, text: str, natasha_doc: NatashaDoc) -> Doc:
    """A Doc whose text equals `text` exactly: whitespace gaps become SPACE tokens."""
    words: list[str] = []
    spaces: list[bool] = []
    pos: list[str] = []
    morphs: list[str] = []
    sent_starts: list[bool] = []
    sentence_starts = {sent.start for sent in natasha_doc.sents}
    cursor = 0
    for token in natasha_doc.tokens:
        gap = text[cursor : token.start]
        if gap and gap != " ":
            if spaces and not spaces[-1] and gap.startswith(" "):
                spaces[-1], gap = True, gap[1:]
            words.append(gap)
            spaces.append(False)
            pos.append("SPACE")
            morphs.append("")
            sent_starts.append(False)
        elif gap == " " and spaces:
            spaces[-1] = True
        for index, (word, tag) in enumerate(_split_glued_punct(token.text, token.pos or "X")):
            words.append(word)
            spaces.append(False)
            pos.append(tag)
            morphs.append(
                "" if tag == "PUNCT" else "|".join(f"{k}={v}" for k, v in sorted((token.feats or {}).items()))
            )
            sent_starts.append(index == 0 and token.start in sentence_starts)
        cursor = token.stop
    if cursor < len(text):
        words.append(text[cursor:])
        spaces.append(False)
        pos.append("SPACE")
        morphs.append("")
        sent_starts.append(False)
    if sent_starts:
        sent_starts[0] = True
    return Doc(vocab, words=words, spaces=spaces, pos=pos, morphs=morphs, sent_starts=sent_starts)


def _fill_unknown_lemmas(doc: Doc) -> Doc:
    """spaCy's lemmatizer returns the lower-cased word when no pymorphy3 parse fits natasha's POS
    ("кинологов"); take pymorphy3's first normal form instead."""
    for token in doc:
        if token.lemma_ == token.lower_ and _WORD.fullmatch(token.text):
            token.lemma_ = first_normal_form(token.text)
    return doc


def _split_glued_punct(text: str, pos: str) -> list[tuple[str, str]]:
    """razdel keeps a comma after digits on the token ("500,000,", "БОМКА-10,"): split it off."""
    if _GLUED_PUNCT.fullmatch(text):
        return [(text[:-1], pos), (text[-1], "PUNCT")]
    return [(text, pos)]


def _entities(doc: Doc, natasha_doc: NatashaDoc) -> list[Span]:
    """natasha's spans, cut at line breaks and without a swallowed trailing '(ACRONYM)'."""
    ents: list[Span] = []
    for span in natasha_doc.spans:
        if span.type not in _NER_LABELS:
            continue
        text = span.text.split("\n", 1)[0]
        text = _TRAILING_BRACKET.sub("", text) if "(" in text else text
        entity = doc.char_span(span.start, span.start + len(text.rstrip()), label=span.type, alignment_mode="contract")
        if entity is not None and len(entity):
            ents.append(entity)
    return spacy.util.filter_spans(ents)
