"""Roles, enrolment keys and shared rate limits (issue 13, items 1-3).

* ``users.role``: practitioner, peer_mentor, clinician or admin. Existing admins become
  ``admin``; everyone else ``practitioner``. Only admins (or ``Settings.directory_roles``)
  write organisation-wide records (the service directory).
* ``devices.public_key``: the Ed25519 public key the laptop made at enrolment (a retry of
  a lost enrolment answer must be signed by it); ``devices.used_at``: the first time the
  device's credential was accepted (after which no retry can replace it).
* ``rate_buckets``: request counts per key and fixed one-minute window, shared by every
  server process. On PostgreSQL the table is UNLOGGED: no write-ahead log, so counting
  a request never waits for a disk flush; after a database crash it starts empty,
  which only forgets the counts of the current minute.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("role", sa.String(20), nullable=False,
                                   server_default="practitioner"))
    op.execute("UPDATE users SET role = 'admin' WHERE is_admin")
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("public_key", sa.String(64)))
        batch.add_column(sa.Column("used_at", sa.Float))
    prefixes = ["UNLOGGED"] if op.get_bind().dialect.name == "postgresql" else []
    op.create_table(
        "rate_buckets",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("minute", sa.BigInteger, nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        prefixes=prefixes)


def downgrade() -> None:
    op.drop_table("rate_buckets")
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("used_at")
        batch.drop_column("public_key")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("role")
