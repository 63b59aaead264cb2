"""Sheets remember their first submission: until then a draft is its authors' alone.

Existing sheets take the earliest submission of their versions.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('sheets', sa.Column('first_submitted_at', sa.DateTime(timezone=True), nullable=True))
    op.execute(
        "UPDATE sheets SET first_submitted_at = (SELECT MIN(sheet_revisions.submitted_at) FROM sheet_revisions "
        "WHERE sheet_revisions.sheet_id = sheets.id)"
    )


def downgrade():
    # A plain DROP COLUMN (SQLite 3.35+): a batch rebuild would drop `sheets`, and with foreign keys
    # enforced SQLite would cascade that to every version, comment and attachment.
    op.drop_column('sheets', 'first_submitted_at')
