"""The `lotse` command line, run as a real process where the exit code matters."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from app.bootstrap import bootstrap
from tests.locations import TEST_PASSPHRASE, new_location, open_file


def run_lotse(
    *args: str, data_dir: Path, timeout: int = 120, passphrase: str | None = TEST_PASSPHRASE
) -> subprocess.CompletedProcess:
    env = {**os.environ, "LOTSE_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("LOTSE_PASSPHRASE", None)
    if passphrase is not None:
        env["LOTSE_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, "-m", "ui.main", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


def assert_refused(result: subprocess.CompletedProcess, message: str) -> None:
    """Exit 2 with a German message naming the problem, and no traceback."""
    assert result.returncode == 2, result.stderr
    assert "Fehler" in result.stderr and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_version(data_dir):
    result = run_lotse("--version", data_dir=data_dir)
    assert result.returncode == 0
    assert result.stdout.strip() == f"Lotse {__version__}"


@pytest.mark.parametrize(
    "args",
    [
        ("--frobnicate",),
        ("demo",),
        ("demo", "--participants", "viele"),
        ("demo", "--participants", "0"),
        ("export",),
    ],
)
def test_bad_arguments_give_usage_and_exit_2(args, data_dir):
    result = run_lotse(*args, data_dir=data_dir)
    assert result.returncode == 2
    assert "lotse" in result.stderr
    assert "Fehler" in result.stderr
    assert not (data_dir / "lotse.sqlite").exists()


def test_check_without_database(data_dir):
    result = run_lotse("check", data_dir=data_dir)
    assert result.returncode == 1
    assert "keine Datenbank" in result.stdout


def test_check_reports_ok_on_fresh_database(data_dir):
    paths, key = new_location(data_dir)
    bootstrap(paths, key=key).close()
    result = run_lotse("check", data_dir=data_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ergebnis: ok" in result.stdout
    assert "Integrität: ok" in result.stdout


def test_check_reports_outdated_schema(data_dir):
    paths, key = new_location(data_dir)
    bootstrap(paths, key=key).close()
    conn = open_file(paths.database, key)
    conn.execute("DELETE FROM alembic_version")
    conn.close()
    result = run_lotse("check", data_dir=data_dir)
    assert result.returncode == 1
    assert "NICHT ok" in result.stdout


def test_smoke_opens_window_and_exits_0(data_dir):
    result = run_lotse("--smoke", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert (data_dir / "lotse.sqlite").is_file()


def test_output_into_a_cp1252_stream_cannot_crash(tmp_path):
    """Windows with redirected output and no UTF-8 mode encodes as cp1252: a path with Ł is
    printed with '?' for the letter cp1252 lacks (ü stays), never a UnicodeEncodeError."""
    data = tmp_path / "Łukasz Müller"
    paths, key = new_location(data)
    bootstrap(paths, key=key).close()  # a database to check
    env = {**os.environ, "LOTSE_DATA_DIR": str(data), "LOTSE_PASSPHRASE": TEST_PASSPHRASE,
           "PYTHONIOENCODING": "cp1252", "QT_QPA_PLATFORM": "offscreen"}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "ui.main", "check"], env=env, capture_output=True, timeout=120
    )
    out, err = result.stdout.decode("cp1252"), result.stderr.decode("cp1252")
    assert result.returncode == 0, out + err
    assert f"Datenbank: {tmp_path}/?ukasz Müller/lotse.sqlite" in out
    assert "Traceback" not in err
