"""Shared fixtures: an isolated data location per test, an opened Lotse, offscreen Qt, and
the check that no test leaves threads, pool jobs or timers running (tests/leak_checks.py)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.bootstrap import Lotse, bootstrap  # noqa: E402
from app.models.office_settings import OfficeSettings  # noqa: E402
from app.paths import DATA_DIR_ENV, DataPaths  # noqa: E402
from app.services.settings import save_settings  # noqa: E402
from app.vocab import Program  # noqa: E402
from tests.leak_checks import no_leftover_work  # noqa: E402, F401  (autouse, see there)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated to head once per run; tests start from a copy (saves seconds)."""
    paths = DataPaths(tmp_path_factory.mktemp("template"))
    bootstrap(paths).close()
    return paths.database


@pytest.fixture
def lotse(data_dir: Path, migrated_template: Path) -> Iterator[Lotse]:
    paths = DataPaths(data_dir).ensure()
    shutil.copyfile(migrated_template, paths.database)
    instance = bootstrap(paths)
    yield instance
    instance.close()


EXAMPLE_SETTINGS = OfficeSettings(
    provider="Landkreis Harz – Fachdienst Arbeit",
    district="Landkreis Harz",
    funding_reference="ESF-RA-2024-0815",
    programs=frozenset({Program.JOKO, Program.TRAINING}),
    coordinator_name="Anna Beispiel",
)


@pytest.fixture
def configured_lotse(lotse: Lotse) -> Lotse:
    with lotse.unit_of_work() as uow:
        save_settings(uow, EXAMPLE_SETTINGS)
    return lotse
