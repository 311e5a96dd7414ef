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
EXECUTABLE = "lotse.exe" if sys.platform == "win32" else "lotse"


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


def run_bundle(bundle: Path, data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "LOTSE_DATA_DIR": str(data),
        "QT_QPA_PLATFORM": "offscreen",
        "LOTSE_PASSPHRASE": TEST_PASSPHRASE,
    }
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [str(bundle / EXECUTABLE), *args],
        env=env,
        capture_output=True,
        text=True,
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
