"""The encrypted local store: key vault, SQLCipher connection, migrations, records,
outbox of local changes and full-text search. No Qt here."""
