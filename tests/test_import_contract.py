"""The layering rules (docs/architecture.md): app/ never imports Qt or ui/, and the layers of
the core and of the face import only downwards; checked by import-linter."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / (
    "lint-imports.exe" if sys.platform == "win32" else "lint-imports"
)
CONTRACT = "The core (app) never imports Qt or the UI"
CORE_LAYERS = "The core's layers: each imports only those below it"
FACE_LAYERS = "The face's layers: pages use record panels, panels use the plan, all use widgets"
TIMEOUT = 120


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the venv's lint-imports in cwd, with cwd first on the import path."""
    env = {**os.environ, "PYTHONPATH": str(cwd), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def ini_value(value: object) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        return "".join(f"\n    {item}" for item in value)
    return str(value)


def importlinter_ini(only: str | None = None) -> str:
    """The repository's [tool.importlinter] configuration, rewritten as an .importlinter file
    (``only``: just the contract of that name)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    settings = dict(config["tool"]["importlinter"])
    contracts = [c for c in settings.pop("contracts") if only in (None, c["name"])]
    lines = ["[importlinter]"]
    lines += [f"{key} = {ini_value(value)}" for key, value in settings.items()]
    for number, contract in enumerate(contracts, start=1):
        contract = dict(contract)
        lines += ["", f"[importlinter:contract:{contract.pop('id', number)}]"]
        lines += [f"{key} = {ini_value(value)}" for key, value in contract.items()]
    return "\n".join(lines) + "\n"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def make_tree(root: Path, module_source: str) -> None:
    """A minimal project: app/ with one module of the given source, ui/, and the contract."""
    write(root / ".importlinter", importlinter_ini(only=CONTRACT))
    write(root / "app" / "__init__.py", "")
    write(root / "app" / "bad.py", module_source)
    write(root / "ui" / "__init__.py", "something = 1\n")


def test_repository_keeps_the_contract() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert CONTRACT in result.stdout


def test_contracts_are_configured() -> None:
    for name in (CONTRACT, CORE_LAYERS, FACE_LAYERS):
        assert f"name = {name}\n" in importlinter_ini()


def test_clean_temporary_tree_passes(tmp_path: Path) -> None:
    make_tree(tmp_path, "import os\n\nfrom app import bad as itself\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("import PySide6.QtCore\n", "PySide6"),
        ("from PySide6 import QtWidgets\n", "PySide6"),
        ("from ui import something\n", "ui"),
    ],
)
def test_violation_breaks_the_contract(tmp_path: Path, source: str, forbidden: str) -> None:
    make_tree(tmp_path, source)
    result = lint_imports(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert CONTRACT in output
    assert "BROKEN" in output
    # app.bad exists only in the temporary tree: proof that grimp analysed it, not the repo.
    assert f"app.bad -> {forbidden}" in output


def copy_of_the_repository(root: Path) -> None:
    """app/ and ui/ as they are, with every contract."""
    write(root / ".importlinter", importlinter_ini())
    for package in ("app", "ui"):
        shutil.copytree(
            ROOT / package, root / package, ignore=shutil.ignore_patterns("__pycache__")
        )


@pytest.mark.parametrize(
    ("module", "upward", "contract"),
    [
        ("app/models/office_settings.py", "app.services.settings", CORE_LAYERS),
        ("app/reports/document.py", "app.services.caseload", CORE_LAYERS),
        ("app/db/reads.py", "app.services.caseload", CORE_LAYERS),
        ("app/i18n.py", "app.vocab", CORE_LAYERS),
        ("ui/widgets/formatting.py", "ui.pages.overview", FACE_LAYERS),
        ("ui/plan/versions.py", "ui.participant.notes_panel", FACE_LAYERS),
    ],
)
def test_an_upward_import_breaks_the_layers(
    tmp_path: Path, module: str, upward: str, contract: str
) -> None:
    copy_of_the_repository(tmp_path)
    assert lint_imports(tmp_path).returncode == 0  # the copy keeps every contract
    with (tmp_path / module).open("a", encoding="utf-8") as source:
        source.write(f"\nimport {upward}  # an arrow that runs back up\n")
    result = lint_imports(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"{contract} BROKEN" in output.replace("widgetsBROKEN", "widgets BROKEN")
    importer = module.removesuffix(".py").replace("/", ".")
    assert f"{importer} -> {upward}" in output
