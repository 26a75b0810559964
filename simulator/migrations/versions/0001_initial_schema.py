"""Initial schema: trainees, sessions, turns, coach annotations and session comments.

Revision ID: 0001
Revises:
Create Date: 2026-11-22

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# Plain JSON on every backend (see simulator/store_models.py for why not JSONB).
JSON = sa.JSON()

# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('trainees',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.Double(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trainees')),
    sa.UniqueConstraint('name', name=op.f('uq_trainees_name'))
    )
    op.create_table('sessions',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('trainee_id', sa.Integer(), nullable=False),
    sa.Column('persona_id', sa.String(length=100), nullable=False),
    sa.Column('persona_name', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('started_at', sa.Double(), nullable=False),
    sa.Column('ended_at', sa.Double(), nullable=True),
    sa.Column('updated_at', sa.Double(), nullable=False),
    sa.Column('turn_count', sa.Integer(), nullable=False),
    sa.Column('score', sa.Double(), nullable=True),
    sa.Column('open_share', sa.Double(), nullable=True),
    sa.Column('metrics', JSON, nullable=True),
    sa.Column('insights_uncovered', JSON, nullable=True),
    sa.Column('header', JSON, nullable=False),
    sa.ForeignKeyConstraint(['trainee_id'], ['trainees.id'], name=op.f('fk_sessions_trainee_id_trainees')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sessions'))
    )
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.create_index('ix_sessions_persona_started', ['persona_id', 'started_at'], unique=False)
        batch_op.create_index('ix_sessions_score', ['score'], unique=False)
        batch_op.create_index('ix_sessions_started_at', ['started_at'], unique=False)
        batch_op.create_index('ix_sessions_trainee_started', ['trainee_id', 'started_at'], unique=False)

    op.create_table('session_comments',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('session_id', sa.String(length=32), nullable=False),
    sa.Column('coach', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.Double(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_session_comments_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_comments'))
    )
    with op.batch_alter_table('session_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_comments_session_id'), ['session_id'], unique=False)

    op.create_table('turns',
    sa.Column('session_id', sa.String(length=32), nullable=False),
    sa.Column('idx', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('speaker', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('at', sa.Double(), nullable=False),
    sa.Column('start', sa.Double(), nullable=True),
    sa.Column('end', sa.Double(), nullable=True),
    sa.Column('label', sa.String(length=20), nullable=True),
    sa.Column('flags', JSON, nullable=False),
    sa.Column('confidence', sa.Double(), nullable=True),
    sa.Column('patience', sa.Double(), nullable=True),
    sa.Column('topic', sa.Text(), nullable=True),
    sa.Column('insights', JSON, nullable=False),
    sa.Column('contaminated', sa.Boolean(), nullable=False),
    sa.Column('data', JSON, nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_turns_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', 'idx', name=op.f('pk_turns'))
    )
    op.create_table('annotations',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('session_id', sa.String(length=32), nullable=False),
    sa.Column('turn_index', sa.Integer(), nullable=False),
    sa.Column('coach', sa.String(length=200), nullable=False),
    sa.Column('label', sa.String(length=20), nullable=True),
    sa.Column('confirmed', sa.Boolean(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('created_at', sa.Double(), nullable=False),
    sa.ForeignKeyConstraint(['session_id', 'turn_index'], ['turns.session_id', 'turns.idx'], name='fk_annotations_turn', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annotations'))
    )
    with op.batch_alter_table('annotations', schema=None) as batch_op:
        batch_op.create_index('ix_annotations_turn_coach', ['session_id', 'turn_index', 'coach'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('annotations', schema=None) as batch_op:
        batch_op.drop_index('ix_annotations_turn_coach')

    op.drop_table('annotations')
    op.drop_table('turns')
    with op.batch_alter_table('session_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_comments_session_id'))

    op.drop_table('session_comments')
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_sessions_trainee_started')
        batch_op.drop_index('ix_sessions_started_at')
        batch_op.drop_index('ix_sessions_score')
        batch_op.drop_index('ix_sessions_persona_started')

    op.drop_table('sessions')
    op.drop_table('trainees')
