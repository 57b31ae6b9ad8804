import pytest

from bomca_extract.tables import atomic_write, to_table, write_table


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
