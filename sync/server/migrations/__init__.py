"""Alembic migrations of the server database, run programmatically by ``sync.server.db.migrate``."""
