"""Printed documents (PDF bytes from reportlab): Förderplan, Art. 13 sheet, Stammblatt.

Renderers take data assembled by the services and never query the database.
"""
