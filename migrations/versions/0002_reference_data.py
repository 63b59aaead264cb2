"""Reference data: the 15 poles (13 regions, Outre-mer, National) and the 17 themes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

"""
from alembic import op
import sqlalchemy as sa

from forum.taxonomy.reference import pole_rows, theme_rows

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

poles = sa.table(
    'poles',
    sa.column('slug', sa.String), sa.column('name', sa.String), sa.column('insee_codes', sa.String),
    sa.column('position', sa.Integer), sa.column('active', sa.Boolean),
)
themes = sa.table(
    'themes',
    sa.column('slug', sa.String), sa.column('name', sa.String), sa.column('description', sa.String),
    sa.column('position', sa.Integer), sa.column('active', sa.Boolean), sa.column('restricted', sa.Boolean),
)


def upgrade():
    op.bulk_insert(poles, pole_rows())
    op.bulk_insert(themes, theme_rows())


def downgrade():
    op.execute(themes.delete())
    op.execute(poles.delete())
