"""The server's epoch, and the count of changes a laptop holds in quarantine (issue 13,
items 12 and 13).

* ``org_settings['sync_epoch']``: a random id made now, made anew when a backup is
  restored (``sync/server/epoch.py``); laptops that see a new one pull afresh and re-send
  what the server may have lost.
* ``devices.quarantined_changes``: how many of its changes the server refused and the
  laptop keeps for a person to fix or discard (reported at each sync, shown to admins).

Revision ID: 0004
Revises: 0003
"""
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("quarantined_changes", sa.Integer))
    org = sa.table("org_settings", sa.column("key", sa.String), sa.column("value", sa.Text))
    op.execute(org.delete().where(org.c.key == "sync_epoch"))
    op.execute(org.insert().values(key="sync_epoch", value=str(uuid.uuid4())))


def downgrade() -> None:
    org = sa.table("org_settings", sa.column("key", sa.String))
    op.execute(org.delete().where(org.c.key.in_(["sync_epoch", "sync_epoch_database"])))
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("quarantined_changes")
