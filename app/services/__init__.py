"""Use cases: every user action is a function here, called by the UI and by tests."""
