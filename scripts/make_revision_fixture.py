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
PASSPHRASE = "Fixture Pflaume Elbe Kanu"  # of the demo location, thrown away after


def main(revision: str) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "LOTSE_DATA_DIR": folder, "LOTSE_PASSPHRASE": PASSPHRASE}
        subprocess.run(
            [sys.executable, "-m", "ui.main", "demo", "--participants", str(PARTICIPANTS),
             "--seed", "7"],
            check=True, env=env, cwd=ROOT,
        )  # fmt: skip
        sys.path.insert(0, str(ROOT))
        from app.db import keys, migrate
        from app.db.engine import connect, create_database_engine

        database = Path(folder) / "lotse.sqlite"
        key = keys.unlock(Path(folder) / "lotse.key", PASSPHRASE)
        engine = create_database_engine(database, key)
        if revision != migrate.head_revision():
            migrate.downgrade(engine, revision)
        engine.dispose()
        target = ROOT / "tests" / "fixtures" / f"demo-rev{revision}.sqlite"
        target.unlink(missing_ok=True)
        # unencrypted, as a database of the versions before the encryption (the upgrade test
        # encrypts it the way the program does)
        conn = connect(database, key, wal=False)
        conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
        conn.execute("SELECT sqlcipher_export('plain')")
        conn.execute("DETACH DATABASE plain")
        conn.close()
        with sqlite3.connect(target) as plain:
            plain.execute("PRAGMA journal_mode=DELETE")
    print(f"wrote {target} ({target.stat().st_size:,} bytes)")
    return target


if __name__ == "__main__":
    main(sys.argv[1])
