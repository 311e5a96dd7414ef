"""Stellenangebote: the offer dialog and the table of matches."""
