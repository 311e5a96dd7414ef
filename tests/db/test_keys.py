"""The key file: wrapping the data key by passphrase and recovery key, format, damage, writing."""

from __future__ import annotations

import base64
import hashlib
import json
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from app.db import keys
from app.db.engine import key_pragma as sqlcipher_key_pragma
from app.db.keys import (
    DATA_KEY_BYTES,
    MIN_PASSPHRASE_LENGTH,
    CreatedKey,
    KdfCost,
    KeyFileProblem,
    WrongPassphrase,
    WrongRecoveryKey,
    assess_passphrase,
    change_passphrase,
    copy_key_file,
    create_key_file,
    generate_data_key,
    has_recovery_key,
    key_id,
    read_key_id,
    remove_recovery_key,
    replace_recovery_key,
    unlock,
    unlock_with_recovery_key,
    verify_passphrase,
    write_key_file,
)

REAL_COST = keys.DEFAULT_COST  # captured before the fixture below patches it
TINY_COST = KdfCost(time_cost=1, memory_kib=8, parallelism=1)
PASSPHRASE = "Kaffee Fahrrad Ostsee Tulpe"
OTHER_PASSPHRASE = "Leuchtturm Möwe Strandkorb"


@pytest.fixture(autouse=True)
def tiny_cost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "DEFAULT_COST", TINY_COST)


@pytest.fixture
def key_path(tmp_path: Path) -> Path:
    return tmp_path / "lotse.key"


@pytest.fixture
def created(key_path: Path) -> CreatedKey:
    return create_key_file(key_path, PASSPHRASE, with_recovery_key=True)


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def save(path: Path, document: object) -> None:
    path.write_text(json.dumps(document), encoding="utf-8")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def flip_base64_byte(text: str, index: int = 0) -> str:
    data = bytearray(base64.b64decode(text))
    data[index] ^= 0x01
    return base64.b64encode(bytes(data)).decode("ascii")


# --- round trips --------------------------------------------------------------------------------


def test_the_real_default_cost_is_not_a_test_cost() -> None:
    assert REAL_COST.memory_kib >= 64 * 1024
    assert REAL_COST.time_cost >= 2
    assert 2 <= REAL_COST.parallelism <= 4


def test_create_then_unlock_gives_the_same_data_key(key_path: Path, created: CreatedKey) -> None:
    assert len(created.data_key) == DATA_KEY_BYTES
    assert unlock(key_path, PASSPHRASE) == created.data_key
    assert unlock_with_recovery_key(key_path, created.recovery_key or "") == created.data_key


def test_each_key_file_gets_a_new_random_data_key(tmp_path: Path) -> None:
    first = create_key_file(tmp_path / "a.key", PASSPHRASE, with_recovery_key=False)
    second = create_key_file(tmp_path / "b.key", PASSPHRASE, with_recovery_key=False)
    assert first.data_key != second.data_key
    assert first.recovery_key is None
    assert len(generate_data_key()) == DATA_KEY_BYTES


def test_a_wrong_passphrase_is_refused(key_path: Path, created: CreatedKey) -> None:
    with pytest.raises(WrongPassphrase) as raised:
        unlock(key_path, PASSPHRASE + "!")
    assert str(raised.value)
    assert verify_passphrase(key_path, PASSPHRASE)
    assert not verify_passphrase(key_path, PASSPHRASE.lower())


def test_the_passphrase_matches_in_nfc_and_nfd(key_path: Path) -> None:
    passphrase = "Grüße aus Görlitz"
    nfc = unicodedata.normalize("NFC", passphrase)
    nfd = unicodedata.normalize("NFD", passphrase)
    assert nfc != nfd
    created = create_key_file(key_path, nfd, with_recovery_key=False)
    assert unlock(key_path, nfc) == created.data_key
    assert unlock(key_path, nfd) == created.data_key


def test_the_stored_cost_is_used_after_the_default_changed(
    key_path: Path, created: CreatedKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert load(key_path)["passphrase"]["time_cost"] == TINY_COST.time_cost
    assert load(key_path)["passphrase"]["memory_kib"] == TINY_COST.memory_kib
    newer = KdfCost(time_cost=2, memory_kib=16, parallelism=2)
    monkeypatch.setattr(keys, "DEFAULT_COST", newer)
    assert unlock(key_path, PASSPHRASE) == created.data_key
    assert unlock_with_recovery_key(key_path, created.recovery_key or "") == created.data_key

    change_passphrase(key_path, created.data_key, OTHER_PASSPHRASE)
    document = load(key_path)
    assert (document["passphrase"]["time_cost"], document["passphrase"]["parallelism"]) == (2, 2)
    assert document["recovery"]["time_cost"] == TINY_COST.time_cost  # left as it was
    assert unlock(key_path, OTHER_PASSPHRASE) == created.data_key


# --- changing the passphrase and the recovery key ----------------------------------------------


def test_change_passphrase_rewraps_and_keeps_the_recovery_key(
    key_path: Path, created: CreatedKey
) -> None:
    change_passphrase(key_path, created.data_key, OTHER_PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        unlock(key_path, PASSPHRASE)
    assert unlock(key_path, OTHER_PASSPHRASE) == created.data_key
    assert unlock_with_recovery_key(key_path, created.recovery_key or "") == created.data_key
    assert read_key_id(key_path) == key_id(created.data_key)


def test_change_passphrase_refuses_another_data_key(key_path: Path, created: CreatedKey) -> None:
    before = sha256(key_path)
    with pytest.raises(KeyFileProblem) as raised:
        change_passphrase(key_path, generate_data_key(), OTHER_PASSPHRASE)
    assert str(key_path) in str(raised.value)
    assert sha256(key_path) == before
    with pytest.raises(KeyFileProblem):
        replace_recovery_key(key_path, generate_data_key())
    with pytest.raises(KeyFileProblem):
        remove_recovery_key(key_path, generate_data_key())
    assert sha256(key_path) == before


def test_replace_recovery_key_retires_the_old_one(key_path: Path, created: CreatedKey) -> None:
    new_recovery_key = replace_recovery_key(key_path, created.data_key)
    assert new_recovery_key != created.recovery_key
    with pytest.raises(WrongRecoveryKey):
        unlock_with_recovery_key(key_path, created.recovery_key or "")
    assert unlock_with_recovery_key(key_path, new_recovery_key) == created.data_key
    assert unlock(key_path, PASSPHRASE) == created.data_key


def test_a_replaced_recovery_key_can_be_added_to_a_file_without_one(key_path: Path) -> None:
    created = create_key_file(key_path, PASSPHRASE, with_recovery_key=False)
    assert not has_recovery_key(key_path)
    recovery_key = replace_recovery_key(key_path, created.data_key)
    assert has_recovery_key(key_path)
    assert unlock_with_recovery_key(key_path, recovery_key) == created.data_key


def test_the_recovery_key_looks_like_eight_groups_of_four(created: CreatedKey) -> None:
    recovery_key = created.recovery_key or ""
    groups = recovery_key.split("-")
    assert [len(group) for group in groups] == [4] * 8
    assert set("".join(groups)) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")


def test_the_recovery_key_is_accepted_as_people_type_it(
    key_path: Path, created: CreatedKey
) -> None:
    recovery_key = created.recovery_key or ""
    compact = recovery_key.replace("-", "")
    typed = [
        recovery_key.lower(),
        " ".join(recovery_key.lower().split("-")),
        compact,
        compact.lower(),
        f"  {recovery_key}\n",
        compact.replace("O", "0").replace("I", "1").replace("B", "8"),
    ]
    for text in typed:
        assert unlock_with_recovery_key(key_path, text) == created.data_key, text


def test_a_wrong_or_incomplete_recovery_key_is_refused(key_path: Path, created: CreatedKey) -> None:
    recovery_key = created.recovery_key or ""
    other = "A" if recovery_key[0] != "A" else "C"
    with pytest.raises(WrongRecoveryKey):
        unlock_with_recovery_key(key_path, other + recovery_key[1:])
    for text in ["", recovery_key[:-1], recovery_key + "A", recovery_key.replace("A", "9")]:
        if text == recovery_key:
            continue
        with pytest.raises(WrongRecoveryKey):
            unlock_with_recovery_key(key_path, text)


def test_without_a_recovery_wrap_the_recovery_key_is_refused_and_that_is_said(
    key_path: Path, created: CreatedKey
) -> None:
    with pytest.raises(WrongRecoveryKey) as wrong:
        unlock_with_recovery_key(key_path, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    recovery_key = created.recovery_key or ""
    remove_recovery_key(key_path, created.data_key)
    assert not has_recovery_key(key_path)
    with pytest.raises(WrongRecoveryKey) as missing:
        unlock_with_recovery_key(key_path, recovery_key)
    assert str(key_path) in str(missing.value)
    assert str(missing.value) != str(wrong.value)
    assert unlock(key_path, PASSPHRASE) == created.data_key


def test_write_key_file_wraps_a_known_data_key(key_path: Path, created: CreatedKey) -> None:
    data_key = generate_data_key()
    recovery_key = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"
    write_key_file(key_path, data_key, OTHER_PASSPHRASE, recovery_key=recovery_key)
    assert unlock(key_path, OTHER_PASSPHRASE) == data_key
    assert unlock_with_recovery_key(key_path, recovery_key) == data_key
    assert read_key_id(key_path) == key_id(data_key)
    write_key_file(key_path, data_key, PASSPHRASE)
    assert not has_recovery_key(key_path)
    assert unlock(key_path, PASSPHRASE) == data_key


# --- what the file holds -----------------------------------------------------------------------


def test_the_file_has_the_documented_format(key_path: Path, created: CreatedKey) -> None:
    text = key_path.read_text(encoding="utf-8")
    document = json.loads(text)
    assert list(document) == sorted(document)
    assert document["format"] == "lotse-key"
    assert document["version"] == 1
    assert document["key_id"] == key_id(created.data_key)
    for purpose in ("passphrase", "recovery"):
        wrap = document[purpose]
        assert wrap["kdf"] == "argon2id"
        assert len(base64.b64decode(wrap["salt"])) == 16
        assert len(base64.b64decode(wrap["nonce"])) == 12
        assert len(base64.b64decode(wrap["wrapped"])) == DATA_KEY_BYTES + 16
    assert document["passphrase"]["salt"] != document["recovery"]["salt"]


def test_the_file_does_not_contain_the_data_key_nor_the_secrets(
    key_path: Path, created: CreatedKey
) -> None:
    data = key_path.read_bytes()
    data_key = created.data_key
    recovery_key = created.recovery_key or ""
    for secret in [
        data_key,
        data_key.hex().encode(),
        data_key.hex().upper().encode(),
        base64.b64encode(data_key),
        base64.b64encode(data_key).rstrip(b"="),
        base64.b32encode(data_key).rstrip(b"="),
        PASSPHRASE.encode(),
        b"Kaffee",
        recovery_key.encode(),
        recovery_key.replace("-", "").encode(),
    ]:
        assert secret not in data


def test_key_id_is_a_stable_public_fingerprint(key_path: Path, created: CreatedKey) -> None:
    identifier = key_id(created.data_key)
    assert len(identifier) == 16
    assert int(identifier, 16) >= 0
    assert identifier == key_id(created.data_key)
    assert identifier != key_id(generate_data_key())
    assert read_key_id(key_path) == identifier
    assert key_id(bytes(32)) == key_id(bytes(32))


# --- damage and tampering ----------------------------------------------------------------------


def damaged_documents(good: dict[str, Any]) -> dict[str, Callable[[Path], None]]:
    def text(content: str) -> Callable[[Path], None]:
        return lambda path: path.write_text(content, encoding="utf-8")

    def document(change: Callable[[dict[str, Any]], object]) -> Callable[[Path], None]:
        def write(path: Path) -> None:
            copy = json.loads(json.dumps(good))
            result = change(copy)
            save(path, copy if result is None else result)

        return write

    full = json.dumps(good)
    return {
        "empty": text(""),
        "not JSON": text("this is not a key file"),
        "binary": lambda path: path.write_bytes(b"\xff\xfe\x00\x01SQLite format 3\x00"),
        "truncated": text(full[: len(full) // 2]),
        "other JSON": text('{"settings": {"theme": "dark"}}'),
        "a JSON list": text("[1, 2, 3]"),
        "version 99": document(lambda d: d.update(version=99)),
        "version 0": document(lambda d: d.update(version=0)),
        "version as text": document(lambda d: d.update(version="1")),
        "other format": document(lambda d: d.update(format="keepass")),
        "no passphrase wrap": document(lambda d: d.pop("passphrase")),
        "no recovery field": document(lambda d: d.pop("recovery")),
        "no key id": document(lambda d: d.pop("key_id")),
        "key id not hex": document(lambda d: d.update(key_id="not a key id!!!!")),
        "wrap is a list": document(lambda d: d.update(passphrase=[1, 2])),
        "missing salt": document(lambda d: d["passphrase"].pop("salt")),
        "salt not base64": document(lambda d: d["passphrase"].update(salt="***")),
        "salt a number": document(lambda d: d["passphrase"].update(salt=12)),
        "short nonce": document(lambda d: d["passphrase"].update(nonce="AAAA")),
        "cost as text": document(lambda d: d["passphrase"].update(time_cost="1")),
        "cost a bool": document(lambda d: d["passphrase"].update(parallelism=True)),
        "cost zero": document(lambda d: d["passphrase"].update(time_cost=0)),
        "absurd memory": document(lambda d: d["passphrase"].update(memory_kib=2**40)),
        "other kdf": document(lambda d: d["passphrase"].update(kdf="pbkdf2")),
        "bad recovery wrap": document(lambda d: d.update(recovery={"kdf": "argon2id"})),
    }


def test_each_kind_of_damage_is_a_key_file_problem_naming_the_path(
    key_path: Path, created: CreatedKey
) -> None:
    good = load(key_path)
    for name, damage in damaged_documents(good).items():
        damage(key_path)
        for action in (
            lambda: unlock(key_path, PASSPHRASE),
            lambda: read_key_id(key_path),
            lambda: has_recovery_key(key_path),
        ):
            with pytest.raises(KeyFileProblem) as raised:
                action()
            assert str(key_path) in str(raised.value), name


def test_a_newer_version_has_its_own_message(key_path: Path, created: CreatedKey) -> None:
    good = load(key_path)
    save(key_path, {**good, "recovery": None, "format": "other"})
    with pytest.raises(KeyFileProblem) as damaged:
        unlock(key_path, PASSPHRASE)
    save(key_path, {**good, "version": 2})
    with pytest.raises(KeyFileProblem) as newer:
        unlock(key_path, PASSPHRASE)
    assert str(newer.value) != str(damaged.value)


def test_a_missing_key_file_is_a_key_file_problem(tmp_path: Path) -> None:
    path = tmp_path / "lotse.key"
    for action in (
        lambda: unlock(path, PASSPHRASE),
        lambda: unlock_with_recovery_key(path, "AAAA"),
        lambda: verify_passphrase(path, PASSPHRASE),
        lambda: read_key_id(path),
        lambda: copy_key_file(path, tmp_path / "copy.key"),
    ):
        with pytest.raises(KeyFileProblem) as raised:
            action()
        assert str(path) in str(raised.value)
    assert not (tmp_path / "copy.key").exists()


@pytest.mark.parametrize("field", ["wrapped", "nonce", "salt"])
def test_tampered_bytes_never_give_a_key(key_path: Path, created: CreatedKey, field: str) -> None:
    document = load(key_path)
    document["passphrase"][field] = flip_base64_byte(document["passphrase"][field])
    document["recovery"][field] = flip_base64_byte(document["recovery"][field], index=-1)
    save(key_path, document)
    with pytest.raises(WrongPassphrase):
        unlock(key_path, PASSPHRASE)
    with pytest.raises(WrongRecoveryKey):
        unlock_with_recovery_key(key_path, created.recovery_key or "")


def test_a_tampered_cost_never_gives_a_key(key_path: Path, created: CreatedKey) -> None:
    document = load(key_path)
    document["passphrase"]["memory_kib"] += 8
    save(key_path, document)
    with pytest.raises(WrongPassphrase):
        unlock(key_path, PASSPHRASE)


def test_the_passphrase_wrap_does_not_open_as_the_recovery_wrap(
    key_path: Path, created: CreatedKey
) -> None:
    """The associated data binds each wrap to its purpose."""
    document = load(key_path)
    document["recovery"] = document["passphrase"]
    save(key_path, document)
    wrapping_secret = keys._passphrase_secret(PASSPHRASE)
    wrap = keys._read(key_path).recovery
    assert wrap is not None
    assert keys._unwrap(key_path, wrap, wrapping_secret, "recovery") is None
    assert keys._unwrap(key_path, wrap, wrapping_secret, "passphrase") == created.data_key


def test_a_changed_key_id_is_noticed_on_unlock(key_path: Path, created: CreatedKey) -> None:
    document = load(key_path)
    document["key_id"] = key_id(generate_data_key())
    save(key_path, document)
    with pytest.raises(KeyFileProblem):
        unlock(key_path, PASSPHRASE)


# --- writing ------------------------------------------------------------------------------------


def test_create_refuses_an_existing_file_and_leaves_it_unchanged(
    key_path: Path, created: CreatedKey
) -> None:
    before = sha256(key_path)
    with pytest.raises(KeyFileProblem) as raised:
        create_key_file(key_path, OTHER_PASSPHRASE, with_recovery_key=True)
    assert str(key_path) in str(raised.value)
    assert sha256(key_path) == before
    assert unlock(key_path, PASSPHRASE) == created.data_key
    assert [p.name for p in key_path.parent.iterdir()] == [key_path.name]


def test_create_refuses_a_file_that_appears_while_it_works(
    key_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last step links the new file into place and never replaces one."""
    real_build = keys._build

    def build_while_someone_else_writes(*args: Any) -> Any:
        key_path.write_text("someone else's file", encoding="utf-8")
        return real_build(*args)

    monkeypatch.setattr(keys, "_build", build_while_someone_else_writes)
    with pytest.raises(KeyFileProblem):
        create_key_file(key_path, PASSPHRASE, with_recovery_key=False)
    assert key_path.read_text(encoding="utf-8") == "someone else's file"
    assert [p.name for p in key_path.parent.iterdir()] == [key_path.name]


def test_writes_leave_no_temporary_files(key_path: Path, created: CreatedKey) -> None:
    change_passphrase(key_path, created.data_key, OTHER_PASSPHRASE)
    replace_recovery_key(key_path, created.data_key)
    remove_recovery_key(key_path, created.data_key)
    write_key_file(key_path, created.data_key, PASSPHRASE)
    assert [p.name for p in key_path.parent.iterdir()] == [key_path.name]


def test_a_failed_write_keeps_the_old_file_and_cleans_up(
    key_path: Path, created: CreatedKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sha256(key_path)

    def failing_replace(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(keys.os, "replace", failing_replace)
    with pytest.raises(KeyFileProblem) as raised:
        change_passphrase(key_path, created.data_key, OTHER_PASSPHRASE)
    assert str(key_path) in str(raised.value)
    assert sha256(key_path) == before
    assert [p.name for p in key_path.parent.iterdir()] == [key_path.name]


def test_writing_into_a_missing_folder_is_a_key_file_problem(tmp_path: Path) -> None:
    with pytest.raises(KeyFileProblem):
        write_key_file(tmp_path / "gone" / "lotse.key", generate_data_key(), PASSPHRASE)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_the_key_file_is_readable_by_its_owner_only(key_path: Path, created: CreatedKey) -> None:
    assert key_path.stat().st_mode & 0o777 == 0o600
    change_passphrase(key_path, created.data_key, OTHER_PASSPHRASE)
    assert key_path.stat().st_mode & 0o777 == 0o600
    copy = key_path.parent / "backup.key"
    copy_key_file(key_path, copy)
    assert copy.stat().st_mode & 0o777 == 0o600


def test_copy_key_file_copies_exactly_and_refuses_a_damaged_source(
    tmp_path: Path, key_path: Path, created: CreatedKey
) -> None:
    target = tmp_path / "backups" / "lotse-2026-01-01.key"
    target.parent.mkdir()
    copy_key_file(key_path, target)
    assert target.read_bytes() == key_path.read_bytes()
    assert unlock(target, PASSPHRASE) == created.data_key
    key_path.write_text("{}", encoding="utf-8")
    with pytest.raises(KeyFileProblem):
        copy_key_file(key_path, target)
    assert unlock(target, PASSPHRASE) == created.data_key  # the good copy is left alone
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


# --- SQLCipher ---------------------------------------------------------------------------------


def test_sqlcipher_key_pragma_opens_the_database_with_the_raw_key(tmp_path: Path) -> None:
    data_key = generate_data_key()
    pragma = sqlcipher_key_pragma(data_key)
    assert pragma == f"PRAGMA key = \"x'{data_key.hex()}'\""
    database = tmp_path / "lotse.db"

    connection = sqlcipher.connect(str(database))
    try:
        connection.execute(pragma)
        connection.execute("CREATE TABLE note (text TEXT)")
        connection.execute("INSERT INTO note VALUES ('geheim')")
        connection.commit()
    finally:
        connection.close()
    assert b"geheim" not in database.read_bytes()

    connection = sqlcipher.connect(str(database))
    try:
        connection.execute(pragma)
        assert connection.execute("SELECT text FROM note").fetchall() == [("geheim",)]
    finally:
        connection.close()

    connection = sqlcipher.connect(str(database))
    try:
        connection.execute(sqlcipher_key_pragma(generate_data_key()))
        with pytest.raises(sqlcipher.DatabaseError):
            connection.execute("SELECT text FROM note").fetchall()
    finally:
        connection.close()


def test_a_data_key_must_have_32_bytes() -> None:
    for wrong in (b"", bytes(31), bytes(33)):
        with pytest.raises(ValueError):
            sqlcipher_key_pragma(wrong)
        with pytest.raises(ValueError):
            key_id(wrong)


# --- passphrase strength ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "passphrase",
    ["Kaffee Fahrrad Ostsee Tulpe", "correct horse battery staple", "Leuchtturm Möwe Strandkorb"],
)
def test_several_words_score_well(passphrase: str) -> None:
    assessment = assess_passphrase(passphrase)
    assert assessment.acceptable
    assert assessment.score >= 3
    assert assessment.hint == ""
    assert assessment.label


@pytest.mark.parametrize(
    "passphrase",
    [
        "aaaaaaaaaaaa",
        "1234567890",
        "Passwort123",
        "password2024",
        "P@ssw0rt2024",
        "qwertzuiop",
        "abcdefghijkl",
        "abcabcabcabc",
        "Sommer2024!",
        "lotselotse",
        "",
    ],
)
def test_weak_passphrases_are_not_acceptable(passphrase: str) -> None:
    assessment = assess_passphrase(passphrase)
    assert not assessment.acceptable
    assert assessment.score <= 1
    assert assessment.hint


def test_short_passphrases_are_not_acceptable_however_mixed() -> None:
    short = "Xk9#mQ2!"
    assert len(short) < MIN_PASSPHRASE_LENGTH
    assessment = assess_passphrase(short)
    assert not assessment.acceptable
    assert str(MIN_PASSPHRASE_LENGTH) in assessment.hint


def test_scores_and_labels_grow_with_strength() -> None:
    examples = ["aaaaaaaaaaaa", "kaffeefahrrad", "Kaffee Fahrrad Ostsee Tulpe"]
    scores = [assess_passphrase(example).score for example in examples]
    assert scores == sorted(scores)
    assert scores[0] < scores[-1]
    labels = {assess_passphrase(example).label for example in examples}
    assert len(labels) == len(examples)
    assert all(0 <= assess_passphrase(example).score <= 4 for example in examples)
