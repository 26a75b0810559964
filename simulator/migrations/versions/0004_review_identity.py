"""Review and identity: trainee teams, one session per imported file, reviewed state, feedback read marks,
editable and deletable session comments with their history.

Revision ID: 0004_review_identity
Revises: 0001
Create Date: 2026-12-01

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

JSON = sa.JSON()

# revision identifiers, used by Alembic.
revision: str = '0004_review_identity'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('trainees', schema=None) as batch_op:
        batch_op.add_column(sa.Column('team', sa.String(length=100), nullable=True))

    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('reviewed_by', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('reviewed_at', sa.Double(), nullable=True))
        batch_op.add_column(sa.Column('feedback_seen_at', sa.Double(), nullable=True))
        batch_op.create_index('uq_sessions_content_hash', ['content_hash'], unique=True)

    with op.batch_alter_table('session_comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('edited_at', sa.Double(), nullable=True))
        batch_op.add_column(sa.Column('deleted_at', sa.Double(), nullable=True))
        batch_op.add_column(sa.Column('history', JSON, nullable=True))


def downgrade() -> None:
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+): batch mode would rebuild the tables, and a rebuilt
    # sessions table breaks the foreign keys of the turns that point at it.
    for column in ('history', 'deleted_at', 'edited_at'):
        op.drop_column('session_comments', column)
    op.drop_index('uq_sessions_content_hash', table_name='sessions')
    for column in ('feedback_seen_at', 'reviewed_at', 'reviewed_by', 'content_hash'):
        op.drop_column('sessions', column)
    op.drop_column('trainees', 'team')
