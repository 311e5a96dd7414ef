"""Shared fixtures: an isolated data location per test, an opened Lotse, offscreen Qt, and
the check that no test leaves threads, pool jobs or timers running (tests/leak_checks.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.bootstrap import Lotse, bootstrap  # noqa: E402
from app.db import keys  # noqa: E402
from app.models.office_settings import OfficeSettings  # noqa: E402
from app.paths import DATA_DIR_ENV, PASSPHRASE_ENV, DataPaths  # noqa: E402
from app.services.settings import save_settings  # noqa: E402
from app.vocab import Program  # noqa: E402
from tests.leak_checks import no_leftover_work  # noqa: E402, F401  (autouse, see there)
from tests.locations import CHEAP_COST, TEST_PASSPHRASE, copy_location  # noqa: E402


@pytest.fixture(autouse=True)
def cheap_key_derivation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Key files made in tests use a tiny Argon2 cost (stored in the file, so child processes
    opening them are quick too)."""
    monkeypatch.setattr(keys, "DEFAULT_COST", CHEAP_COST)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    monkeypatch.setenv(PASSPHRASE_ENV, TEST_PASSPHRASE)
    return folder


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> DataPaths:
    """A data location (key file, database at head) made once per run; tests start from a
    copy (saves seconds). Every copy has the same data key: ``template_key``."""
    paths = DataPaths(tmp_path_factory.mktemp("template")).ensure()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "DEFAULT_COST", CHEAP_COST)
        key = keys.create_key_file(paths.key_file, TEST_PASSPHRASE, with_recovery_key=False)
    bootstrap(paths, key=key.data_key).close()
    return paths


@pytest.fixture(scope="session")
def template_key(migrated_template: DataPaths) -> bytes:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "DEFAULT_COST", CHEAP_COST)
        return keys.unlock(migrated_template.key_file, TEST_PASSPHRASE)


@pytest.fixture
def lotse(data_dir: Path, migrated_template: DataPaths, template_key: bytes) -> Iterator[Lotse]:
    instance = bootstrap(copy_location(migrated_template, data_dir), key=template_key)
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
