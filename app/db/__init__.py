"""Database access: the one engine factory, the unit of work, migrations, backups."""
