"""The events a document reports: the event of the lead (its days and participant count from the
dated mentions and the words that open, close and stretch an event, lang/<language>/dates.json),
then every other sentence that reports an event held on days of its own (a digest's paragraphs,
'в 2021 году аналогичный курс прошел в Самарканде'). Each has a type (lang/<language>/events.json),
a place, a count, its organisers and the countries its people came from."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..nlp.rules import REGEXES, RuleSet, checked
from ..nlp.views import doc_text
from ..records import Event, Mention
from ..schema import EVENT_TYPES
from ..text.ranges import inside_any
from .context import Context
from .header import Header
from .participants import coordinated_totals
from .resources import Resources

MAX_EVENT_DAYS = 60  # a course of several weeks; a start further back is another event's
_CUE_WORDS_BEFORE = 3  # words looked at before an organisation for what it is to the event
_VERB_WORDS_AFTER = 6  # tokens after an organisation in which its verb stands ('(BMSC) yesterday concluded')
_UNKNOWN = "unknown"
_NO_DELEGATIONS = frozenset({"facility_opening", _UNKNOWN})  # who came is not said by where it was held
_COMMAS = frozenset({",", ";"})
_CLAUSE_BREAKS = _COMMAS | {"и", "and"}
Words = Mapping[str, Any]
Continuation = tuple[Span, frozenset[str]]  # a sentence and the event types it names


_EVENT_WORDS = {
    "event_start_stems": REGEXES,
    "event_end_stems": REGEXES,
    "event_end_prepositions": list,
    "event_duration_stems": dict,
    "day_list_joiners": list,
    "date_prepositions": list,
}
_EVENT_RULES = dict.fromkeys(
    (
        "organiser_cues",
        "participant_cues",
        "request_cues",
        "attendance_lemmas",
        "funding_lemmas",
        "organiser_verbs",
        "place_prepositions",
        "participant_prepositions",
        "earlier_lemmas",
        "counterpart_phrases",
        "joint_phrases",
        "place_list_joiners",
        "relative_words",
        "clause_joiners",
    ),
    list,
) | {"people_nationalities": dict}
_ORGANISATION_ROLES = {"funder_ids": list, "programme_words": list}


class EventExtractor:
    """The document's events; the first is the lead's, whose days and count are the document's
    event_start, event_end and participants."""

    name, fields = "events", ("event_start", "event_end", "participants")

    def __init__(self, resources: Resources) -> None:
        self.words = checked("dates", _EVENT_WORDS, resources.language)
        self.rules = checked("events", _EVENT_RULES, resources.language)
        self.roles = checked("organisation_rules", _ORGANISATION_ROLES, resources.language)
        self.cues: RuleSet = resources.rules["events"]
        self.counting = resources.rules["participants"].data
        unknown = [label for label in self.cues.data["patterns"] if label not in EVENT_TYPES]
        if unknown:
            raise ValueError(f"lang/{resources.language}/events.json: patterns: unknown event type {unknown[0]!r}")
        self.announces = resources.dates.announces
        self.ids = resources.gazetteer.organisation_ids
        self.programmes = resources.gazetteer.programmes

    def find(self, doc: Doc, context: Context, found: Mapping[str, list[Mention]]) -> tuple[Event | None, list[Event]]:
        """(the lead's event, the others) from the mentions the extractors found, by extractor name."""
        text = doc_text(doc)
        found = {**found, "participants": coordinated_totals(found["participants"], text, self.counting)}
        found["funders"] = [m for m in found["organisations"] if self._is_funding(doc, m, found["organisations"])]
        dates, counts = found["dates"], found["participants"]
        relative = {(e.span.start_char, e.span.end_char) for e in context.expressions if e.is_relative}
        days = _event_days(dates, relative, text, context.header, context.publication_date, self.words)
        header = context.header
        stamps = [header.dateline] if header and header.dateline else []
        count = _event_participants(counts, [d for d in dates if not inside_any(d.start, d.end, stamps)], days, doc)
        cues = self.cues.find(doc)
        main = self._main_event(doc, text, context.header, cues, days, count, found)
        others = self._other_events(doc, cues, main, found)
        if main is not None and _reports_nothing(main) and others:
            return others[0], others[1:]  # the lead gave background or support: the first dated event is the news
        return main, others

    def _main_event(
        self,
        doc: Doc,
        text: str,
        header: Header | None,
        cues: list[Span],
        days: tuple | None,
        count: Mention | None,
        found,
    ) -> Event | None:
        lead = header.lead if header else None
        if lead is None and count is None:
            return None
        where = doc.char_span(*lead, alignment_mode="expand") if lead else _sentence(doc, count.start)
        sentence = _past_dateline(doc, _sentence(doc, where.start_char), header)
        title = text.find(header.title) if header and header.title else -1
        title_span = (title, title + len(header.title)) if title >= 0 else None
        event_type = next(
            (
                cue.label_
                for scope in ((sentence.start_char, sentence.end_char), title_span, (where.start_char, where.end_char))
                if scope
                for cue in cues
                if scope[0] <= cue.start_char < scope[1] and cue.label_ != _UNKNOWN
            ),
            _UNKNOWN,
        )
        dateline = [header.dateline_place] if header and header.dateline_place else []
        place = self._place(doc, (where.start_char, where.end_char), found, dateline)
        scope = (where.start_char, _organisers_reach(text, lead, days, found["dates"]) if lead else where.end_char)
        return self._event(doc, sentence, event_type, days, count, place, scope, found)

    def _other_events(self, doc: Doc, cues: list[Span], main: Event | None, found) -> list[Event]:
        """Sentences after the lead's first one with an event cue and dates of their own, one event
        per date ('с 1 по 12 июля в Кулябе ..., с 15 по 26 июля в Худжанде ...'), when they do not
        announce the event ('планируется', 'will be held'; a clause on what a new centre will do
        announces nothing) nor sum years ('с 2003 года'); a date within an event already found is
        a part of it (a visit during the course) unless it dates an event of another type elsewhere."""
        events: list[Event] = []
        done = {main.start} if main else set()
        for cue in cues:
            sentence = _sentence(doc, cue.start_char)
            if sentence.start_char in done or (main and sentence.start_char < main.end):
                continue
            done.add(sentence.start_char)
            own = _narrowest([d for d in found["dates"] if sentence.start_char <= d.start < sentence.end_char])
            if own and (clause := _clause_before(doc, sentence, own[0])) is not None:
                clause_cues = _cues_in(cues, clause)
                if clause_cues:  # 'Ранее аналогичные тренинги прошли в Душанбе, а в апреле ... начнется'
                    events.extend(self._earlier_events(doc, clause, clause_cues[0], main, events, found))
            if self.announces(self._reported(doc, sentence, own)) or any(_sums_years(d) for d in own):
                continue
            if not own:
                events.extend(self._earlier_events(doc, sentence, cue, main, events, found))
                continue
            events.extend(self._dated_events(doc, sentence, own, cues, main, events, found))
        return events

    def _dated_events(
        self, doc: Doc, sentence: Span, own: list[Mention], cues: list[Span], main: Event | None, events, found
    ) -> list[Event]:
        """The events of a sentence's dates; an event of no type like an earlier one ('held similar
        sessions this week in Shymkent and Aktobe') is of the lead's type."""
        sentence_cues = _cues_in(cues, sentence)
        follow = self._next_sentence(doc, sentence, cues, found)
        like_main = main is not None and self._recalls(sentence)
        made: list[Event] = []
        for day, segment in zip(own, _segments(doc, own, sentence)):
            days = (day.date_start, day.date_end or day.date_start)
            within = [e for e in ([main] if main else []) + events + made if _overlaps(e, days)]
            day_cues = [c for c in sentence_cues if c.label_ not in {e.event_type for e in within}]
            if not day_cues:
                continue
            after = follow if day is own[-1] else None
            for event in self._dated_event(doc, sentence, day_cues, day, segment, found, after):
                if _apart(event, within):
                    untyped = event.event_type == _UNKNOWN and like_main
                    made.append(replace(event, event_type=main.event_type) if untyped else event)
        return made

    def _reported(self, doc: Doc, sentence: Span, dates: list[Mention]) -> Span:
        """The sentence up to a relative clause after its dates ('On 26 November IOM opened a centre
        in Shymkent, which will offer'); a date inside the clause is the clause's ('курс, который
        будет проведен в феврале')."""
        relative = frozenset(self.rules["relative_words"])
        after = max((d.end for d in dates), default=sentence.start_char)
        clause = next(
            (t.i for t in sentence[1:] if t.idx >= after and t.lower_ in relative and doc[t.i - 1].text == ","),
            sentence.end,
        )
        return doc[sentence.start : clause]

    def _next_sentence(self, doc: Doc, sentence: Span, cues: list[Span], found) -> Continuation | None:
        """The next sentence of the paragraph and its event types, if it has no date of its own."""
        if sentence.end >= len(doc) or "\n" in doc[sentence.end - 1].whitespace_ + doc[sentence.end].text:
            return None
        after = _sentence(doc, doc[sentence.end].idx)
        if any(after.start_char <= d.start < after.end_char for d in found["dates"]):
            return None
        return after, frozenset(c.label_ for c in _cues_in(cues, after))

    def _dated_event(
        self,
        doc: Doc,
        sentence: Span,
        cues: list[Span],
        day: Mention,
        segment: tuple[int, int],
        found,
        follow: Continuation | None,
    ) -> list[Event]:
        """The events of one date of a sentence, one per city of a list ('в Шымкенте и Таразе'). An
        undated next sentence with a cue of the event's type goes on about it: its organisers and
        count are the event's ('1 августа прошли учения ... Учения организовал ОБСЕ, в них были
        задействованы 60 человек')."""
        here = _nearest_cue(cues, day)
        scope = (sentence.start_char, sentence.end_char)
        place = self._place(doc, segment, found, []) or self._place(doc, scope, found, [])
        if day.precision == "year" and not self._year_dates(doc, sentence, here, day, place):
            return []
        listed = next((run for run in self._city_lists(doc, segment, found) if place in run), [])
        more = follow[0] if follow and here.label_ in follow[1] else None
        reach = (segment[0], more.end_char) if more else segment
        counts = [c for c in found["participants"] if reach[0] <= c.start < reach[1]]
        days = (day.date_start, day.date_end or day.date_start)
        count = counts[0] if counts else None
        organised = (scope[0], more.end_char) if more else scope
        return [
            self._event(doc, sentence, here.label_, days, count, city, organised, found, segment)
            for city in (listed if len(listed) > 1 else [place])
        ]

    def _year_dates(self, doc: Doc, sentence: Span, cue: Span, year: Mention, place: Mention | None) -> bool:
        """A bare year dates an event cued in its clause that the sentence places in a city or
        reports by its verb: not 'После открытия моста в 2017 году поток грузов вырос', but 'В 2018
        году БОМКА передала катера'; not 'случаи, выявленные в 2021 году в Истаравшане, а затем
        выехали на занятие'."""
        in_city = place is not None and place.field == "city"
        return self._same_clause(doc, sentence, cue, year) and (in_city or any(t.pos_ == "VERB" for t in cue))

    def _same_clause(self, doc: Doc, sentence: Span, cue: Span, date: Mention) -> bool:
        """No comma and contrasting word ('..., а на второй день', '..., but') between the cue and the date."""
        joiners = frozenset(self.rules["clause_joiners"])
        low, high = sorted((cue.start_char, date.start))
        return not any(
            t.text in _COMMAS and low <= t.idx < high and doc[t.i + 1].lower_ in joiners for t in sentence[:-1]
        )

    def _earlier_events(self, doc: Doc, sentence: Span, cue: Span, main: Event | None, events: list[Event], found):
        """'Ранее аналогичные центры открылись в Душанбе и Гиссаре': undated events, one per city
        after a place word that no event found has."""
        if not self._recalls(sentence):
            return []
        scope = (sentence.start_char, sentence.end_char)
        known = {e.city for e in ([main] if main else []) + events}
        cities = [m for run in self._city_lists(doc, scope, found) for m in run if m.value not in known]
        made = [self._event(doc, sentence, cue.label_, None, None, city, scope, found) for city in cities]
        return [replace(event, partners_from=()) for event in made]  # said in passing: who took part is not

    def _recalls(self, sentence: Span) -> bool:
        """The sentence likens its event to another ('аналогичные', 'similar', 'earlier')."""
        earlier = frozenset(self.rules["earlier_lemmas"])
        return any(t.lemma_.lower() in earlier for t in sentence)

    def _city_lists(self, doc: Doc, scope: tuple[int, int], found) -> list[list[Mention]]:
        """Each city after a place word with the cities joined to it ('в Душанбе и Гиссаре'), not
        one inside a name ('Программный офис ОБСЕ в Душанбе')."""
        at, joiners = frozenset(self.rules["place_prepositions"]), frozenset(self.words["day_list_joiners"])
        names = [(m.start, m.end) for m in found["organisations"]]
        runs: list[list[Mention]] = []
        joined = False
        for m in found["places"]:
            if m.field != "city" or not scope[0] <= m.start < scope[1] or inside_any(m.start, m.end, names):
                continue
            before = self._before(doc, m)
            if joined and before in joiners:
                runs[-1].append(m)
            elif before in at:
                runs.append([m])
            joined = before in at or (joined and before in joiners)
        return runs

    def _event(
        self,
        doc: Doc,
        sentence: Span,
        event_type: str,
        days: tuple | None,
        count: Mention | None,
        place: Mention | None,
        scope: tuple[int, int],
        found,
        part: tuple[int, int] | None = None,
    ) -> Event:
        organisers = self._organisers(doc, scope, found["organisations"], found["funders"])
        named = next((m for m in found["organisations"] if m.entity_id in self.programmes), None)
        if named and named.value not in {m.value for m in organisers} and self._names_the_programme(doc, scope, found):
            organisers.append(named)
        hosts = [(m.start, m.end) for m in organisers]  # 'IOM and the Ministry ... of Kazakhstan opened'
        hosts += [(m.start, m.end) for m in found["funders"]]  # 'финансировался Правительством США'
        places = [*found["places"], *self._people_countries(doc, found["participants"])]
        guests = [m for m in places if not inside_any(m.start, m.end, hosts)]
        return Event(
            event_type=event_type,
            summary=sentence.text.strip(),
            start=sentence.start_char,
            end=sentence.end_char,
            date_start=days[0] if days else None,
            date_end=days[1] if days else None,
            city=place.value if place and place.field == "city" else None,
            country_code=place.country_code if place else None,
            participants=int(count.value_num) if count else None,
            participants_qualifier=count.qualifier if count else None,
            organisers=tuple(m.value for m in organisers),
            organiser_ids=tuple(self.ids[m.value] for m in organisers if m.value in self.ids),
            partners_from=self._partners_from(
                doc,
                event_type,
                count,
                [sentence, *self._attendance(doc, sentence, found["dates"])],
                guests,
                place.country_code if place else None,
                part,
            ),
        )

    def _people_countries(self, doc: Doc, counts: list[Mention]) -> list[Mention]:
        """'8 афганских таможенников', 'Eight Afghan customs officials': the country of a nationality
        inside a count, as a country mention the partners are read from (not a mention of the table)."""
        nationalities = self.rules["people_nationalities"]
        out = []
        for count in counts:
            for token in doc.char_span(count.start, count.end, alignment_mode="expand"):
                if (code := nationalities.get(token.lemma_.lower())) is not None:
                    end = token.idx + len(token)
                    out.append(Mention("country", token.text, token.idx, end, "rule", country_code=code))
        return out

    def _is_funding(self, doc: Doc, organisation: Mention, organisations: list[Mention]) -> bool:
        """'funded by the Government of Japan', 'финансировался Правительством США', 'при финансовой
        поддержке Японии': a funding word among the words right before the organisation, with no
        other organisation between ('финансируемой Европейским союзом программы БОМКА': the EU)."""
        span = doc.char_span(organisation.start, organisation.end, alignment_mode="expand")
        words = _tokens_before(doc, span.start, _CUE_WORDS_BEFORE)
        funding = [t.idx for t in words if t.lemma_.lower() in self.rules["funding_lemmas"]]
        return bool(funding) and not any(funding[0] < m.start < organisation.start for m in organisations)

    def _names_the_programme(self, doc: Doc, scope: tuple[int, int], found) -> bool:
        """'программа передала', 'the programme held': a lowercase programme word outside any name."""
        words = frozenset(self.roles["programme_words"])
        names = [(m.start, m.end) for m in found["organisations"]]
        span = doc.char_span(*scope, alignment_mode="expand")
        return any(t.is_lower and t.lemma_ in words and not inside_any(t.idx, t.idx + len(t), names) for t in span)

    def _place(self, doc: Doc, scope: tuple[int, int], found, dateline: list[tuple[int, int]]) -> Mention | None:
        """Where the event was held: the first city after a place preposition ('в Оше', 'in Osh') or
        in a name after one ('в Хорогском учебном центре'), else the dateline's city, else the first
        city or country not after 'из'/'from'; never one inside another name ('Программный офис
        ОБСЕ в Душанбе провел')."""
        prepositions = self.rules["place_prepositions"]
        names = [(m.start, m.end) for m in found["organisations"]]
        venues = [(m.start, m.end) for m in found["organisations"] if self._is_venue(doc, m)]
        places = [
            m
            for m in found["places"]
            if scope[0] <= m.start < scope[1]
            and (not inside_any(m.start, m.end, names) or inside_any(m.start, m.end, venues))
        ]
        at = [m for m in places if self._before(doc, m) in prepositions or inside_any(m.start, m.end, venues)]
        cities = [m for m in at if m.field == "city"]
        if cities:
            return cities[0]
        in_dateline = [m for m in found["places"] if m.field == "city" and inside_any(m.start, m.end, dateline)]
        countries = [m.country_code for m in at if m.field == "country"]
        if countries:  # 'с визитом в Латвии' under 'Ташкент – Рига, ...': Рига; else Latvia without a city
            return next((m for m in in_dateline if m.country_code == countries[0]), at[0])
        if in_dateline:
            return in_dateline[0]
        away = [m for m in places if self._before(doc, m) not in self.rules["participant_prepositions"]]
        return next((m for m in away if m.field == "city"), None)

    def _organisers(
        self, doc: Doc, scope: tuple[int, int], organisations: list[Mention], funders: list[Mention]
    ) -> list[Mention]:
        """The organisations the event's words name as organising or holding it: a programme, one
        after an organiser's word ('в рамках', 'organised by'), one with an organising verb just
        after it ('УНП ООН провело', 'UNODC handed over'); never one after a participant's word
        ('сотрудники', 'officers of') unless those people did it ('специалисты МОМ провели'), nor
        a funder (the EU, 'funded by the Government of Japan'), nor one that asked for it ('по
        просьбе министерства')."""
        organiser, participant = frozenset(self.rules["organiser_cues"]), frozenset(self.rules["participant_cues"])
        cues = organiser | participant | frozenset(self.rules["request_cues"])  # the nearest one says the role
        verbs, funder_ids = frozenset(self.rules["organiser_verbs"]), frozenset(self.roles["funder_ids"])
        out: list[Mention] = []
        for mention in organisations:
            if not scope[0] <= mention.start < scope[1] or mention.value in {m.value for m in out}:
                continue
            if mention.entity_id in funder_ids or mention in funders:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            before = _words_before(doc, span.start, _CUE_WORDS_BEFORE)
            cue = next((lemma for lemma in before if lemma in cues), None)
            after = self._joint_end(doc, span, organisations)
            following = doc[after : after + _VERB_WORDS_AFTER]
            acts = bool(verbs & {t.lemma_.lower() for t in following} | verbs & {t.lower_ for t in following})
            if cue in participant and not _people_act(span, participant, verbs):
                continue
            if cue in organiser or acts or mention.entity_id in self.programmes:
                out.append(mention)
        return out

    def _joint_end(self, doc: Doc, name: Span, organisations: list[Mention]) -> int:
        """Where the name's verb may follow: after 'совместно с' and the second organisation, if
        they come next ('Программный офис ОБСЕ совместно с Центром ... провел'), else after the name."""
        for phrase in self.rules["joint_phrases"]:
            words = doc[name.end : name.end + len(phrase)]
            if [t.lower_ for t in words] == phrase and words.end < len(doc):
                second = next((m for m in organisations if m.start == doc[words.end].idx), None)
                if second is not None:
                    return doc.char_span(second.start, second.end, alignment_mode="expand").end
        return name.end

    def _partners_from(
        self,
        doc: Doc,
        event_type: str,
        count: Mention | None,
        sentences: list[Span],
        places: list[Mention],
        venue: str | None,
        part: tuple[int, int] | None,
    ) -> tuple[str, ...]:
        """The countries of the people who took part: those named in the event's part of its
        sentence (one of several dates), else in the clause of its count, else in its sentence,
        else in the sentence after it that says who attended ('Во встрече приняли участие
        руководители таможенных служб Казахстана, ...'), but not where it was held ('визит в
        Латвию') nor the other side ('граница с Афганистаном'); else the country it was held in (a
        national event), unless a later sentence dates an event that has guests rather than
        delegations and counts nobody ('17 сентября БОМКА открыла в Жетысае центр')."""
        at = frozenset(self.rules["place_prepositions"])
        other_side = {tuple(phrase) for phrase in self.rules["counterpart_phrases"]}
        scopes = [doc.char_span(*part, alignment_mode="expand")] if part else []
        scopes += [_semicolon_clause(doc, _sentence(doc, count.start), count.start)] if count is not None else []
        for scope in [*scopes, *sentences]:
            countries = {
                m.country_code
                for m in places
                if m.field == "country"
                and scope.start_char <= m.start < scope.end_char
                and self._before(doc, self._list_start(doc, m, places)) not in at
                and self._lemmas_before(doc, m, 2) not in other_side
            }
            if countries:
                return tuple(sorted(countries))
        said = count is not None or part is None or event_type not in _NO_DELEGATIONS
        national = venue is not None and said
        return (venue,) if national else ()

    def _list_start(self, doc: Doc, mention: Mention, places: list[Mention]) -> Mention:
        """The first place of the list the mention is in ('Литву' in 'в Польшу, Литву и Латвию': 'Польшу')."""
        ends, joiners = {m.end: m for m in places}, frozenset(self.rules["place_list_joiners"])
        while (span := doc.char_span(mention.start, mention.end, alignment_mode="expand")).start >= 2:
            joiner, before = doc[span.start - 1], doc[span.start - 2]
            previous = ends.get(before.idx + len(before.text)) if joiner.lower_ in joiners else None
            if previous is None:
                return mention
            mention = previous
        return mention

    def _attendance(self, doc: Doc, sentence: Span, dates: list[Mention]) -> list[Span]:
        """The sentence after the event's, when it says who attended (an attendance word) and has no
        date of its own (a dated one reports its own event)."""
        following = next((t for t in doc[sentence.end :] if not t.is_space), None)
        if following is None:
            return []
        after = _sentence(doc, following.idx)
        attends = any(t.lemma_.lower() in self.rules["attendance_lemmas"] for t in after)
        dated = any(after.start_char <= d.start < after.end_char for d in dates)
        return [after] if attends and not dated else []

    def _is_venue(self, doc: Doc, organisation: Mention) -> bool:
        """'в Хорогском учебном центре': a name after a place preposition, in the locative where the
        language has cases ('в сборную России' goes somewhere, it is not a place)."""
        first = doc.char_span(organisation.start, organisation.end, alignment_mode="expand")[0]
        case = first.morph.get("Case")
        return self._before(doc, organisation) in self.rules["place_prepositions"] and (not case or "Loc" in case)

    @staticmethod
    def _before(doc: Doc, mention: Mention) -> str:
        words = EventExtractor._lemmas_before(doc, mention, 1)
        return words[0] if words else ""

    @staticmethod
    def _lemmas_before(doc: Doc, mention: Mention, n: int) -> tuple[str, ...]:
        """Lemmas of the `n` words before the mention, in text order."""
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return tuple(reversed(_words_before(doc, span.start, n)))


def _people_act(name: Span, people: frozenset[str], verbs: frozenset[str]) -> bool:
    """'Специалисты МОМ провели': the organisation's people in the nominative, then an organising
    verb of their number; not 'для 18 офицеров Пограничных войск организовала Программа'."""
    doc = name.doc
    if name.start == 0 or name.end >= len(doc):
        return False
    who, verb = doc[name.start - 1], doc[name.end]
    number = verb.morph.get("Number")
    return (
        who.lemma_.lower() in people
        and who.morph.get("Case") == ["Nom"]
        and bool(number)
        and who.morph.get("Number") == number
        and (verb.lemma_.lower() in verbs or verb.lower_ in verbs)
    )


def _words_before(doc: Doc, index: int, n: int) -> list[str]:
    """Lemmas of the `n` words before token `index`, nearest first."""
    return [token.lemma_.lower() for token in _tokens_before(doc, index, n)]


def _tokens_before(doc: Doc, index: int, n: int) -> list[Token]:
    """The `n` words before token `index` (no space, no punctuation), nearest first."""
    out = []
    for token in reversed(doc[max(0, index - n * 2) : index]):
        if token.is_space or token.is_punct:
            continue
        out.append(token)
        if len(out) == n:
            break
    return out


def _reports_nothing(event: Event) -> bool:
    """An event of no known kind on no day: a lead that gives background."""
    return event.event_type == _UNKNOWN and event.date_start is None


def _past_dateline(doc: Doc, sentence: Span, header: Header | None) -> Span:
    """The sentence, from after the dateline that opens it ('Бишкек. 14 ноября. КирТАГ - ...'):
    a dateline may end a sentence or two of its own before the lead's first."""
    dateline = header.dateline if header else None
    if dateline is None or sentence.start_char >= dateline[1]:
        return sentence
    first = next((t for t in doc[sentence.start :] if t.idx >= dateline[1] and not (t.is_space or t.is_punct)), None)
    if first is None:
        return sentence
    return doc[first.i : _sentence(doc, first.idx).end]


def _sentence(doc: Doc, offset: int) -> Span:
    """The sentence at `offset`, within its line (natasha's sentences can run over a header's
    lines) unless the line wraps it; by tokens, since doc.text joins the whole text again at every call."""
    token = doc.char_span(offset, offset + 1, alignment_mode="expand")
    sentence, at = token.sent, token.start
    breaks = [t.i for t in sentence if "\n" in t.text and not _wraps(doc, t)]
    start = max((i + 1 for i in breaks if i < at), default=sentence.start)
    end = min((i for i in breaks if i > at), default=sentence.end)
    return doc[start:end]


def _wraps(doc: Doc, token: Token) -> bool:
    """A single line break before a lowercase word wraps the sentence ('контрольно-пропускного⏎пункта')."""
    return token.text.count("\n") == 1 and token.i + 1 < len(doc) and doc[token.i + 1].is_lower


def _sums_years(date: Mention) -> bool:
    """'с 2003 года', '2015-2019 гг.': activity summed over years, not one event."""
    return date.date_end is None or (date.precision == "year" and date.date_end.year > date.date_start.year)


def _organisers_reach(text: str, lead: tuple[int, int], days: tuple | None, dates: list[Mention]) -> int:
    """The end of the paragraph after the lead, which often names the organisers ('The course was
    organised by ...'), unless it dates something else (a digest's next event): then the lead's end."""
    reach = _paragraph_after_end(text, lead)
    after = [d for d in dates if lead[1] <= d.start < reach]
    other = days is None or any(_disjoint(d, days) for d in after)
    return lead[1] if after and other else reach


def _narrowest(dates: list[Mention]) -> list[Mention]:
    """Without a date that holds another one ('в июле: с 1 по 12 июля ..., с 15 по 26 июля ...')."""

    def holds(outer: Mention, inner: Mention) -> bool:
        outer_end, inner_end = outer.date_end or outer.date_start, inner.date_end or inner.date_start
        wider = (outer.date_start, inner_end) != (inner.date_start, outer_end)
        return outer is not inner and outer.date_start <= inner.date_start and inner_end <= outer_end and wider

    return [d for d in dates if not any(holds(d, other) for other in dates)]


def _overlaps(event: Event, days: tuple[dt.date, dt.date]) -> bool:
    if event.date_start is None:
        return False
    return days[0] <= (event.date_end or event.date_start) and event.date_start <= days[1]


def _apart(event: Event, within: list[Event]) -> bool:
    """An event on days within others' is one of its own only at another place: 'С 24 августа по 3
    сентября ... в Душанбе' holds '1 сентября в Мазари-Шарифе БОМНАФ передала ... внедорожники', but
    not a visit to a checkpoint on 29 August."""
    return not within or (event.city is not None and all(e.city != event.city for e in within))


def _semicolon_clause(doc: Doc, sentence: Span, offset: int) -> Span:
    """The part of the sentence between the semicolons around `offset` ('Eighteen officers of ...
    took part; the seminar was facilitated by experts of the State Border Guard of Latvia')."""
    stops = [t.i for t in sentence if t.text == ";"]
    start = max((i + 1 for i in stops if doc[i].idx < offset), default=sentence.start)
    end = min((i for i in stops if doc[i].idx > offset), default=sentence.end)
    return doc[start:end]


def _clause_before(doc: Doc, sentence: Span, date: Mention) -> Span | None:
    """The sentence up to its last comma or semicolon before the date, if there is one."""
    breaks = [t.i for t in sentence if t.text in _COMMAS and t.idx < date.start]
    return doc[sentence.start : breaks[-1]] if breaks else None


def _cues_in(cues: list[Span], span: Span) -> list[Span]:
    return [c for c in cues if span.start_char <= c.start_char < span.end_char]


def _nearest_cue(cues: list[Span], date: Mention) -> Span:
    """The cue nearest before the date, else the first after it: in 'Before the Dushanbe seminar,
    the trainers delivered the same course in Kulob on 1-3 April and in Khujand on 8-10 April' both
    dates are courses."""
    before = [c for c in cues if c.start_char < date.start]
    return before[-1] if before else cues[0]


def _segments(doc: Doc, dates: list[Mention], sentence: Span) -> list[tuple[int, int]]:
    """The part of the sentence about each date: from the last comma, semicolon or 'and' before it
    that follows the date before ('in Almaty on 16-18 November ..., and in Shymkent on 23-25
    November'), or from the date itself, to the next part."""
    starts = [sentence.start_char]
    for before, date in itertools.pairwise(dates):
        breaks = [t.idx + len(t) for t in sentence if t.lower_ in _CLAUSE_BREAKS and before.end <= t.idx < date.start]
        starts.append(breaks[-1] if breaks else date.start)
    return list(zip(starts, [*starts[1:], sentence.end_char]))


def _event_participants(
    participants: list[Mention], dates: list[Mention], event: tuple | None, doc: Doc
) -> Mention | None:
    """The first count not in a sentence dated outside the event's days: on a page about a
    handover on 5 December, 'В ноябре 14 сотрудников прошли тренинг' counts another event (the
    caller leaves out the dateline's date: 'Алматы, 12.05.2022.- Со 2 по 6 мая делегация из 10')."""
    for mention in participants:
        sentence = _sentence(doc, mention.start)
        dated = [d for d in dates if sentence.start_char <= d.start < sentence.end_char]
        if event is None or not any(_disjoint(d, event) for d in dated):
            return mention
    return None


def _disjoint(date: Mention, days: tuple[dt.date, dt.date]) -> bool:
    return (date.date_end or date.date_start) < days[0] or date.date_start > days[1]


def _event_days(
    dates: list[Mention],
    relative: set[tuple[int, int]],
    text: str,
    header: Header,
    publication: dt.date | None,
    words: Words,
) -> tuple | None:
    """(start, end) of the event reported: the lead's first day-precise date (an explicit one before
    'сегодня'; a week narrowed by the explicit days in it below), else the date of a dateline run
    into the lead ('ОШ, 4 марта /Кабар/. В Оше завершился ...'); ended by a later 'до <date>' in
    the lead, or stretched by a duration word ('трехдневный'), backwards when the lead says the
    event has ended."""
    lead, dateline = header.lead, [header.dateline] if header.dateline else []
    if lead is None:
        return None
    in_lead = [
        m
        for m in dates
        if m.precision == "day" and inside_any(m.start, m.end, [lead]) and not inside_any(m.start, m.end, dateline)
    ]
    starts = [m for m in in_lead if not _after_until(m, text, words)]  # "продлится до 7 июля" ends, not starts
    # 'concluded yesterday the course, which began on May 10': the day it began is found by _began
    starts = [m for m in starts if not _after_start_word(m, text, lead[0], words)] or starts
    explicit = [m for m in starts if (m.start, m.end) not in relative]
    first = (explicit or starts or [None])[0]
    is_week = first is not None and first.date_end != first.date_start and (first.start, first.end) in relative
    if is_week and (days := _days_within(first, [m for m in dates if (m.start, m.end) not in relative], text, lead)):
        return days
    if first is not None:
        start, end = first.date_start, _next_days_end(first, in_lead, text, words)
    elif header.dateline_date is not None and header.dateline[0] == lead[0] and publication is not None:
        ranged = [m for m in dates if inside_any(m.start, m.end, dateline) and m.precision == "day" and m.date_end]
        start, end = (ranged[0].date_start, ranged[0].date_end) if ranged else (publication, publication)
    else:
        return None
    if start == end:
        lead_text = text[lead[0] : lead[1]]
        end = _until(in_lead, start, text, words) or end
        if end == start and _has_ended(lead_text, words) and (began := _began(dates, text, lead, start, words)):
            return began, end
        if end == start and (days := _duration(lead_text, words)):
            return (
                (start - dt.timedelta(days=days - 1), start)
                if _has_ended(lead_text, words)
                else (start, start + dt.timedelta(days=days - 1))
            )
    return start, end


def _days_within(week: Mention, explicit: list[Mention], text: str, lead: tuple[int, int]) -> tuple | None:
    """The first and last explicit days inside a relative week, in the lead or the paragraph after
    it: 'На этой неделе ... проходит курс' ... 'начался 14 октября и продлится до 18 октября'."""
    reach = _paragraph_after_end(text, lead)
    inside = [
        m
        for m in explicit
        if lead[0] <= m.start < reach
        and m.precision == "day"
        and week.date_start <= m.date_start
        and (m.date_end or m.date_start) <= week.date_end
    ]
    if not inside:
        return None
    return min(m.date_start for m in inside), max(m.date_end or m.date_start for m in inside)


def _paragraph_after_end(text: str, lead: tuple[int, int]) -> int:
    end = text.find("\n\n", lead[1] + 2)
    return len(text) if end < 0 else end


def _next_days_end(first: Mention, in_lead: list[Mention], text: str, words: Words) -> dt.date:
    """The last of the days listed after the first one, each the day after the one before:
    '31 октября и 1 ноября' ends on 1 November; '5 и 12 мая' are two events' days, not a range."""
    end, previous = first.date_end or first.date_start, first
    for mention in in_lead:
        if mention.start <= previous.start:
            continue
        joined = text[previous.end : mention.start].strip() in words["day_list_joiners"]
        if not joined or mention.date_start != end + dt.timedelta(days=1):
            break
        end, previous = mention.date_end or mention.date_start, mention
    return end


def _began(dates: list[Mention], text: str, lead: tuple[int, int], end: dt.date, words: Words) -> dt.date | None:
    """The start of an event the lead says has ended, from a date after a start word in the lead or
    the paragraph after it: 'завершился в среду' ... 'Курс, стартовавший 6 февраля, ...'."""
    reach = _paragraph_after_end(text, lead)
    for mention in dates:
        if (
            lead[0] <= mention.start < reach
            and mention.precision == "day"
            and dt.timedelta(0) < end - mention.date_start <= dt.timedelta(days=MAX_EVENT_DAYS)
            and _after_start_word(mention, text, lead[0], words)
        ):
            return mention.date_start
    return None


def _after_start_word(mention: Mention, text: str, since: int, words: Words) -> bool:
    """'стартовавший 6 февраля', 'began on May 10': a start word right before the date or its preposition."""
    before = text[max(since, mention.start - 20) : mention.start].lower().split()
    stems, prepositions = words["event_start_stems"], words["date_prepositions"]
    if before and before[-1] in prepositions:
        before.pop()
    return bool(before) and any(re.match(stem, before[-1]) for stem in stems)


def _has_ended(lead_text: str, words: Words) -> bool:
    return any(re.search(rf"\b{stem}", lead_text.lower()) for stem in words["event_end_stems"])


def _until(in_lead: list[Mention], start: dt.date, text: str, words: Words) -> dt.date | None:
    for mention in in_lead:
        if _after_until(mention, text, words) and mention.date_start > start:
            return mention.date_start
    return None


def _after_until(mention: Mention, text: str, words: Words) -> bool:
    before = text[max(0, mention.start - 12) : mention.start].split()
    return bool(before) and before[-1].lower() in words["event_end_prepositions"]


def _duration(lead_text: str, words: Words) -> int | None:
    lowered = lead_text.lower()
    for stem, days in words["event_duration_stems"].items():
        if re.search(rf"\b{stem}", lowered):
            return days
    return None
