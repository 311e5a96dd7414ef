"""Lotse core: data, services and reports. Never imports Qt or ui/."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("lotse")
except PackageNotFoundError:  # running from a source tree or a bundle without metadata
    __version__ = "0.1.0"
