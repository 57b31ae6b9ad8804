"""The English path on the forms of English releases and news items, written in our own words:
datelines, stamps, dates and ranges, amounts, counts with their decoys, places and organisations;
and a Russian release with an English block, each block read in its own language."""

import datetime as dt

import pytest

from bomca_extract.batch.documents import extract_facts
from bomca_extract.text.language import language_blocks

D = dt.date


def facts(text: str):
    return extract_facts(text)


def values(found, field: str) -> list:
    return [m.value for m in found.mentions if m.field == field]


def dates(found) -> list[tuple]:
    return [(m.date_start, m.date_end) for m in found.mentions if m.field == "date"]


PAGE = (
    "Skip to main content\n"
    "Home / Press and information / News\n"
    "\n"
    "Border officers of Tajikistan learn to detect forged passports\n"
    "\n"
    "14/09/2023 - 11:20\n"
    "Press and information team of the Delegation to TAJIKISTAN\n"
    "\n"
    "13 September 2023, Khorog, Tajikistan. Twenty-two officers of the Border Troops of the State "
    "Committee for National Security of the Republic of Tajikistan completed a document security course "
    "in Khorog today. The course ran from 11 to 13 September 2023 and was organised by the EU-funded "
    "Border Management Programme in Central Asia (BOMCA).\n"
    "\n"
    "Since 2003 the programme has trained more than 5,000 border guards of the region. BOMCA handed over "
    "equipment worth EUR 64,800 to the Khorog detachment; its current phase has a budget of EUR 12.4 "
    "million for 2023-2027.\n"
    "\n"
)


def test_an_english_page_reads_its_header_dates_counts_and_amounts():
    found = facts(PAGE)
    assert found.language == "en"
    assert found.title == "Border officers of Tajikistan learn to detect forged passports"
    assert (found.dateline_city, found.publication_date) == ("Хорог", D(2023, 9, 13))
    assert (found.event_start, found.event_end, found.participants) == (D(2023, 9, 11), D(2023, 9, 13), 22)
    assert (D(2023, 9, 14), D(2023, 9, 14)) in dates(found)  # the stamp
    assert (D(2023, 1, 1), D(2027, 12, 31)) in dates(found)
    assert [m.value_num for m in found.mentions if m.field == "participants"] == [22]  # not the 5,000 trained
    assert sorted(m.value_num for m in found.mentions if m.field == "amount_eur") == [64800, 12400000]


def test_english_names_take_the_canonical_values_and_ids_of_the_russian_ones():
    found = facts(PAGE)
    bomca = [m for m in found.mentions if m.field == "organisation" and "Central Asia" in m.text]
    assert [(m.value, m.entity_id) for m in bomca] == [
        ("Программа содействия управлению границами в Центральной Азии", "org:bomca")
    ]
    troops = [m for m in found.mentions if m.field == "organisation" and m.text.startswith("Border Troops")]
    assert [(m.value, m.entity_id) for m in troops] == [
        (
            "Пограничные войска Государственного комитета национальной безопасности Республики Таджикистан",
            "org:tj-border-troops",
        )
    ]
    assert values(found, "country")[0] == "Таджикистан"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The workshop took place on March 2-4, 2021 in Tashkent.", (D(2021, 3, 2), D(2021, 3, 4))),
        ("The seminar was held in Ashgabat from March 11 through March 13, 2024.", (D(2024, 3, 11), D(2024, 3, 13))),
        ("The training ran from 19 April to 1 May 2021.", (D(2021, 4, 19), D(2021, 5, 1))),
        ("Between 29 May and 1 June 2023, grants were reviewed.", (D(2023, 5, 29), D(2023, 6, 1))),
        ("The agency has worked with customs since 2003.", (D(2003, 1, 1), None)),
        ("The office opened in the 1990s.", (D(1990, 1, 1), D(1999, 12, 31))),
        ("Posted on June 13, 2022", (D(2022, 6, 13), D(2022, 6, 13))),
        ("The strategy covers 2021–2024.", (D(2021, 1, 1), D(2024, 12, 31))),
        ("The amendments should be ready by March 2025.", (D(2025, 3, 1), D(2025, 3, 31))),
        ("The project runs until March 2025.", (D(2025, 3, 1), D(2025, 3, 31))),
        ("The workshop, held on 30 June-3 July 2024, was organised by IOM.", (D(2024, 6, 30), D(2024, 7, 3))),
        ("The course ran May 30-June 2, 2024 in Osh.", (D(2024, 5, 30), D(2024, 6, 2))),
    ],
)
def test_english_dates_and_ranges(sentence, expected):
    assert expected in dates(facts(sentence))


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The EU allocated EUR 3.5 million to the project.", (3500000, None)),
        ("Equipment worth €3.2 million was delivered.", (3200000, None)),
        ("The budget is 3.2 million euros.", (3200000, None)),
        ("Kits worth over EUR 400,000 were handed over.", (400000, "more_than")),
        ("The programme will spend almost EUR 9 million.", (9000000, "less_than")),
        ("Grants of around EUR 15,000 each were awarded.", (15000, "approx")),
        ("Vehicles worth 49,977.89 EUR were delivered.", (49977.89, None)),
        ("The phase started in April 2021 with a budget of 21.65 M EUR.", (21650000, None)),
        ("The EU signed a EUR 5m grant for the agency.", (5000000, None)),
        ("The project, worth €3.5mn, ends in 2026.", (3500000, None)),
    ],
)
def test_english_amounts(sentence, expected):
    [mention] = [m for m in facts(sentence).mentions if m.field == "amount_eur"]
    assert (float(mention.value_num), mention.qualifier) == pytest.approx(expected)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Thirty-two officers took part in the course.", [(32, None)]),
        ("A total of 24 customs officials from three countries are taking part.", [(24, None)]),
        ("More than 60 participants attended the forum.", [(60, "more_than")]),
        ("Some 25 specialists of migration services attended the workshop.", [(25, "approx")]),
        ("Since 2009 the college has trained more than 4,000 border officials.", []),
        ("Up to 5,000 people cross the checkpoint daily.", []),
        (  # the event named far before the count its 'for' introduces
            "On 3 May the office held a course on the profiling of passengers, vehicles and cargo at the premises "
            "of the Dostuk road crossing point on the state border between Kyrgyzstan and Uzbekistan for twelve "
            "customs officers from the State Customs Service.",
            [(12, None)],
        ),
        ("Since 2009 the programme has built housing for 200 border guards.", []),
        ("Twenty-four mid- to senior-level border and customs officials attended the course.", [(24, None)]),
        ("Twenty-six officers improved their skills in profiling and vehicle inspection.", [(26, None)]),
    ],
)
def test_english_participant_counts_and_their_decoys(sentence, expected):
    found = facts(sentence)
    assert [(m.value_num, m.qualifier) for m in found.mentions if m.field == "participants"] == expected


def test_a_comma_splits_two_english_names_with_heads_but_not_a_list_of_domains():
    text = (
        "Lecturers came from the Academy of Public Administration, National Defense University and the "
        "Ministry of Labour, Social Security and Migration."
    )
    assert [m.text for m in facts(text).mentions if m.field == "organisation"] == [
        "Academy of Public Administration",
        "National Defense University",
        "Ministry of Labour, Social Security and Migration",
    ]


def test_english_organisations_split_at_and_the_and_keep_attached_places():
    text = (
        "The round table was organised by the OSCE Programme Office in Dushanbe together with the Ministry of "
        "Internal Affairs of the Republic of Tajikistan and the Customs Service under the Government of the "
        "Republic of Tajikistan. The EU-funded programme paid for it."
    )
    found = [(m.text, m.value) for m in facts(text).mentions if m.field == "organisation"]
    assert found == [
        ("OSCE Programme Office in Dushanbe", "OSCE Programme Office in Dushanbe"),
        (
            "Ministry of Internal Affairs of the Republic of Tajikistan",
            "Министерство внутренних дел Республики Таджикистан",
        ),
        (
            "Customs Service under the Government of the Republic of Tajikistan",
            "Таможенная служба при Правительстве Республики Таджикистан",
        ),
        ("EU", "Европейский союз"),  # 'EU-funded' names its funder
    ]


def test_an_and_inside_a_name_is_not_a_split():
    text = (
        "In Riga the delegation met the Office of Citizenship and Migration Affairs of Latvia and the State "
        "Employment Agency; the Ministry of Labour, Social Security and Migration of the Kyrgyz Republic sent "
        "two officials."
    )
    found = [(m.value, m.entity_id) for m in facts(text).mentions if m.field == "organisation"]
    assert found == [
        ("Office of Citizenship and Migration Affairs of Latvia", None),
        ("State Employment Agency", None),
        ("Министерство труда, социального обеспечения и миграции Кыргызской Республики", "org:kg-labour"),
    ]


SHORT_REFERENCES = (
    "Karakol, 9 October 2022. Officers of the Border Service of the State Committee for National Security of "
    "the Kyrgyz Republic and trainers of the Customs Institute of the State Customs Committee of the Republic "
    "of Uzbekistan met at the OSCE Centre in Bishkek. The Kyrgyz Border Service will host the next round; the "
    "State Customs Committee sent its curriculum, and the OSCE Centre paid for the interpreters. The Border "
    "Service thanked the Customs Institute."
)


@pytest.mark.parametrize(
    "short, value",
    [
        (
            "Kyrgyz Border Service",
            "Пограничная служба Государственного комитета национальной безопасности Кыргызской Республики",
        ),
        (
            "Border Service",
            "Пограничная служба Государственного комитета национальной безопасности Кыргызской Республики",
        ),
        (
            "State Customs Committee",
            "Государственный таможенный комитет Республики Узбекистан",
        ),  # named inside the institute's name
        ("OSCE Centre", "OSCE Centre in Bishkek"),
        ("Customs Institute", "Customs Institute of the State Customs Committee of the Republic of Uzbekistan"),
    ],
)
def test_a_short_reference_takes_the_value_of_the_fuller_name(short, value):
    found = {m.text: (m.value, m.method) for m in facts(SHORT_REFERENCES).mentions if m.field == "organisation"}
    assert found[short] == (value, "reference")


def test_a_short_name_no_fuller_name_contains_stays_as_written():
    text = "The State Employment Agency of Latvia and the Border Service of Estonia met in Riga."
    assert set(values(facts(text), "organisation")) == {
        "State Employment Agency of Latvia",
        "Border Service of Estonia",
    }


def test_english_cities_by_their_geonames_spellings_and_our_aliases():
    found = facts("Officers from Khorog, Kulob, Termez and Dashoguz met in Lappeenranta and Mazar-i-Sharif.")
    assert values(found, "city") == ["Хорог", "Куляб", "Термез", "Дашогуз", "Лаппеэнранта", "Мазари-Шариф"]


def test_our_alias_wins_over_a_geonames_spelling():
    found = facts("The forum was held in Nur-Sultan.")  # GeoNames lists 'Nur-Sultan' under Astana
    assert [(m.value, m.entity_id) for m in found.mentions if m.field == "city"] == [("Нур-Султан", "geonames:1526273")]


def test_a_city_s_own_name_wins_over_another_city_s_spelling():
    found = facts("Border guards from Talas and Taraz met in Bishkek.")  # GeoNames spells Taraz 'Talas' too
    assert [(m.value, m.country_code) for m in found.mentions if m.field == "city"] == [
        ("Талас", "KG"),
        ("Тараз", "KZ"),
        ("Бишкек", "KG"),
    ]


def test_a_city_name_that_names_its_region_is_no_city():
    found = facts("The centre serves returnees from the Osh, Jalal-Abad and Batken regions and from Naryn.")
    assert values(found, "city") == ["Нарын"]


def test_a_city_name_that_names_a_valley_or_a_river_is_no_city():
    found = facts("Posts along the Naryn River and farms in the Fergana Valley were visited from Osh.")
    assert values(found, "city") == ["Ош"]


HEADS = [
    (  # a stamp beside a country rubric; a site name above the menu; a range opening the lead
        "NEWS OF THE REGION\nPolitics | Region | World\nUzbekistan 05/03/2021\n\n"
        "CUSTOMS EXPERTS REVIEW THE KYOTO CONVENTION\n\n"
        "On 2-4 March 2021, a workshop on the revised Kyoto Convention gathered 22 specialists in Tashkent.\n",
        ("CUSTOMS EXPERTS REVIEW THE KYOTO CONVENTION", D(2021, 3, 5), D(2021, 3, 2), D(2021, 3, 4)),
    ),
    (  # no stamp: the range opening the lead dates the page
        "Officers study container profiling\n\n"
        "On 12-14 October 2022, the UNODC held a national training for port control officers in Almaty.\n",
        ("Officers study container profiling", D(2022, 10, 12), D(2022, 10, 12), D(2022, 10, 14)),
    ),
    (  # a credit with its author after the dateline; 'through' ends the range
        "Seminar on border crossing points\n\n"
        "ASHGABAT, Turkmenistan, March 14. By Anna Petrova – Trend:\n\n"
        "A regional seminar was held in Ashgabat from March 11 through March 13, Trend reports.\n",
        ("Seminar on border crossing points", D(2025, 3, 14), D(2025, 3, 11), D(2025, 3, 13)),
    ),
    (  # 'started today ... will last until'
        "X-ray course opens in Tashkent\n\n14.06.2022 | 14:35\n\n"
        "TASHKENT (UzA) — A regional course on X-ray image analysis started today at the Customs Institute. "
        "The course will last until 17 June.\n",
        ("X-ray course opens in Tashkent", D(2022, 6, 14), D(2022, 6, 14), D(2022, 6, 17)),
    ),
    (  # 'concluded yesterday ... which began on'
        "Thirty officers graduate from a staff course\n\n"
        "DUSHANBE, June 9, 2023, Asia-Plus — The college yesterday concluded its one-month staff course, "
        "which began on May 10.\n",
        ("Thirty officers graduate from a staff course", D(2023, 6, 9), D(2023, 5, 10), D(2023, 6, 8)),
    ),
    (  # the dateline's date in brackets, as a delegation's archive writes it
        "Customs and EU experts plan a profiling course\n\n"
        "Bishkek, Kyrgyzstan (October 12, 2016) – Experts of the EU and the State Customs Service met in "
        "Bishkek to plan a course on risk profiling.\n",
        ("Customs and EU experts plan a profiling course", D(2016, 10, 12), D(2016, 10, 12), D(2016, 10, 12)),
    ),
    (  # a course of four weeks that ended today began 27 days before
        "Staff course concludes\n\nDushanbe, 24 March 2021 – A four-week course for border officers concluded "
        "today in Dushanbe.\n",
        ("Staff course concludes", D(2021, 3, 24), D(2021, 2, 25), D(2021, 3, 24)),
    ),
    (  # a range of days opening the dateline, before the place
        "Border officers trained in profiling\n\n"
        "14-18 October 2024, Dushanbe, Tajikistan.- The UNODC held a course on passenger profiling for border "
        "officers.\n",
        ("Border officers trained in profiling", D(2024, 10, 14), D(2024, 10, 14), D(2024, 10, 18)),
    ),
]


@pytest.mark.parametrize("text, expected", HEADS)
def test_english_page_heads_and_event_days(text, expected):
    found = extract_facts(text, published=D(2025, 3, 14) if "March 14." in text else None)
    assert (found.title, found.publication_date, found.event_start, found.event_end) == expected


def test_a_year_less_date_takes_its_year_from_the_nearest_full_date_not_a_bare_year():
    text = (
        "Tashkent, Uzbekistan (UzDaily.com) -- A workshop was held in Tashkent on March 2-4, 2021.\n\n"
        "The experts will send their analysis by 30 April.\n\n"
        "BOMCA began its work in Central Asia in 2003.\n"
    )
    assert (D(2021, 4, 30), D(2021, 4, 30)) in dates(facts(text))


BILINGUAL = (
    "Пограничники Согдийской области освоили совместный контроль\n"
    "\n"
    "Худжанд, 28 сентября 2023 г. – С 24 по 28 сентября 20 сотрудников пограничных и таможенных органов "
    "прошли обучение совместному контролю на пункте пропуска в рамках программы БОМКА.\n"
    "\n"
    "Summary in English: from 24 to 28 September, twenty officers from Khujand and Istaravshan practised "
    "joint control; the EU funds the component with EUR 1.2 million until 2025.\n"
    "\n"
)


def test_a_russian_release_reads_its_english_block_in_english():
    assert [b.language for b in language_blocks(BILINGUAL)] == ["ru", "en"]
    found = facts(BILINGUAL)
    assert (found.language, found.dateline_city, found.participants) == ("ru", "Худжанд", 20)
    assert "Истаравшан" in values(found, "city")
    assert [m.value_num for m in found.mentions if m.field == "amount_eur"] == [1200000]
    assert (D(2025, 1, 1), D(2025, 12, 31)) in dates(found)


def test_a_short_paragraph_after_an_english_quote_is_read_in_its_own_language():
    text = (
        "Пограничники Согда освоили совместный контроль\n\n"
        "Худжанд, 28 сентября 2023 г. – Сегодня в Худжанде завершился пятидневный курс по совместному "
        "контролю для пограничников и таможенников.\n\n"
        '"Joint control saves time for traders and makes the border safer; these officers will now teach '
        'their colleagues," the programme manager said.\n\n'
        "В 2023 году на оборудование программа направила 1,2 млн евро.\n"
    )
    assert [b.language for b in language_blocks(text)] == ["ru", "en", "ru"]
    assert [m.value_num for m in facts(text).mentions if m.field == "amount_eur"] == [1200000]


def test_an_image_line_above_a_russian_lead_has_no_language():
    text = (
        "![](https://customs-news.example.tm/uploads/2018/02/seminar-turkmenabat-phytosanitary.jpg)\n\n"
        "21 февраля 2018 года в Туркменабате начался семинар по фитосанитарному контролю на границе.\n"
    )
    assert [b.language for b in language_blocks(text)] == ["ru"]
    assert facts(text).publication_date == D(2018, 2, 21)


def test_a_dateline_opening_with_a_range_of_days_names_its_city():
    text = "Customs officers trained\n\n20-22 August 2019, ASHGABAT, Turkmenistan - The UNODC held a course.\n"
    found = extract_facts(text)
    assert (found.dateline_city, found.event_start, found.event_end) == ("Ашхабад", D(2019, 8, 20), D(2019, 8, 22))


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # a title-case headline's verb ends the name
            "Regional Training Centre Hosts Afghan Border Officers in Termez\n\n"
            "Termez, 22 August 2019 – The course was held for border officers.\n",
            ["Regional Training Centre"],
        ),
        (  # a past-tense one too
            "Border Liaison Office Opened on the Kazakh-Kyrgyz Border\n\n"
            "Kordai, 12 June 2024 – A course for border officers was held in Kordai.\n",
            ["Border Liaison Office"],
        ),
        (  # so does a month
            "Training news\n\nDushanbe, 30 November 2007 – BOMCA opened a class in the Border Service Training "
            "Department on November 29.\n",
            ["Программа содействия управлению границами в Центральной Азии", "Border Service Training Department"],
        ),
        (  # a list of domains with a comma before its 'and' is one name
            "Youth news\n\nDushanbe, 12 June 2024 – The Committee on Youth, Sport, and Tourism met Germany, Norway, "
            "and the European Union.\n",
            ["Committee on Youth, Sport, and Tourism", "Европейский союз"],
        ),
        (  # 'and' + a lone acronym is two names
            "Training news\n\nBishkek, 16 November 2017 – Staff of the Embassy of Germany and CADAP met in Bishkek.\n",
            ["Embassy of Germany", "Программа действий по борьбе с наркотиками в Центральной Азии"],
        ),
        (  # a headline or sentence word before a name and a title after it are no part of it
            "Farewell news\n\nDushanbe, 23 December 2014 – The minister received the Outgoing United Nations Office "
            "on Drugs and Crime Resident Representative.\n",
            ["Управление ООН по наркотикам и преступности"],
        ),
        (
            "OSCE news\n\nAshgabat, 21 August 2009 – Following the Madrid Ministerial Council Decision, the OSCE "
            "trains officers from Afghanistan.\n",
            ["Madrid Ministerial Council", "Организация по безопасности и сотрудничеству в Европе"],
        ),
        (  # a title before a person's name ends the name before it
            "Border news\n\nDushanbe, 22 May 2014 – The Head of Delegation Ambassador Franz Mellbin spoke at the "
            "European Union ceremony.\n",
            ["Европейский союз"],
        ),
    ],
)
def test_an_english_name_ends_before_a_month_a_headline_verb_or_an_acronym_after_and(text, expected):
    assert values(extract_facts(text), "organisation") == expected


def test_an_acronym_a_phrase_with_no_institution_head_defines_is_a_concept():
    text = (
        "Study visit\n\nBishkek, 3 May 2024 – The officials studied the EU approach to Integrated Border "
        "Management (IBM) and visited four Border Crossing Points (BCP). IBM was discussed with the Drug "
        "Control Agency (DCA).\n"
    )
    names = [m.text for m in facts(text).mentions if m.field == "organisation"]
    assert "IBM" not in names and "BCP" not in names
    assert {"EU", "Drug Control Agency", "DCA"} <= set(names)
