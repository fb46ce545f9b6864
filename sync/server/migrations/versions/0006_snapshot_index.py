"""First-sync snapshot index (issue 15 item 2).

``records_team_kind_seq``: a snapshot page (``sync/server/snapshot.py``) reads one kind of
a team's records in ``seq`` order; with this index that is one range scan of the rows it
sends, whatever else the team holds.

Revision ID: 0006_snapshot
Revises: 0005
"""
from alembic import op

revision = "0006_snapshot"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("records_team_kind_seq", "records", ["team_id", "kind", "seq"])


def downgrade() -> None:
    op.drop_index("records_team_kind_seq", table_name="records")
