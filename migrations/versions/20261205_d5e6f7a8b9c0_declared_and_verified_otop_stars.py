"""OTOP stars: what producers declare, apart from what staff verified

Producers declare their enterprise's OTOP star level; staff of the province's company
(or an admin) verify it, and only verified stars show as stars. Existing levels were
declared at sign-up and never verified: they become the declared level.

Revision ID: d5e6f7a8b9c0
Revises: c4d5e6f7a8b9
Create Date: 2026-12-05 09:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'd5e6f7a8b9c0'
down_revision = 'c4d5e6f7a8b9'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('enterprises', schema=None) as batch_op:
        batch_op.add_column(sa.Column('otop_stars_declared', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_enterprises_otop_stars_declared_range'),
            'otop_stars_declared IS NULL OR (otop_stars_declared >= 1 AND otop_stars_declared <= 5)',
        )
    op.execute("UPDATE enterprises SET otop_stars_declared = otop_stars, otop_stars = NULL")


def downgrade() -> None:
    op.execute("UPDATE enterprises SET otop_stars = COALESCE(otop_stars, otop_stars_declared)")
    with op.batch_alter_table('enterprises', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_enterprises_otop_stars_declared_range'), type_='check')
        batch_op.drop_column('otop_stars_declared')
