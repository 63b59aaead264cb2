"""Login sessions: each login is a row named by its cookies, so logging out ends it for good.

They replace ``users.session_token``, one token shared by every session of an account (only a
password change could end a session). Sessions open before the upgrade are not carried over:
everyone logs in once more.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('login_sessions',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('end_reason', sa.String(length=20), nullable=False),
    sa.Column('device', sa.String(length=80), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_login_sessions_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_sessions'))
    )
    with op.batch_alter_table('login_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_sessions_user_id'), ['user_id'], unique=False)
    # A plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35), not a batch: rebuilding `users` on SQLite
    # would drop the table that every other table refers to, with foreign keys enforced.
    op.drop_column('users', 'session_token')


def downgrade():
    # The old code refuses an empty token: draw one for each account.
    op.add_column('users', sa.Column('session_token', sa.String(length=40), nullable=False, server_default=''))
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("UPDATE users SET session_token = lower(hex(randomblob(16)))")
    else:
        op.execute("UPDATE users SET session_token = replace(gen_random_uuid()::text, '-', '')")
        op.alter_column('users', 'session_token', server_default=None)  # SQLite would rebuild the table
    with op.batch_alter_table('login_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_sessions_user_id'))
    op.drop_table('login_sessions')
