from pathlib import Path

from schoolweave.common.release import code_stamp


def test_the_stamp_changes_with_any_python_file_and_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "views.py").write_text("A = 1\n")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("<p>")
    first = code_stamp(tmp_path)
    assert code_stamp(tmp_path) == first
    (tmp_path / "templates" / "page.html").write_text("<p>changed")
    assert code_stamp(tmp_path) == first
    (tmp_path / "views.py").write_text("A = 2\n")
    assert code_stamp(tmp_path) != first


def test_the_production_cache_keys_start_with_the_stamp() -> None:
    """An upgrade never reads sections an older release pickled."""
    from schoolweave.config import settings as production

    assert production.CACHES["default"]["KEY_PREFIX"] == code_stamp()
