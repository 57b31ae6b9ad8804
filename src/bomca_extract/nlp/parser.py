"""NLP: natasha's tokens, sentences and NER inside a spaCy Doc; POS, case and lemmas from the
language's morphology (pymorphy3 for Russian, word shape for English).

natasha's NER is the one model pass over the whole text. Morphology comes from pymorphy3's likeliest
parse of each word form, cached per form (`morphology.analyse_word`): in a batch that is a dictionary
lookup, where natasha's neural morph tagger and spaCy's lemmatizer together cost about four times
the NER. The models load when a TextParser is made (once per worker, in the extractors' resources);
`parse()` is a plain function of the text. razdel's tokens and sentences serve English as well;
natasha's NER is a Russian model, so an English Doc has no entities (the rules do without them).
"""

from __future__ import annotations

import re
import warnings

from spacy.attrs import IS_ALPHA, IS_LOWER, IS_PUNCT, IS_SPACE, IS_TITLE, LOWER, NORM
from spacy.lang.lex_attrs import LEX_ATTRS
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from ..lang import LANGUAGE, Morphology, morphology
from ..timing import stage
from .rules import REGEXES, checked

with warnings.catch_warnings():  # natasha -> pymorphy2 -> pkg_resources (kept by setuptools<82)
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
    from natasha import Doc as NatashaDoc
    from natasha import NewsNERTagger, Segmenter
    from natasha.data import NEWS_EMBEDDING
from navec import Navec
from navec.meta import Meta
from navec.pq import PQ
from navec.tar import Tar

_NER_LABELS = {"LOC", "ORG", "PER"}
_GLUED_PUNCT = re.compile(r".*\d[,;:]")
_GLUED_MINUTES = re.compile(r"([0-5]\d)(\d{2}\.\d{2}\.\d{4})")
_TRAILING_BRACKET = re.compile(r"\s*\([^()]*\)?\s*$")
_PERSON_INITIAL = re.compile(r"(?<!им\.)(?<!имени)\s(?=[А-ЯЁA-Z]\.\s?[А-ЯЁA-Z])")  # not 'им. А. С. Пушкина'
_ACRONYM_SLASH = re.compile(r"(?<=[A-ZА-ЯЁ]{2})/(?=[A-ZА-ЯЁ]{2})")
_NUMBER_SUFFIXES = frozenset({"s", "st", "nd", "rd", "th"})  # razdel splits "1990s" and "9th"
_NER_LANGUAGE = "ru"  # the language natasha's NER model was trained on
# The lexical attributes the rules and extractors read, the only ones computed for a new word form:
# spaCy's full set (like_num, shape, stop words, prefix, suffix, ...) doubles the cost of a Doc of
# news text, where most word forms are new. A rule file that asks for another fails at start-up.
LEXEME_ATTRIBUTES = (LOWER, NORM, IS_ALPHA, IS_LOWER, IS_PUNCT, IS_SPACE, IS_TITLE)


class TextParser:
    def __init__(self, language: str = LANGUAGE) -> None:
        self.language = language
        self.morphology = morphology(language)
        self.segmenter = Segmenter()
        self.ner_tagger = NewsNERTagger(ner_embedding()) if language == _NER_LANGUAGE else None
        self.vocab = Vocab(lex_attr_getters={attribute: LEX_ATTRS[attribute] for attribute in LEXEME_ATTRIBUTES})
        glued = checked("common", {"glued_tokens": REGEXES}, language)["glued_tokens"]
        self.glued = [re.compile(pattern) for pattern in glued]

    def parse(self, text: str) -> Doc:
        natasha_doc = NatashaDoc(text)
        with stage("segment"):
            natasha_doc.segment(self.segmenter)
        if self.ner_tagger is not None:
            with stage("ner"):
                natasha_doc.tag_ner(self.ner_tagger)
        with stage("morphology"):
            doc = _spacy_doc(self.vocab, self.morphology, text, natasha_doc, self.glued)
            if self.ner_tagger is not None:
                doc.ents = _entities(doc, natasha_doc)
        return doc


class _Codes(PQ):
    """navec's quantised vectors without the norms and dot products it precomputes for `sim`."""

    def precompute(self) -> None:
        pass


def ner_embedding(path: str = NEWS_EMBEDDING) -> Navec:
    """natasha's news embedding as its NER reads it: the codes and the model id. The NER has its
    own word vocabulary, so navec's (250k words) is not loaded, and nothing is precomputed for
    similarity: 0.31 -> 0.03 s and about 50 MB less at every start, the same spans."""
    with Tar(path) as tar:
        meta = Meta.from_file(tar.load("meta.json"))
        Meta.check_protocol(meta.protocol)
        return Navec(meta, None, _Codes.from_file(tar.load("pq.bin")))


def _spacy_doc(vocab, morphology: Morphology, text: str, natasha_doc: NatashaDoc, glued: list[re.Pattern[str]]) -> Doc:
    """A Doc whose text equals `text` exactly: whitespace gaps become SPACE tokens."""
    words: list[str] = []
    spaces: list[bool] = []
    sent_starts: list[bool] = []
    sentence_starts = {sent.start for sent in natasha_doc.sents}
    cursor = 0
    for token in natasha_doc.tokens:
        if cursor == token.start and token.text in _NUMBER_SUFFIXES and words and words[-1].isdigit():
            words[-1] += token.text
            cursor = token.stop
            continue
        gap = text[cursor : token.start]
        if gap and gap != " ":
            if spaces and not spaces[-1] and gap.startswith(" "):
                spaces[-1], gap = True, gap[1:]
            words.append(gap)
            spaces.append(False)
            sent_starts.append(False)
        elif gap == " " and spaces:
            spaces[-1] = True
        for index, word in enumerate(_split_glued(token.text, glued)):
            words.append(word)
            spaces.append(False)
            sent_starts.append(index == 0 and token.start in sentence_starts)
        cursor = token.stop
    if cursor < len(text):
        words.append(text[cursor:])
        spaces.append(False)
        sent_starts.append(False)
    if sent_starts:
        sent_starts[0] = True
    space = morphology.WordAnalysis("SPACE", "")
    analyses = morphology.with_agreement(
        words, [space if word.isspace() else morphology.analyse_word(word) for word in words]
    )
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        pos=[a.pos for a in analyses],
        morphs=[a.morph for a in analyses],
        lemmas=[a.lemma for a in analyses],
        sent_starts=sent_starts,
    )


def _split_glued(text: str, language_glued: list[re.Pattern[str]]) -> list[str]:
    """razdel keeps a comma after digits on the token ("500,000,", "БОМКА-10,"): split it off; a
    page stamp may glue a time's minutes to the date ("10:1527.02.2025"): split them apart; and the
    language's own glued tokens ('EU-funded', 'June-3'), each group a token."""
    if _GLUED_PUNCT.fullmatch(text):
        return [text[:-1], text[-1]]
    for pattern in (_GLUED_MINUTES, *language_glued):
        if glued := pattern.fullmatch(text):
            return list(glued.groups())
    return [text]


def _entities(doc: Doc, natasha_doc: NatashaDoc) -> list[Span]:
    """natasha's spans, cut at line breaks and without a swallowed trailing '(ACRONYM)'; a place or
    an organisation cut before a person's initials it ran into ('КР А. Алимбаева'); acronyms joined
    by a slash apart."""
    ents: list[Span] = []
    for span in natasha_doc.spans:
        if span.type not in _NER_LABELS:
            continue
        text = span.text.split("\n", 1)[0]
        text = _PERSON_INITIAL.split(text, 1)[0] if span.type != "PER" else text
        text = _TRAILING_BRACKET.sub("", text) if "(" in text else text
        start = span.start
        for piece in _ACRONYM_SLASH.split(text):  # 'БОМКА/КАДАП': two names
            entity = doc.char_span(start, start + len(piece.rstrip()), label=span.type, alignment_mode="contract")
            if entity is not None and len(entity):
                ents.append(entity)
            start += len(piece) + 1
    return filter_spans(ents)
