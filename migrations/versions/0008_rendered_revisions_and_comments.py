"""Earlier versions of posts keep their rendered HTML; review comments know their render version.

Both follow the rendered-text contract (body, body_html, body_render_version). Existing rows
get version 0: ``flask --app wsgi markup rerender`` (run on every upgrade) renders them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('body_html', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('body_render_version', sa.Integer(), nullable=False, server_default='0'))
    with op.batch_alter_table('sheet_comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('body_render_version', sa.Integer(), nullable=False, server_default='0'))
    # The defaults only filled the existing rows: new rows get their values from the models.
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.alter_column('body_html', server_default=None)
        batch_op.alter_column('body_render_version', server_default=None)
    with op.batch_alter_table('sheet_comments', schema=None) as batch_op:
        batch_op.alter_column('body_render_version', server_default=None)


def downgrade():
    with op.batch_alter_table('sheet_comments', schema=None) as batch_op:
        batch_op.drop_column('body_render_version')
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.drop_column('body_render_version')
        batch_op.drop_column('body_html')
