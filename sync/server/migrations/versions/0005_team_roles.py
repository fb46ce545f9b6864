"""Team-defined roles (issue 14 item 3).

``team_roles``: roles a team adds beside the built-in ones (practitioner, peer mentor,
clinician, admin), each a short code (what ``users.role`` holds) and the label shown on
the laptops. Set by an admin with ``outreach-server admin add-role``.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "team_roles",
        sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), primary_key=True),
        sa.Column("code", sa.String(20), primary_key=True),
        sa.Column("label", sa.String(60), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False))


def downgrade() -> None:
    op.drop_table("team_roles")
