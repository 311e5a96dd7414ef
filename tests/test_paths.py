from pathlib import Path

import pytest

from app import paths


def test_env_variable_overrides_data_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "usb"))
    assert paths.data_dir() == (tmp_path / "usb").resolve()
    assert paths.data_paths().database == (tmp_path / "usb" / "lotse.sqlite").resolve()


def test_default_is_platform_user_data_dir(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    import platformdirs

    expected = Path(platformdirs.user_data_dir("Lotse", appauthor=False, roaming=False))
    assert paths.data_dir() == expected
    assert paths.data_dir().name == "Lotse"


def test_resources_hold_fonts_and_catalog():
    root = paths.resource_dir()
    assert (root / "fonts" / "DejaVuSans.ttf").is_file()
    assert (root / "fonts" / "LICENSE-DejaVu.txt").is_file()
    assert (root / "locale" / "de" / "LC_MESSAGES" / "lotse.mo").is_file()
