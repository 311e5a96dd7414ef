"""Lotse core: data, services and reports. Never imports Qt or ui/."""

__version__ = "0.1.0"  # the only place; pyproject.toml reads it (no metadata lookup at start)
