"""The store of prebuilt gazetteers: built once per pipeline version, rebuilt when it cannot be read."""

import pickle

import pytest

from bomca_extract.nlp.gazetteer import build_gazetteer
from bomca_extract.nlp.prebuilt import built_once, cache_dir
from bomca_extract.version import pipeline_version

from .conftest import SEEDS


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("BOMCA_EXTRACT_CACHE_DIR", str(tmp_path / "store"))
    return tmp_path / "store"


class Builder:
    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_a_second_start_loads_what_the_first_built(store):
    build = Builder({"Бишкек": ("KG", False)})
    assert built_once("index", build, dict) == built_once("index", build, dict) == build.value
    assert build.calls == 1
    assert [p.name for p in store.iterdir()] == [f"index-{pipeline_version()}.pickle"]


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps({"a": 1})[:-3], b"\x80\x05c__nope__\nX\n."])
def test_a_torn_or_foreign_entry_is_built_again(store, content):
    store.mkdir()
    (store / f"index-{pipeline_version()}.pickle").write_bytes(content)
    build = Builder([1, 2, 3])
    assert built_once("index", build, list) == [1, 2, 3]
    assert built_once("index", build, list) == [1, 2, 3]
    assert build.calls == 1


def test_a_stored_object_of_another_type_is_built_again(store):
    store.mkdir()
    (store / f"index-{pipeline_version()}.pickle").write_bytes(pickle.dumps({"not": "a list"}))
    build = Builder([1, 2, 3])
    assert built_once("index", build, list) == [1, 2, 3]
    assert built_once("index", build, list) == [1, 2, 3]
    assert build.calls == 1


def test_entries_of_other_versions_are_removed(store):
    store.mkdir()
    (store / "index-0.0.1+000000000000.pickle").write_bytes(pickle.dumps("old"))
    assert built_once("index", Builder("new"), str) == "new"
    assert [p.name for p in store.iterdir()] == [f"index-{pipeline_version()}.pickle"]


def test_an_unwritable_store_still_builds(tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("")
    monkeypatch.setenv("BOMCA_EXTRACT_CACHE_DIR", str(blocker / "store"))
    build = Builder("value")
    assert built_once("index", build, str) == built_once("index", build, str) == "value"
    assert build.calls == 2


def test_the_store_defaults_to_the_user_cache(monkeypatch, tmp_path):
    monkeypatch.delenv("BOMCA_EXTRACT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "bomca-extract"


def test_a_stored_gazetteer_finds_what_a_fresh_one_does():
    fresh = build_gazetteer()
    stored = pickle.loads(pickle.dumps(fresh, pickle.HIGHEST_PROTOCOL))
    words = [w for seed in sorted(SEEDS.glob("*.txt")) for w in seed.read_text("utf-8").split()]
    for name in ("regions", "countries", "trusted_cities", "other_cities", "organisations"):
        found = list(getattr(fresh, name).find(words))
        assert found, name
        assert list(getattr(stored, name).find(words)) == found
