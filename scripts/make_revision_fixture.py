"""Write tests/fixtures/demo-rev<REV>.sqlite: demo data in a database at an older revision.

The upgrade test opens a copy with the current program and checks that every row is still
there. Made once per revision that later revisions must upgrade from:

    .venv/bin/python scripts/make_revision_fixture.py 0001

It fills a fresh location at head with `lotse demo`, then downgrades it to REV with Alembic.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTICIPANTS = 60


def main(revision: str) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "LOTSE_DATA_DIR": folder}
        subprocess.run(
            [sys.executable, "-m", "ui.main", "demo", "--participants", str(PARTICIPANTS),
             "--seed", "7"],
            check=True, env=env, cwd=ROOT,
        )  # fmt: skip
        sys.path.insert(0, str(ROOT))
        from app.db import migrate
        from app.db.engine import create_database_engine

        database = Path(folder) / "lotse.sqlite"
        engine = create_database_engine(database)
        migrate.downgrade(engine, revision)
        engine.dispose()
        target = ROOT / "tests" / "fixtures" / f"demo-rev{revision}.sqlite"
        target.unlink(missing_ok=True)
        with sqlite3.connect(database) as conn:
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.execute("VACUUM INTO ?", (str(target),))
    print(f"wrote {target} ({target.stat().st_size:,} bytes)")
    return target


if __name__ == "__main__":
    main(sys.argv[1])
