"""Where the data live: --data-dir, LOTSE_DATA_DIR, lotse.ini, the default; network drives,
UNC paths and OneDrive refused with a German message, local folders accepted."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.data_location import choice_problem, cloud_folder, location_problem, mount_type
from app.paths import Choice, Source, choose, expand
from tests.test_cli import assert_refused, run_lotse

ENV = {"LOCALAPPDATA": r"C:\Users\Łukasz\AppData\Local", "USERPROFILE": r"C:\Users\Łukasz"}
FIXED, REMOTE = 3, 4  # GetDriveTypeW
MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
//fileserver/home /home/lukasz/H cifs rw,vers=3.0 0 0
server:/export /mnt/nfs\\040Daten nfs4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


def drives(kinds: dict[str, int]):
    return lambda root: kinds.get(root[0].upper(), FIXED)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (r'"%LOCALAPPDATA%\Lotse"', r"C:\Users\Łukasz\AppData\Local\Lotse"),
        (r"  '%localappdata%\Lotse'  ", r"C:\Users\Łukasz\AppData\Local\Lotse"),
        (r"%USERPROFILE%\Lotse Daten", r"C:\Users\Łukasz\Lotse Daten"),
        (r"%UNBEKANNT%\Lotse", r"%UNBEKANNT%\Lotse"),  # an unknown variable stays as typed
        ("$USERPROFILE/x", r"C:\Users\Łukasz/x"),
    ],
)
def test_a_typed_folder_is_unquoted_and_expanded(typed, expected):
    assert expand(typed, ENV) == expected


def test_the_option_comes_before_the_variable_before_the_ini_before_the_default(tmp_path):
    ini = tmp_path / "stick" / "lotse.ini"
    ini.parent.mkdir()
    ini.write_text("[Lotse]\ndata_dir = Daten\n", encoding="utf-8")
    default = tmp_path / "default"
    env = {"LOTSE_DATA_DIR": f'"{tmp_path / "env"}"'}

    def chosen(option, environ, ini_file):
        return choose(option=option, environ=environ, ini=ini_file, default=lambda: default)

    assert chosen(str(tmp_path / "opt"), env, ini) == Choice(tmp_path / "opt", Source.OPTION)
    assert chosen(None, env, ini) == Choice(tmp_path / "env", Source.ENVIRONMENT)
    assert chosen(None, {}, ini) == Choice(ini.parent / "Daten", Source.INI, ini)
    assert chosen(None, {"LOTSE_DATA_DIR": "  "}, None) == Choice(default, Source.DEFAULT)
    ini.write_text("[Lotse]\n", encoding="utf-8")  # no entry: the default
    assert chosen(None, {}, ini) == Choice(default, Source.DEFAULT)


def test_an_unreadable_ini_is_refused_with_a_german_message(tmp_path):
    ini = tmp_path / "lotse.ini"
    ini.write_text("data_dir = ohne Abschnitt\n", encoding="utf-8")
    choice = choose(option=None, environ={}, ini=ini, default=lambda: tmp_path / "d")
    assert choice.ini_error and choice.source is Source.INI
    message = choice_problem(choice, tmp_path / "d")
    assert message is not None and str(ini) in message and "[Lotse]" in message
    assert message.startswith("Die Datei")


@pytest.mark.parametrize(
    "folder",
    [
        r"\\fileserver\home$\lukasz\Lotse",
        "//fileserver/home/Lotse",
        r"H:\Lotse",  # a mapped network drive
    ],
)
def test_network_folders_are_refused_on_windows(folder):
    message = location_problem(folder, environ=ENV, windows=True, drive_type=drives({"H": REMOTE}))
    assert message is not None
    assert "Netzlaufwerk" in message and folder in message and "backup --to ORDNER" in message


@pytest.mark.parametrize(
    "folder",
    [
        r"C:\Users\Łukasz\AppData\Local\Lotse",
        r"D:\Lotse",  # a USB stick or a second disk
        r"\\?\C:\Users\Łukasz\AppData\Local\Lotse",  # a long-path prefix, not a share
    ],
)
def test_local_folders_are_accepted_on_windows(folder):
    assert location_problem(folder, environ=ENV, windows=True, drive_type=drives({})) is None


@pytest.mark.parametrize(
    ("folder", "environ"),
    [
        (r"C:\Users\Łukasz\OneDrive\Dokumente\Lotse", {"OneDrive": r"C:\Users\Łukasz\OneDrive"}),
        (
            r"c:\users\łukasz\onedrive - landkreis musterland\Lotse",
            {"OneDriveCommercial": r"C:\Users\Łukasz\OneDrive - Landkreis Musterland"},
        ),
        (r"E:\OneDrive\Lotse", {}),  # a moved OneDrive folder without its variable
    ],
)
def test_cloud_synchronised_folders_are_refused(folder, environ):
    message = location_problem(folder, environ=environ, windows=True, drive_type=drives({}))
    assert message is not None
    assert "Cloud" in message and folder in message
    assert cloud_folder(folder, environ=environ, windows=True) is not None


def test_network_mounts_are_refused_on_linux():
    assert mount_type("/home/lukasz/H/Lotse", MOUNTS) == "cifs"
    assert mount_type("/mnt/nfs Daten/Lotse", MOUNTS) == "nfs4"
    assert mount_type("/home/lukasz/Hx", MOUNTS) == "ext4"  # a sibling, not below the mount
    for folder in ("/home/lukasz/H/Lotse", "/mnt/nfs Daten/Lotse"):
        message = location_problem(folder, environ={}, windows=False, mounts=MOUNTS)
        assert message is not None and "Netzlaufwerk" in message
    assert location_problem("/home/lukasz/Lotse", environ={}, windows=False, mounts=MOUNTS) is None


def test_the_command_line_takes_data_dir_and_refuses_a_cloud_folder(tmp_path):
    local = tmp_path / "Łukasz Müller"
    result = run_lotse("--data-dir", str(local), "check", data_dir=tmp_path / "unused")
    assert result.stdout.startswith(f"Datenbank: {local / 'lotse.sqlite'}"), result.stdout
    assert result.returncode == 1  # nothing there yet

    cloud = tmp_path / "OneDrive" / "Lotse"
    refused = run_lotse("--data-dir", str(cloud), "demo", "--participants", "3", data_dir=local)
    assert refused.returncode == 1
    assert "Cloud" in refused.stderr and "Traceback" not in refused.stderr
    assert not (cloud / "lotse.sqlite").exists()

    assert_refused(run_lotse("--data-dir", " ", "check", data_dir=local), "--data-dir")


def test_the_environment_variable_may_be_quoted_with_a_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("LOTSE_TEST_ROOT", str(tmp_path))
    result = run_lotse("check", data_dir=Path('"%LOTSE_TEST_ROOT%/Daten"'))
    assert result.stdout.startswith(f"Datenbank: {tmp_path / 'Daten' / 'lotse.sqlite'}")
