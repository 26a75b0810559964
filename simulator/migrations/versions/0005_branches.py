"""Practice: branches (a session re-asked from one of its turns), the discussion guide a session was run with,
and drill attempts.

``sessions.parent_id`` is a plain indexed column, not a foreign key: on SQLite adding a foreign key rebuilds
the sessions table, which breaks the foreign keys of the turns that point at it. The store checks that a
branch's parent exists and belongs to the same trainee.

Revision ID: 0005_branches
Revises: 0004_review_identity
Create Date: 2026-12-05

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

JSON = sa.JSON()

# revision identifiers, used by Alembic.
revision: str = '0005_branches'
down_revision: Union[str, Sequence[str], None] = '0004_review_identity'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Plain ALTER TABLE ... ADD COLUMN on every backend (see 0004 for why not batch mode on sessions).
    op.add_column('sessions', sa.Column('parent_id', sa.String(length=32), nullable=True))
    op.add_column('sessions', sa.Column('branch_point', sa.Integer(), nullable=True))
    op.add_column('sessions', sa.Column('guide', JSON, nullable=True))
    op.create_index('ix_sessions_parent_id', 'sessions', ['parent_id'], unique=False)
    op.create_table(
        'drill_attempts',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('trainee_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.Double(), nullable=False),
        sa.Column('source', sa.String(length=20), nullable=False),
        sa.Column('question', sa.Text(), nullable=False),
        sa.Column('attempt', sa.Text(), nullable=False),
        sa.Column('label', sa.String(length=20), nullable=True),
        sa.Column('good', sa.Boolean(), nullable=False),
        sa.Column('session_id', sa.String(length=32), nullable=True),
        sa.Column('turn_index', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['trainee_id'], ['trainees.id'], name=op.f('fk_drill_attempts_trainee_id_trainees')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_drill_attempts')),
    )
    op.create_index('ix_drill_attempts_trainee_created', 'drill_attempts', ['trainee_id', 'created_at'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_drill_attempts_trainee_created', table_name='drill_attempts')
    op.drop_table('drill_attempts')
    op.drop_index('ix_sessions_parent_id', table_name='sessions')
    for column in ('guide', 'branch_point', 'parent_id'):
        op.drop_column('sessions', column)
