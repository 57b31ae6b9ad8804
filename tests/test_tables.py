import pytest

from bomca_extract.output.tables import to_table, write_table
from bomca_extract.staging import atomic_write


def test_failed_write_leaves_the_previous_file_whole(tmp_path):
    target = tmp_path / "documents.csv"
    target.write_text("old complete table\n")

    def crash(path):
        with open(path, "w") as handle:
            handle.write("half a tab")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, crash)
    assert target.read_text() == "old complete table\n"
    assert list(tmp_path.iterdir()) == [target]


def test_empty_tables_keep_their_columns(tmp_path):
    write_table(to_table("mentions", []), tmp_path, "mentions")
    assert (tmp_path / "mentions.csv").read_text().startswith("doc_id,field,text,value,value_num,date_start")


def test_tables_get_the_permissions_of_any_new_file(tmp_path):
    """Staged through mkstemp (mode 0600), the tables must still be readable as the umask allows."""
    write_table(to_table("documents", []), tmp_path, "documents")
    reference = tmp_path / "reference"
    reference.write_text("")
    for name in ("documents.csv", "documents.parquet"):
        assert (tmp_path / name).stat().st_mode == reference.stat().st_mode
