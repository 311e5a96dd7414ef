"""Before the database opens: choose a passphrase (first start), unlock, or encrypt an old file.

Runs before the ORM is imported: the dialogs paint first, the key derivation follows the
user's Enter. ``data_key`` returns the data key, or None when the user quit.
"""

from __future__ import annotations

import os

from PySide6.QtWidgets import QDialog, QMessageBox

from app.db import keys
from app.db.location import LocationState, finish_interrupted_wipe, location_state, refusal
from app.errors import LotseError
from app.i18n import _, ngettext
from app.paths import PASSPHRASE_ENV, DataPaths
from ui.security.passphrase_dialog import NewPassphraseDialog
from ui.security.unlock_dialog import UnlockDialog
from ui.widgets.busy import busy


# The database layer (app.bootstrap) and the recovery key dialog are imported when used: the
# unlock dialog paints before them.
def unlock_key(paths: DataPaths, passphrase: str) -> bytes:
    return keys.unlock(paths.key_file, passphrase)


def new_key(paths: DataPaths, passphrase: str, *, with_recovery_key: bool) -> keys.CreatedKey:
    from app.bootstrap import new_key

    return new_key(paths, passphrase, with_recovery_key=with_recovery_key)


def show_recovery_key(recovery_key: str, paths: DataPaths) -> None:
    from ui.security.recovery_key_dialog import RecoveryKeyDialog

    RecoveryKeyDialog(recovery_key, str(paths.root)).exec()


def data_key(paths: DataPaths, *, smoke: bool = False) -> bytes | None:
    """The data key of ``paths`` after the dialog the location needs (LotseError: refused)."""
    finish_interrupted_wipe(paths)
    state = location_state(paths)
    problem = refusal(paths, state)
    if problem is not None:
        raise problem
    if smoke:
        return _smoke_key(paths, state)
    if state is LocationState.NEW:
        return _first_start(paths)
    if state is LocationState.UNENCRYPTED:
        return _encrypt(paths)
    return _unlock(paths)


def _smoke_key(paths: DataPaths, state: LocationState) -> bytes:
    """A start check without a user: the passphrase from the environment."""
    passphrase = os.environ.get(PASSPHRASE_ENV, "")
    if not passphrase:
        raise LotseError(
            _("No passphrase: set {variable} for a start without a user.").format(
                variable=PASSPHRASE_ENV
            )
        )
    if state is LocationState.NEW:
        return new_key(paths, passphrase, with_recovery_key=False).data_key
    if state is LocationState.UNENCRYPTED:
        raise LotseError(_("The database is not encrypted yet; start Lotse with its window."))
    return unlock_key(paths, passphrase)


def _first_start(paths: DataPaths) -> bytes | None:
    dialog = NewPassphraseDialog(keys.assess_passphrase, first_start=True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    created = busy(
        _("Creating the key…"),
        lambda: new_key(paths, dialog.passphrase, with_recovery_key=dialog.wants_recovery_key),
    )
    if created.recovery_key:
        show_recovery_key(created.recovery_key, paths)
    return created.data_key


def _unlock(paths: DataPaths) -> bytes | None:
    dialog = UnlockDialog(
        str(paths.root),
        lambda passphrase: unlock_key(paths, passphrase),
        lambda recovery: keys.unlock_with_recovery_key(paths.key_file, recovery),
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    key: bytes = dialog.data_key
    if dialog.used_recovery_key:
        _new_passphrase_after_recovery(paths, key)
    return key


def _new_passphrase_after_recovery(paths: DataPaths, key: bytes) -> None:
    """Opened with the recovery key: the forgotten passphrase is replaced (or kept, if the
    user cancels; the recovery key keeps working either way)."""
    dialog = NewPassphraseDialog(keys.assess_passphrase, first_start=False)
    dialog.setWindowTitle(_("Choose a new passphrase"))
    if dialog.exec() == QDialog.DialogCode.Accepted:
        busy(
            _("Changing the passphrase…"),
            lambda: keys.change_passphrase(paths.key_file, key, dialog.passphrase),
        )


def _encrypt(paths: DataPaths) -> bytes | None:
    """An old unencrypted database: explain, choose a passphrase, encrypt, wipe the plain one."""
    from app.db.encryption import encrypt_database, plain_backups, wipe_plain_backups

    answer = QMessageBox.question(
        None,
        _("Encrypt the database"),
        _(
            "The database {path} is not encrypted yet. From this version on, Lotse keeps its "
            "data encrypted: whoever finds the laptop cannot read them. Lotse now asks for a "
            "passphrase, encrypts the database (nothing is lost; the rows are counted) and "
            "then overwrites and deletes the unencrypted file. Continue?"
        ).format(path=paths.database),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    dialog = NewPassphraseDialog(keys.assess_passphrase, first_start=True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    created = busy(
        _("Encrypting the database…"),
        lambda: encrypt_database(
            paths, dialog.passphrase, with_recovery_key=dialog.wants_recovery_key
        ),
    )
    old = plain_backups(paths)
    if old:
        wipe = QMessageBox.question(
            None,
            _("Unencrypted backups"),
            ngettext(
                "{count} backup in {folder} is still unencrypted. Overwrite and delete it "
                "now? (Recommended: the database is encrypted, and it would still show the "
                "data to whoever finds the laptop.)",
                "{count} backups in {folder} are still unencrypted. Overwrite and delete them "
                "now? (Recommended: the database is encrypted, and they would still show the "
                "data to whoever finds the laptop.)",
                len(old),
            ).format(count=len(old), folder=paths.backups),
        )
        if wipe == QMessageBox.StandardButton.Yes:
            busy(_("Deleting the unencrypted backups…"), lambda: wipe_plain_backups(paths))
    if created.recovery_key:
        show_recovery_key(created.recovery_key, paths)
    return created.data_key
