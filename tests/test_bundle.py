"""The PyInstaller bundle (build.spec) builds, starts, migrates its database and speaks German."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

import app
from app.db import keys
from app.db.migrate import head_revision
from tests.locations import TEST_PASSPHRASE, open_file

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 300
SUFFIX = ".exe" if sys.platform == "win32" else ""
EXECUTABLE = f"lotse{SUFFIX}"  # the window (windowed on Windows)
CONSOLE = f"lotse-cli{SUFFIX}"  # the command line (a console program everywhere)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build once per test run; returns the one-folder bundle dist/lotse."""
    work = tmp_path_factory.mktemp("bundle")
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(work / "dist"),
        "--workpath",
        str(work / "build"),
        "build.spec",
    ]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    folder = work / "dist" / "lotse"
    assert (folder / EXECUTABLE).is_file()
    return folder


def run_bundle(
    bundle: Path,
    data: Path | None,
    *args: str,
    executable: str = EXECUTABLE,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "LOTSE_PASSPHRASE": TEST_PASSPHRASE,
        **(env or {}),
    }
    environment.pop("PYTHONPATH", None)
    environment.pop("LOTSE_DATA_DIR", None)
    if data is not None:
        environment["LOTSE_DATA_DIR"] = str(data)
    return subprocess.run(
        [str(bundle / executable), *args],
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=TIMEOUT,
    )


def test_smoke_opens_the_window_and_migrates(bundle: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run_bundle(bundle, data, "--smoke")
    assert result.returncode == 0, result.stdout + result.stderr
    database = data / "lotse.sqlite"
    assert database.is_file()
    key = keys.unlock(data / "lotse.key", TEST_PASSPHRASE)  # encrypted with the wrapped key
    with closing(open_file(database, key)) as conn:
        revisions = [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]
    assert revisions == [head_revision()]
    check = run_bundle(bundle, data, "check")  # SQLCipher and Argon2 travel in the bundle
    assert check.returncode == 0, check.stdout + check.stderr
    assert "SQLCipher" in check.stdout and "Ergebnis: ok" in check.stdout


def test_version(bundle: Path, tmp_path: Path) -> None:
    result = run_bundle(bundle, tmp_path / "data", "--version")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == f"Lotse {app.__version__}"


def test_bundle_carries_the_german_catalogs(bundle: Path) -> None:
    catalogs = [
        path
        for path in bundle.rglob("lotse.mo")
        if path.parts[-5:] == ("resources", "locale", "de", "LC_MESSAGES", "lotse.mo")
    ]
    assert catalogs, "resources/locale/de/LC_MESSAGES/lotse.mo is missing from the bundle"
    source = ROOT / "resources" / "locale" / "de" / "LC_MESSAGES" / "lotse.mo"
    assert catalogs[0].read_bytes() == source.read_bytes()
    assert any(bundle.rglob("qtbase_de.qm")), "Qt's German translations are missing"


def test_the_console_executable_prints_version_and_check(bundle: Path, tmp_path: Path) -> None:
    assert (bundle / CONSOLE).is_file() and os.access(bundle / CONSOLE, os.X_OK)
    version = run_bundle(bundle, tmp_path / "data", "--version", executable=CONSOLE)
    assert version.returncode == 0 and version.stdout.strip() == f"Lotse {app.__version__}"
    data = tmp_path / "data"
    assert run_bundle(bundle, data, "--smoke").returncode == 0  # a database to check
    check = run_bundle(bundle, data, "check", executable=CONSOLE)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Ergebnis: ok" in check.stdout


def test_output_is_utf8_whatever_the_environment_says(bundle: Path, tmp_path: Path) -> None:
    """The bundle runs in UTF-8 mode with its own configuration: a data location named
    Łukasz Müller is printed as UTF-8 even when PYTHONIOENCODING asks for cp1252 (which the
    bundle ignores; from source, tests/test_cli.py shows the same output cannot crash)."""
    data = tmp_path / "Łukasz Müller"
    assert run_bundle(bundle, data, "--smoke").returncode == 0
    check = subprocess.run(
        [str(bundle / CONSOLE), "check"],
        env={**os.environ, "LOTSE_DATA_DIR": str(data), "LOTSE_PASSPHRASE": TEST_PASSPHRASE,
             "PYTHONIOENCODING": "cp1252"},
        capture_output=True,
        timeout=TIMEOUT,
    )  # fmt: skip
    assert check.returncode == 0, check.stderr
    assert f"Datenbank: {data / 'lotse.sqlite'}" in check.stdout.decode("utf-8")


def test_lotse_ini_beside_the_program_names_the_data_location(bundle: Path, tmp_path: Path) -> None:
    """Portable use: a lotse.ini beside the executables with a folder relative to it."""
    ini = bundle / "lotse.ini"
    ini.write_text("[Lotse]\ndata_dir = Daten vom Stick\n", encoding="utf-8")
    try:
        result = run_bundle(bundle, None, "check", executable=CONSOLE)
    finally:
        ini.unlink()
    assert f"Datenbank: {bundle / 'Daten vom Stick' / 'lotse.sqlite'}" in result.stdout
    assert result.returncode == 1  # no database there yet: "keine Datenbank"


def test_bundle_carries_the_icon(bundle: Path) -> None:
    icons = {path.name for path in bundle.rglob("lotse.*") if path.parent.name == "icons"}
    assert icons == {"lotse.ico", "lotse.png"}
