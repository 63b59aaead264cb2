"""A topic merged into another remembers which: its address leads to the topic that took its posts.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('topics', sa.Column('merged_into_id', sa.Integer(), nullable=True))


def downgrade():
    # A plain DROP COLUMN (SQLite 3.35+): a batch rebuild of `topics` would cascade to every post.
    op.drop_column('topics', 'merged_into_id')
