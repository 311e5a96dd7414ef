"""Demo data locations for benchmarks, made once and reused (build/bench/<N>)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "bench"


def demo_version() -> str:
    """Changes whenever the demo generator or the schema changes: stale data are not reused."""
    sources = sorted((ROOT / "app" / "demo").glob("*.py")) + [ROOT / "app" / "vocab.py"]
    sources += [ROOT / "app" / "db" / "derived_rows.py"]
    sources += [ROOT / "app" / "services" / "follow_ups.py"]  # generated follow-up titles
    sources += [ROOT / "resources" / "locale" / "de" / "LC_MESSAGES" / "lotse.mo"]
    sources += sorted((ROOT / "app" / "db" / "migrations" / "versions").glob("*.py"))
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:10]


def demo_location(participants: int, seed: int = 1) -> Path:
    """A data location holding `lotse demo --participants N`; built on first use."""
    folder = CACHE / f"demo-{participants}-seed{seed}-{demo_version()}"
    marker = folder / ".complete"
    if not marker.exists():
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("lotse.sqlite*"):
            stale.unlink()
        env = {**os.environ, "LOTSE_DATA_DIR": str(folder)}
        subprocess.run(
            [sys.executable, "-m", "ui.main", "demo", "--participants", str(participants),
             "--seed", str(seed)],
            check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        marker.touch()
    return folder
