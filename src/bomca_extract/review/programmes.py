"""Short names of the programmes (`BOMCA`), keyed by the canonical organisation value an amount's
owner or an event's organiser carries."""

from __future__ import annotations

from functools import lru_cache

from ..lang import data_name, data_rows


@lru_cache(maxsize=1)
def programme_names() -> dict[str, str]:
    """Canonical organisation name -> programme short name (lang/ru/programmes.tsv over organisations.tsv)."""
    names = {row[0]: row[1] for row in data_rows("organisations.tsv")}
    short = {}
    for org_id, short_name in data_rows("programmes.tsv"):
        if org_id not in names:
            raise ValueError(f"{data_name('programmes.tsv')}: {org_id}: not an id of {data_name('organisations.tsv')}")
        short[names[org_id]] = short_name
    return short
