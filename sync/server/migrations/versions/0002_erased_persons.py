"""Erased persons: the ids of persons erased on request (the right to erasure).

A push for an erased person is acknowledged but not applied, so a laptop that was offline
at the erasure cannot bring the person back. Holds ids and a time only.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erased_persons",
        sa.Column("person_id", sa.String(36), primary_key=True),
        sa.Column("erased_at", sa.Float, nullable=False))


def downgrade() -> None:
    op.drop_table("erased_persons")
