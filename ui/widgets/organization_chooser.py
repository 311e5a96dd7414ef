"""Pick an organisation by typing part of its name, place, PLZ or a contact person: a search
line over a short list of hits (ui.widgets.typed_chooser, as the participant chooser)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from app.bootstrap import Lotse
from app.i18n import _
from app.services.organizations import (
    DirectoryQuery,
    OrganizationDirectory,
    OrganizationRow,
    organization_name,
    organization_rows,
)
from app.vocab import OrganizationKind
from ui.widgets.typed_chooser import MAX_HITS, TypedChooser, TypedHitModel


def hit_text(row: OrganizationRow) -> str:
    """ "Bäckerei Müller · 06108 Halle (Saale) · Ausbildungsbetrieb"."""
    place = " ".join(part for part in (row.postal_code, row.city) if part)
    parts = [row.name, place, OrganizationKind(row.kind).label]
    return " · ".join(part for part in parts if part)


class OrganizationHitModel(TypedHitModel[OrganizationRow]):
    """At most MAX_HITS organisations found for the search text."""

    def hit_text(self, row: OrganizationRow) -> str:
        return hit_text(row)


def _chosen_text(name: str) -> str:
    return _("Chosen: {name}").format(name=name)


class OrganizationChooser(TypedChooser[OrganizationRow]):
    """Type, then Down or Enter: Enter picks the highlighted (or first) hit.

    ``kinds``: only organisations of these kinds are offered (none: all). ``with_status``: a
    line below says what is chosen (the quick forms); a record's link field shows the chosen
    name in the line itself.
    """

    def __init__(
        self,
        lotse: Lotse,
        kinds: Sequence[OrganizationKind] = (),
        parent: QWidget | None = None,
        *,
        with_status: bool = True,
    ) -> None:
        super().__init__(
            OrganizationHitModel,
            parent,
            description=_("Search organisation"),
            placeholder=_("Type a name or place, then Enter or Down"),
            hits_name=_("Organisations found"),
            nothing_chosen=_("Nothing chosen yet."),
            not_found=_("No organisation found."),
            with_status=with_status,
        )
        self._lotse = lotse
        self._directory = OrganizationDirectory(lotse.reads)
        self.kinds = tuple(kinds)

    @property
    def organization_id(self) -> int | None:
        return self.chosen_id

    @property
    def organization_name(self) -> str:
        return self.chosen_name

    def set_organization(self, organization_id: int | None) -> None:
        """Show ``organization_id`` as chosen (None: nothing), without a signal of ``chosen``."""
        if organization_id is None:
            self.set_chosen(None)
            return
        name = organization_name(self._lotse.reads, organization_id)
        self.set_chosen(organization_id, name, _chosen_text(name))

    def _search(self, text: str) -> tuple[list[OrganizationRow], int]:
        ids = self._directory.ids(DirectoryQuery(text=text, kinds=self.kinds))
        return organization_rows(self._lotse.reads, ids[:MAX_HITS]), len(ids)

    def _shown_for(self, hit: OrganizationRow) -> tuple[str, str]:
        return hit.name, _chosen_text(hit.name)
