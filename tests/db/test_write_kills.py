"""A SIGKILL during a burst of writes through the services loses no acknowledged write.

A process (forked by tests/db/fault_child.py) writes through real operations — contact notes
(``add_note``) and, every fifth, a new person (``create_participant``) — and acknowledges each
write after its ``commit`` returned. It is killed by SIGKILL after a random short time
(seeded: the rounds are the same on every run). Then the database is opened normally: every
acknowledged record is there, at most the one write in flight besides, and the file passes
the integrity and foreign key checks.
"""

from __future__ import annotations

import signal
from pathlib import Path

from app.paths import DataPaths
from tests.db.fault_child import run_child
from tests.locations import copy_location

SEED = 20261201
ROUNDS = 6


def test_killed_writes_lose_nothing_acknowledged(
    tmp_path: Path, migrated_template: DataPaths, template_key: bytes
):
    template = copy_location(migrated_template, tmp_path / "template")
    rounds = run_child(
        "writes",
        template=str(template.root),
        work=str(tmp_path),
        key=template_key.hex(),
        seed=SEED,
        rounds=ROUNDS,
        min_delay=0.02,
        max_delay=0.6,
    )
    assert len(rounds) == ROUNDS
    for one in rounds:
        where = f"round {one['round']} (killed {one['delay']:.3f} s after the first write)"
        assert one["end"]["signal"] == signal.SIGKILL, f"{where}: {one['end']}"
        assert one["reopen_end"] == {"signal": None, "exit": 0}, f"{where}: the reopen failed"
        acknowledged, stored = one["acknowledged"], one["stored"]
        assert acknowledged["p"], f"{where}: not even the first person was written"
        assert stored["integrity"] == ["ok"], where
        assert stored["foreign_keys"] == 0, where
        assert stored["listed"] == len(stored["p"]), f"{where}: list rows not in step"
        for kind in ("p", "n"):
            lost = sorted(set(acknowledged[kind]) - set(stored[kind]))
            assert not lost, f"{where}: acknowledged but lost ({kind}): {lost}"
        unacknowledged = (set(stored["p"]) - set(acknowledged["p"])) | (
            set(stored["n"]) - set(acknowledged["n"])
        )
        assert len(unacknowledged) <= 1, f"{where}: more than the write in flight: {unacknowledged}"
    writes = [len(one["acknowledged"]["p"]) + len(one["acknowledged"]["n"]) for one in rounds]
    assert sum(writes) >= 2 * ROUNDS, f"the bursts were too short to mean much: {writes}"
