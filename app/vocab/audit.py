"""Vocabularies: Audit."""

from __future__ import annotations

from app.i18n import N_
from app.vocab.labeled import LabeledEnum


class AuditAction(LabeledEnum):
    """Protokollierte Aktion."""

    CREATE = "create", N_("created")
    UPDATE = "update", N_("changed")
    DELETE = "delete", N_("deleted")
    VIEW = "view", N_("viewed")
    PRINT = "print", N_("printed")
    EXPORT = "export", N_("exported")
    IMPORT = "import", N_("imported")
    LOGIN = "login", N_("logged in")
    LOGOUT = "logout", N_("logged out")
    LOCK = "lock", N_("locked")
    UNLOCK = "unlock", N_("unlocked")
    BACKUP = "backup", N_("backup made")
    RESTORE = "restore", N_("backup restored")
    MINIMISE = "minimise", N_("minimised")
    RESTRICT = "restrict", N_("processing restricted")
    ERASE = "erase", N_("erased")
