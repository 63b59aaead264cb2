"""The four foreign keys that close a cycle (topic ↔ post, sheet ↔ revision), on servers that need ALTER.

``op.create_table`` leaves out constraints marked ``use_alter``: SQLite got them inline
(it accepts forward references), PostgreSQL never did.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# (table, column, referenced table)
CYCLIC = (
    ('topics', 'last_post_id', 'posts'),
    ('topics', 'solved_post_id', 'posts'),
    ('sheets', 'current_revision_id', 'sheet_revisions'),
    ('sheets', 'published_revision_id', 'sheet_revisions'),
)


def _name(table, column, referred):
    return f'fk_{table}_{column}_{referred}'


def upgrade():
    if op.get_bind().dialect.name == 'sqlite':
        return
    for table, column, referred in CYCLIC:
        op.create_foreign_key(_name(table, column, referred), table, referred, [column], ['id'],
                              ondelete='SET NULL')


def downgrade():
    if op.get_bind().dialect.name == 'sqlite':
        return
    for table, column, referred in CYCLIC:
        op.drop_constraint(_name(table, column, referred), table, type_='foreignkey')
