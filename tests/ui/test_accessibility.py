"""Every screen and dialog passes the keyboard and naming checks of BITV 2.0 / WCAG 2.1 AA
(issue #21): no Alt letter used twice, Tab in reading order and reaching every control,
no silent Tab stop (each control is named and shows that it has the focus), spoken names
that contain what is shown. The checks themselves: tests/ui/accessibility_audit.py and
tests/ui/test_accessibility_audit.py (which proves they catch each fault)."""

from __future__ import annotations

import pytest

from tests.ui import accessibility_audit as audit
from tests.ui import screens
from tests.ui.screens import SCREENS, Screen, screen_id

screen_ctx = screens.screen_ctx  # the fixtures
screens_template = screens.screens_template


@pytest.mark.parametrize("screen", SCREENS, ids=screen_id)
def test_screen_is_accessible_by_keyboard(screen_ctx, screen: Screen):
    window = screen.open(screen_ctx)
    area = screen.focus_area(window) if screen.focus_area is not None else None
    chain = audit.tab_chain(window, area=area)
    problems = {
        "Alt letter used twice": audit.duplicate_mnemonics(window),
        "underlined letter that does nothing": audit.dead_mnemonics(window),
        "Tab stays in": [audit.describe(chain.trap)] if chain.trap is not None else [],
        "Tab against reading order": audit.reading_order_problems(window, chain),
        "not reached by Tab": audit.unreachable(window, chain, area),
        "Tab leaves the covering overlay": audit.escapes(chain, area),
        "no visible focus mark": [audit.describe(w) for w in chain.focus_marks_missing],
        "no accessible name": audit.unnamed(chain.widgets),
        "name differs from the text shown": audit.names_not_matching_label(chain.widgets),
    }
    assert chain.widgets, "no control takes the focus"
    found = {kind: items for kind, items in problems.items() if items}
    assert not found, "\n".join(f"{kind}: {'; '.join(items)}" for kind, items in found.items())
