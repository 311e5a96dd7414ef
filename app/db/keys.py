"""The key file: the database's data key, wrapped by the passphrase, like a password manager.

SQLCipher encrypts the database with a random 32-byte *data key*. The data key never lies on
disk in the clear: the small JSON key file (``lotse.key`` beside the database) holds it wrapped
by the user's passphrase and, if wished, a second time by a recovery key. Changing the
passphrase rewrites only the key file, never the database.

Each wrap: Argon2id turns the secret (passphrase as NFC UTF-8, or the 20 recovery key bytes) and
a random 16-byte salt into a 32-byte wrapping key; AES-256-GCM with a random 12-byte nonce
encrypts the data key, the associated data binds the purpose (``lotse-key/1/passphrase`` or
``lotse-key/1/recovery``). A wrong secret or any tampering with salt, nonce, cost or wrapped
bytes fails the GCM tag, so a wrong key is never returned. The Argon2 cost is stored per wrap:
files written under an older ``DEFAULT_COST`` still open.

DEFAULT_COST (time 4, 128 MiB, 4 lanes) was measured with time.perf_counter on the development
machine (2 cores, about 2.5 times slower than an office laptop): one derivation took 0.35-0.53 s
over three runs of 5-15, median about 0.45 s, so about 0.2 s on an office laptop. Unlocking
costs one derivation, creating with a recovery key two. Every function reads ``DEFAULT_COST``
at call time, so tests can patch it to a tiny cost.

Writing is atomic and durable: a temporary file in the same folder, flushed and fsynced,
``os.replace`` onto the target, then the folder fsynced (POSIX); mode 0o600.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
import json
import math
import os
import re
import secrets
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import LotseError
from app.i18n import _

DATA_KEY_BYTES = 32
FORMAT = "lotse-key"
VERSION = 1

SALT_BYTES = 16
NONCE_BYTES = 12
WRAPPED_BYTES = DATA_KEY_BYTES + 16  # the GCM tag
RECOVERY_KEY_BYTES = 20  # 160 bits: 32 base32 characters, 8 groups of 4
KEY_ID_CHARS = 16
KDF = "argon2id"
_PASSPHRASE = "passphrase"
_RECOVERY = "recovery"
_MAX_FILE_BYTES = 64 * 1024  # a key file is well under 1 KiB
_MAX_TIME_COST = 1000
_MAX_MEMORY_KIB = 4 * 1024 * 1024  # 4 GiB: refuse absurd costs from a damaged file
_MAX_PARALLELISM = 64


@dataclass(frozen=True)
class KdfCost:
    """Argon2id parameters: iterations, memory in KiB, lanes."""

    time_cost: int
    memory_kib: int
    parallelism: int


DEFAULT_COST = KdfCost(time_cost=4, memory_kib=128 * 1024, parallelism=4)


class WrongPassphrase(LotseError):
    """The passphrase does not open the key file."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or _("The passphrase is wrong. Please check the caps lock key and the keyboard layout.")
        )


class WrongRecoveryKey(LotseError):
    """The recovery key does not open the key file, or the file has no recovery key."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("The recovery key is wrong."))


class KeyFileProblem(LotseError):
    """The key file is missing, unreadable, damaged, of a newer version or cannot be written."""


@dataclass(frozen=True)
class CreatedKey:
    """A new data key and, if asked for, its recovery key (shown to the user once)."""

    data_key: bytes
    recovery_key: str | None


@dataclass(frozen=True)
class _Wrap:
    cost: KdfCost
    salt: bytes
    nonce: bytes
    wrapped: bytes


@dataclass(frozen=True)
class _KeyFile:
    key_id: str
    passphrase: _Wrap
    recovery: _Wrap | None


# --- public API -------------------------------------------------------------------------------


def generate_data_key() -> bytes:
    """A new random data key of DATA_KEY_BYTES bytes."""
    return secrets.token_bytes(DATA_KEY_BYTES)


def key_id(data_key: bytes) -> str:
    """The data key's public fingerprint (16 hex characters), to match backups to keys."""
    _check_data_key(data_key)
    return hmac.new(data_key, b"lotse key id", hashlib.sha256).hexdigest()[:KEY_ID_CHARS]


def create_key_file(path: Path, passphrase: str, *, with_recovery_key: bool) -> CreatedKey:
    """Create a new key file with a new data key; refuse if the file already exists."""
    if os.path.lexists(path):
        raise KeyFileProblem(_exists_message(path))
    data_key = generate_data_key()
    recovery_key = _new_recovery_key() if with_recovery_key else None
    key_file = _build(data_key, passphrase, recovery_key)
    _write_atomic(path, _encode(key_file), exclusive=True)
    return CreatedKey(data_key=data_key, recovery_key=recovery_key)


def write_key_file(
    path: Path, data_key: bytes, passphrase: str, *, recovery_key: str | None = None
) -> None:
    """Write a key file for a known data key (re-keying, encrypting a database); overwrites."""
    _check_data_key(data_key)
    key_file = _build(data_key, passphrase, recovery_key)
    _write_atomic(path, _encode(key_file))


def unlock(path: Path, passphrase: str) -> bytes:
    """The data key, or WrongPassphrase."""
    key_file = _read(path)
    data_key = _unwrap(path, key_file.passphrase, _passphrase_secret(passphrase), _PASSPHRASE)
    if data_key is None:
        raise WrongPassphrase()
    return _checked(path, key_file, data_key)


def unlock_with_recovery_key(path: Path, recovery_key: str) -> bytes:
    """The data key, or WrongRecoveryKey (also when the file has no recovery key)."""
    key_file = _read(path)
    if key_file.recovery is None:
        raise WrongRecoveryKey(
            _(
                "No recovery key was set up for the key file {path}. "
                "Please unlock with the passphrase."
            ).format(path=path)
        )
    data_key = _unwrap(path, key_file.recovery, _parse_recovery_key(recovery_key), _RECOVERY)
    if data_key is None:
        raise WrongRecoveryKey()
    return _checked(path, key_file, data_key)


def verify_passphrase(path: Path, passphrase: str) -> bool:
    """Whether the passphrase opens the key file (KeyFileProblem if the file is damaged)."""
    try:
        unlock(path, passphrase)
    except WrongPassphrase:
        return False
    return True


def change_passphrase(path: Path, data_key: bytes, new_passphrase: str) -> None:
    """Wrap the data key with a new passphrase; the recovery key keeps working."""
    key_file = _read_matching(path, data_key)
    passphrase_wrap = _wrap(data_key, _passphrase_secret(new_passphrase), _PASSPHRASE)
    _write_atomic(path, _encode(_KeyFile(key_file.key_id, passphrase_wrap, key_file.recovery)))


def replace_recovery_key(path: Path, data_key: bytes) -> str:
    """Set up a new recovery key and return it; the old one stops working."""
    key_file = _read_matching(path, data_key)
    recovery_key = _new_recovery_key()
    recovery_wrap = _wrap(data_key, _parse_recovery_key(recovery_key), _RECOVERY)
    _write_atomic(path, _encode(_KeyFile(key_file.key_id, key_file.passphrase, recovery_wrap)))
    return recovery_key


def remove_recovery_key(path: Path, data_key: bytes) -> None:
    """Remove the recovery wrap: from now on only the passphrase opens the database."""
    key_file = _read_matching(path, data_key)
    _write_atomic(path, _encode(_KeyFile(key_file.key_id, key_file.passphrase, None)))


def has_recovery_key(path: Path) -> bool:
    """Whether the key file holds a recovery wrap."""
    return _read(path).recovery is not None


def read_key_id(path: Path) -> str:
    """The key id stored in the key file (no passphrase needed)."""
    return _read(path).key_id


def copy_key_file(source: Path, target: Path) -> None:
    """Copy a key file atomically (e.g. beside a backup); the source must be a sound key file."""
    data = _read_bytes(source)
    _parse(source, data)
    _write_atomic(target, data)


# --- passphrase strength ----------------------------------------------------------------------

MIN_PASSPHRASE_LENGTH = 10


@dataclass(frozen=True)
class PassphraseAssessment:
    """A simple strength estimate for the passphrase field."""

    acceptable: bool
    score: int  # 0 (too weak) .. 4 (very good)
    label: str
    hint: str  # what to improve, "" if nothing


_COMMON_WORDS = """
    passwort password kennwort geheim secret hallo hello admin login welcome willkommen lotse
    sommer winter herbst fruehling frühling sonne sunshine schatz liebe iloveyou ichliebedich
    qwertz qwerty asdf yxcv 123456 12345678 123456789 1234567890 111111 000000 abc123 letmein
    monkey dragon master football fussball fußball baseball princess shadow superman batman
    test hund katze schalke bayern borussia berlin deutschland jobcenter landkreis arbeit
    januar februar dezember montag freitag
"""
_COMMON = frozenset(_COMMON_WORDS.split())
_COMMON_BY_LENGTH = sorted(_COMMON, key=lambda word: (-len(word), word))
_LEET = str.maketrans("@431!0$57", "aaeiiosst")
_COMMON_WORD_BITS = math.log2(len(_COMMON)) + 1  # which word, and whether capitalised


def assess_passphrase(passphrase: str) -> PassphraseAssessment:
    """Estimate strength from length, character classes, repeats, sequences and common words."""
    text = unicodedata.normalize("NFC", passphrase)
    if not text:
        return _assessment(0, 0, _("Please enter a passphrase."))
    bits, common_word, patterned = _estimate_bits(text)
    score = 0 if bits < 30 else 1 if bits < 45 else 2 if bits < 60 else 3 if bits < 80 else 4
    if len(text) < MIN_PASSPHRASE_LENGTH:
        score = min(score, 1)
        hint = _("Use at least {count} characters.").format(count=MIN_PASSPHRASE_LENGTH)
    elif score >= 3:
        hint = ""
    elif common_word:
        hint = _("Avoid well-known passwords and words such as “{word}”.").format(word=common_word)
    elif patterned:
        hint = _("Avoid repeated characters and sequences such as “aaa” or “123”.")
    else:
        hint = _("Longer is better: several unrelated words make a strong, memorable passphrase.")
    return _assessment(score, len(text), hint)


def _assessment(score: int, length: int, hint: str) -> PassphraseAssessment:
    labels = [_("too weak"), _("weak"), _("fair"), _("good"), _("very good")]
    return PassphraseAssessment(
        acceptable=length >= MIN_PASSPHRASE_LENGTH and score >= 2,
        score=score,
        label=labels[score],
        hint=hint,
    )


def _estimate_bits(text: str) -> tuple[float, str, bool]:
    """Estimated bits, the first common word found ("" if none), whether patterns weigh in."""
    period = _repeat_period(text)
    repeated_whole = period < len(text)
    text = text[:period]
    lower = text.lower()
    leet = lower.translate(_LEET)
    pool = 0
    pool += 26 if any(c.islower() for c in text) else 0
    pool += 26 if any(c.isupper() for c in text) else 0
    pool += 10 if any(c.isdigit() for c in text) else 0
    pool += 33 if any(not c.isalnum() for c in text) else 0
    per_char = math.log2(max(pool, 2))

    in_word = [False] * len(text)
    bits = 0.0
    found = ""
    for word in _COMMON_BY_LENGTH:
        for candidate in (lower, leet):
            start = candidate.find(word)
            while start >= 0:
                span = range(start, start + len(word))
                if not any(in_word[i] for i in span):
                    for i in span:
                        in_word[i] = True
                    bits += _COMMON_WORD_BITS
                    found = found or text[start : start + len(word)]
                start = candidate.find(word, start + 1)

    pattern_weight = 0.0
    for i, char in enumerate(text):
        if in_word[i]:
            continue
        weight = 1.0
        if i >= 1:
            step = ord(char) - ord(text[i - 1])
            if step == 0:
                weight = 0.1
            elif abs(step) == 1:
                continues = i >= 2 and ord(text[i - 1]) - ord(text[i - 2]) == step
                weight = 0.1 if continues else 0.5
        pattern_weight += 1.0 - weight
        bits += weight * per_char
    if repeated_whole:
        bits += 2
    patterned = repeated_whole or pattern_weight >= max(3.0, len(text) / 3)
    return bits, found, patterned


def _repeat_period(text: str) -> int:
    """The length of the shortest piece that, repeated, makes up the text."""
    for period in range(1, len(text) // 2 + 1):
        if len(text) % period == 0 and text[:period] * (len(text) // period) == text:
            return period
    return len(text)


# --- recovery key -----------------------------------------------------------------------------

_BASE32 = re.compile(r"[A-Z2-7]{32}")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_]+")
_LOOK_ALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


def _new_recovery_key() -> str:
    text = base64.b32encode(secrets.token_bytes(RECOVERY_KEY_BYTES)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def _parse_recovery_key(text: str) -> bytes:
    """The recovery key's bytes; accepts lower case, spaces, missing dashes and 0/1/8."""
    compact = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()
    compact = compact.translate(_LOOK_ALIKES)
    if not _BASE32.fullmatch(compact):
        raise WrongRecoveryKey(
            _(
                "This is not a complete recovery key. A recovery key has 32 letters and digits "
                "in 8 groups of 4, for example ABCD-EFGH-…"
            )
        )
    return base64.b32decode(compact)


# --- wrapping ---------------------------------------------------------------------------------


def _check_data_key(data_key: bytes) -> None:
    if not isinstance(data_key, bytes) or len(data_key) != DATA_KEY_BYTES:
        raise ValueError(f"a data key is {DATA_KEY_BYTES} bytes")


def _passphrase_secret(passphrase: str) -> bytes:
    return unicodedata.normalize("NFC", passphrase).encode("utf-8", "surrogatepass")


def _associated_data(purpose: str) -> bytes:
    return f"{FORMAT}/{VERSION}/{purpose}".encode("ascii")


# argon2 and cryptography are imported where they are used (about 50 ms): the unlock dialog
# imports this module and paints before anything is derived.


def _derive(secret: bytes, salt: bytes, cost: KdfCost) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        secret=secret,
        salt=salt,
        time_cost=cost.time_cost,
        memory_cost=cost.memory_kib,
        parallelism=cost.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def _wrap(data_key: bytes, secret: bytes, purpose: str) -> _Wrap:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    cost = DEFAULT_COST  # read at call time: tests patch it
    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    wrapped = AESGCM(_derive(secret, salt, cost)).encrypt(
        nonce, data_key, _associated_data(purpose)
    )
    return _Wrap(cost=cost, salt=salt, nonce=nonce, wrapped=wrapped)


def _unwrap(path: Path, wrap: _Wrap, secret: bytes, purpose: str) -> bytes | None:
    """The data key, or None when the secret is wrong or the wrap was tampered with."""
    from argon2.exceptions import HashingError
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        wrapping_key = _derive(secret, wrap.salt, wrap.cost)
    except HashingError as error:  # e.g. not enough memory for a damaged cost
        raise KeyFileProblem(_damaged_message(path)) from error
    try:
        return AESGCM(wrapping_key).decrypt(wrap.nonce, wrap.wrapped, _associated_data(purpose))
    except InvalidTag:
        return None


def _build(data_key: bytes, passphrase: str, recovery_key: str | None) -> _KeyFile:
    recovery = None
    if recovery_key is not None:
        recovery = _wrap(data_key, _parse_recovery_key(recovery_key), _RECOVERY)
    return _KeyFile(
        key_id=key_id(data_key),
        passphrase=_wrap(data_key, _passphrase_secret(passphrase), _PASSPHRASE),
        recovery=recovery,
    )


def _checked(path: Path, key_file: _KeyFile, data_key: bytes) -> bytes:
    if not hmac.compare_digest(key_id(data_key), key_file.key_id):
        raise KeyFileProblem(_damaged_message(path))
    return data_key


def _read_matching(path: Path, data_key: bytes) -> _KeyFile:
    given = key_id(data_key)
    key_file = _read(path)
    if not hmac.compare_digest(given, key_file.key_id):
        raise KeyFileProblem(
            _(
                "The key file {path} belongs to a different database (key {found}, "
                "expected {expected}). It was left unchanged."
            ).format(path=path, found=key_file.key_id, expected=given)
        )
    return key_file


# --- file format ------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _wrap_json(wrap: _Wrap) -> dict[str, Any]:
    return {
        "kdf": KDF,
        "time_cost": wrap.cost.time_cost,
        "memory_kib": wrap.cost.memory_kib,
        "parallelism": wrap.cost.parallelism,
        "salt": _b64(wrap.salt),
        "nonce": _b64(wrap.nonce),
        "wrapped": _b64(wrap.wrapped),
    }


def _encode(key_file: _KeyFile) -> bytes:
    document = {
        "format": FORMAT,
        "version": VERSION,
        "key_id": key_file.key_id,
        "passphrase": _wrap_json(key_file.passphrase),
        "recovery": None if key_file.recovery is None else _wrap_json(key_file.recovery),
    }
    return (json.dumps(document, sort_keys=True, indent=2) + "\n").encode("utf-8")


class _Damaged(Exception):
    """Internal: the document does not have the expected shape."""


def _read(path: Path) -> _KeyFile:
    return _parse(path, _read_bytes(path))


def _read_bytes(path: Path) -> bytes:
    try:
        with open(path, "rb") as file:
            data = file.read(_MAX_FILE_BYTES + 1)
    except FileNotFoundError as error:
        raise KeyFileProblem(
            _(
                "The key file {path} is missing. Without it the database cannot be opened. "
                "Restore the key file from a backup: every backup has its .key file beside it."
            ).format(path=path)
        ) from error
    except OSError as error:
        raise KeyFileProblem(
            _(
                "The key file {path} cannot be read ({reason}). Check the access rights, or "
                "restore the key file from a backup: every backup has its .key file beside it."
            ).format(path=path, reason=error.strerror or error)
        ) from error
    if len(data) > _MAX_FILE_BYTES:
        raise KeyFileProblem(_damaged_message(path))
    return data


def _parse(path: Path, data: bytes) -> _KeyFile:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise KeyFileProblem(_damaged_message(path)) from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise KeyFileProblem(_damaged_message(path))
    version = document.get("version")
    if _is_int(version) and version > VERSION:
        raise KeyFileProblem(
            _(
                "The key file {path} was written by a newer version of Lotse. "
                "Please install the current version of Lotse."
            ).format(path=path)
        )
    try:
        if version != VERSION or not _is_int(version):
            raise _Damaged
        identifier = document["key_id"]
        if not isinstance(identifier, str) or not re.fullmatch(r"[0-9a-f]{16}", identifier):
            raise _Damaged
        recovery = document["recovery"]
        return _KeyFile(
            key_id=identifier,
            passphrase=_parse_wrap(document["passphrase"]),
            recovery=None if recovery is None else _parse_wrap(recovery),
        )
    except (_Damaged, KeyError) as error:
        raise KeyFileProblem(_damaged_message(path)) from error


def _parse_wrap(value: object) -> _Wrap:
    if not isinstance(value, dict) or value.get("kdf") != KDF:
        raise _Damaged
    time_cost = _bounded_int(value.get("time_cost"), 1, _MAX_TIME_COST)
    parallelism = _bounded_int(value.get("parallelism"), 1, _MAX_PARALLELISM)
    memory_kib = _bounded_int(value.get("memory_kib"), 8 * parallelism, _MAX_MEMORY_KIB)
    return _Wrap(
        cost=KdfCost(time_cost=time_cost, memory_kib=memory_kib, parallelism=parallelism),
        salt=_bytes_field(value.get("salt"), SALT_BYTES),
        nonce=_bytes_field(value.get("nonce"), NONCE_BYTES),
        wrapped=_bytes_field(value.get("wrapped"), WRAPPED_BYTES),
    )


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _bounded_int(value: object, low: int, high: int) -> int:
    if not _is_int(value) or not low <= value <= high:  # type: ignore[operator]
        raise _Damaged
    return value  # type: ignore[return-value]


def _bytes_field(value: object, length: int) -> bytes:
    if not isinstance(value, str):
        raise _Damaged
    try:
        data = base64.b64decode(value.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error) as error:
        raise _Damaged from error
    if len(data) != length:
        raise _Damaged
    return data


def _damaged_message(path: Path) -> str:
    return _(
        "The key file {path} is damaged or is not a Lotse key file. Restore the key file from "
        "a backup: every backup has its .key file beside it."
    ).format(path=path)


def _exists_message(path: Path) -> str:
    return _(
        "The key file {path} already exists. Lotse does not overwrite it, because the database "
        "cannot be opened without it."
    ).format(path=path)


# --- atomic, durable writing ------------------------------------------------------------------


def _write_atomic(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Write via a temporary file in the same folder; ``exclusive`` never replaces a file."""
    folder = path.parent
    try:
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise KeyFileProblem(_write_message(path, error)) from error
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        with contextlib.suppress(OSError):  # best effort on Windows
            os.chmod(temp, 0o600)
        if exclusive:
            _place_exclusive(temp, path)
        else:
            os.replace(temp, path)
        _fsync_folder(folder)
    except KeyFileProblem:
        raise
    except OSError as error:
        raise KeyFileProblem(_write_message(path, error)) from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _place_exclusive(temp: Path, path: Path) -> None:
    """Move temp to path unless path exists: a hard link fails on an existing target."""
    try:
        os.link(temp, path)
    except FileExistsError as error:
        raise KeyFileProblem(_exists_message(path)) from error
    except OSError:  # no hard links here (e.g. FAT on a USB stick): check, then replace
        if os.path.lexists(path):
            raise KeyFileProblem(_exists_message(path)) from None
        os.replace(temp, path)
    else:
        temp.unlink()


def _fsync_folder(folder: Path) -> None:
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):  # some file systems cannot sync a folder
            os.fsync(fd)
    finally:
        os.close(fd)


def _write_message(path: Path, error: OSError) -> str:
    return _(
        "The key file {path} could not be written ({reason}). Check that the folder exists and "
        "is writable and that there is enough free space."
    ).format(path=path, reason=error.strerror or error)
