"""Short names of the programmes (`BOMCA`), keyed by the canonical organisation value an amount's
owner or an event's organiser carries."""

from __future__ import annotations

from functools import lru_cache

from ..nlp.gazetteer import load_gazetteer


@lru_cache(maxsize=1)
def programme_names() -> dict[str, str]:
    """Canonical organisation name -> programme short name, as the gazetteer reads them from
    lang/ru/organisations.tsv and lang/ru/programmes.tsv."""
    gazetteer = load_gazetteer()
    ids, short = gazetteer.organisation_ids, gazetteer.programmes
    return {name: short[org_id] for name, org_id in ids.items() if org_id in short}
