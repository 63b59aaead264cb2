"""Moderation as a whole capability: reports gathered into cases, statements sent to members and
their contests, watched words; held and edit-requested posts and topics; the journal gains the
pole, the member concerned, its case and a structured detail, so that its filters are indexed.
Sheet comments can be hidden.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade():
    op.create_table(
        'moderation_cases',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('target_type', sa.String(20), nullable=False),
        sa.Column('target_id', sa.Integer(), nullable=False),
        sa.Column('open_key', sa.String(40), nullable=True),
        sa.Column('origin', sa.String(20), nullable=False),
        sa.Column('state', sa.String(20), nullable=False),
        sa.Column('urgent', sa.Boolean(), nullable=False),
        sa.Column('pole_id', sa.Integer(), nullable=True),
        sa.Column('member_id', sa.Integer(), nullable=True),
        sa.Column('report_count', sa.Integer(), nullable=False),
        sa.Column('opened_at', WHEN, nullable=False),
        sa.Column('taken_by_id', sa.Integer(), nullable=True),
        sa.Column('taken_at', WHEN, nullable=True),
        sa.Column('closed_by_id', sa.Integer(), nullable=True),
        sa.Column('closed_at', WHEN, nullable=True),
        sa.Column('decision', sa.String(40), nullable=False),
        sa.Column('contest_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['pole_id'], ['poles.id'], name=op.f('fk_moderation_cases_pole_id_poles'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['member_id'], ['users.id'], name=op.f('fk_moderation_cases_member_id_users'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['taken_by_id'], ['users.id'],
                                name=op.f('fk_moderation_cases_taken_by_id_users'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['closed_by_id'], ['users.id'],
                                name=op.f('fk_moderation_cases_closed_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_moderation_cases')),
        sa.UniqueConstraint('open_key', name=op.f('uq_moderation_cases_open_key')),
    )
    op.create_index('ix_moderation_cases_queue', 'moderation_cases', ['state', 'urgent', 'opened_at'])
    op.create_index('ix_moderation_cases_target', 'moderation_cases', ['target_type', 'target_id'])
    op.create_index(op.f('ix_moderation_cases_pole_id'), 'moderation_cases', ['pole_id'])
    op.create_index(op.f('ix_moderation_cases_member_id'), 'moderation_cases', ['member_id'])

    op.create_table(
        'reports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('target_type', sa.String(20), nullable=False),
        sa.Column('target_id', sa.Integer(), nullable=False),
        sa.Column('reporter_id', sa.Integer(), nullable=True),
        sa.Column('reason', sa.String(30), nullable=False),
        sa.Column('note', sa.String(1000), nullable=False),
        sa.Column('created_at', WHEN, nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['moderation_cases.id'], name=op.f('fk_reports_case_id_moderation_cases'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['reporter_id'], ['users.id'], name=op.f('fk_reports_reporter_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reports')),
        sa.UniqueConstraint('target_type', 'target_id', 'reporter_id', name='uq_reports_target_reporter'),
    )
    op.create_index(op.f('ix_reports_case_id'), 'reports', ['case_id'])
    op.create_index(op.f('ix_reports_reporter_id'), 'reports', ['reporter_id'])

    op.create_table(
        'moderation_statements',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('journal_id', sa.Integer(), nullable=True),
        sa.Column('case_id', sa.Integer(), nullable=True),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('action', sa.String(40), nullable=False),
        sa.Column('target_type', sa.String(40), nullable=False),
        sa.Column('target_id', sa.Integer(), nullable=True),
        sa.Column('target_label', sa.String(200), nullable=False),
        sa.Column('reason', sa.String(1000), nullable=False),
        sa.Column('rule', sa.String(200), nullable=False),
        sa.Column('automatic', sa.Boolean(), nullable=False),
        sa.Column('created_at', WHEN, nullable=False),
        sa.Column('read_at', WHEN, nullable=True),
        sa.ForeignKeyConstraint(['member_id'], ['users.id'], name=op.f('fk_moderation_statements_member_id_users'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['journal_id'], ['moderation_actions.id'],
                                name=op.f('fk_moderation_statements_journal_id_moderation_actions'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['case_id'], ['moderation_cases.id'],
                                name=op.f('fk_moderation_statements_case_id_moderation_cases'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'],
                                name=op.f('fk_moderation_statements_decided_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_moderation_statements')),
    )
    op.create_index(op.f('ix_moderation_statements_member_id'), 'moderation_statements', ['member_id'])

    op.create_table(
        'moderation_contests',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('statement_id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('text', sa.String(1000), nullable=False),
        sa.Column('state', sa.String(20), nullable=False),
        sa.Column('created_at', WHEN, nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decided_at', WHEN, nullable=True),
        sa.Column('decision_note', sa.String(1000), nullable=False),
        sa.ForeignKeyConstraint(['statement_id'], ['moderation_statements.id'],
                                name=op.f('fk_moderation_contests_statement_id_moderation_statements'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['member_id'], ['users.id'], name=op.f('fk_moderation_contests_member_id_users'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'],
                                name=op.f('fk_moderation_contests_decided_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_moderation_contests')),
        sa.UniqueConstraint('statement_id', name=op.f('uq_moderation_contests_statement_id')),
    )
    op.create_index(op.f('ix_moderation_contests_member_id'), 'moderation_contests', ['member_id'])

    op.create_table(
        'watched_words',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('phrase', sa.String(100), nullable=False),
        sa.Column('folded', sa.String(100), nullable=False),
        sa.Column('effect', sa.String(20), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', WHEN, nullable=False),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_watched_words_created_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_watched_words')),
        sa.UniqueConstraint('folded', name=op.f('uq_watched_words_folded')),
    )

    # Plain ALTER TABLE … ADD COLUMN, never a batch rebuild: on SQLite rebuilding a table that
    # others refer to with ON DELETE CASCADE would empty them.
    for table in ('topics', 'posts'):
        op.add_column(table, sa.Column('held_at', WHEN, nullable=True))
        op.add_column(table, sa.Column('edit_requested_at', WHEN, nullable=True))
    op.add_column('sheet_comments', sa.Column('hidden_at', WHEN, nullable=True))
    op.create_index('ix_posts_privacy_warnings', 'posts', ['privacy_warnings'])
    op.add_column('moderation_actions', sa.Column('pole_id', sa.Integer(), nullable=True))
    op.add_column('moderation_actions', sa.Column('member_id', sa.Integer(), nullable=True))
    op.add_column('moderation_actions', sa.Column('case_id', sa.Integer(), nullable=True))
    op.add_column('moderation_actions', sa.Column('automatic', sa.Boolean(), nullable=False,
                                                  server_default=sa.false()))
    op.add_column('moderation_actions', sa.Column('detail', sa.Text(), nullable=False, server_default=''))
    op.create_index('ix_moderation_actions_action_created', 'moderation_actions', ['action', 'created_at'])
    op.create_index('ix_moderation_actions_actor_created', 'moderation_actions', ['actor_id', 'created_at'])
    op.create_index('ix_moderation_actions_member_created', 'moderation_actions', ['member_id', 'created_at'])
    op.create_index('ix_moderation_actions_pole_created', 'moderation_actions', ['pole_id', 'created_at'])
    # Entries written before this revision name their member through their target.
    op.execute("UPDATE moderation_actions SET member_id = target_id WHERE target_type = 'User'")
    op.execute("UPDATE moderation_actions SET member_id = (SELECT posts.author_id FROM posts "
               "WHERE posts.id = moderation_actions.target_id), pole_id = (SELECT topics.pole_id FROM posts "
               "JOIN topics ON topics.id = posts.topic_id WHERE posts.id = moderation_actions.target_id) "
               "WHERE target_type = 'Post'")


def downgrade():
    for name in ('pole', 'member', 'actor', 'action'):
        op.drop_index(f'ix_moderation_actions_{name}_created', table_name='moderation_actions')
    for column in ('detail', 'automatic', 'case_id', 'member_id', 'pole_id'):
        op.drop_column('moderation_actions', column)
    op.drop_column('sheet_comments', 'hidden_at')
    op.drop_index('ix_posts_privacy_warnings', table_name='posts')
    for table in ('posts', 'topics'):
        op.drop_column(table, 'edit_requested_at')
        op.drop_column(table, 'held_at')
    op.drop_table('watched_words')
    op.drop_table('moderation_contests')
    op.drop_table('moderation_statements')
    op.drop_table('reports')
    op.drop_table('moderation_cases')
