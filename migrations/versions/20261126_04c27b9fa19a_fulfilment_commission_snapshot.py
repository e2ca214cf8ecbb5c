"""Snapshot the company's commission rate on each fulfilment

A company may change its rate; settlements must use the rate that held when the
order was placed. Existing fulfilments take their company's current rate.

Revision ID: 04c27b9fa19a
Revises: a97da99aeb10
Create Date: 2026-11-26 06:49:58.004660
"""
from alembic import op
import sqlalchemy as sa


revision = '04c27b9fa19a'
down_revision = 'a97da99aeb10'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('fulfilments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('commission_bps', sa.Integer(), nullable=True))
    op.execute(
        "UPDATE fulfilments SET commission_bps = "
        "(SELECT companies.commission_bps FROM companies WHERE companies.id = fulfilments.company_id)"
    )
    with op.batch_alter_table('fulfilments', schema=None) as batch_op:
        batch_op.alter_column('commission_bps', existing_type=sa.Integer(), nullable=False)
        batch_op.create_check_constraint(
            op.f('ck_fulfilments_commission_bps_range'), 'commission_bps >= 0 AND commission_bps <= 10000'
        )


def downgrade() -> None:
    with op.batch_alter_table('fulfilments', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_fulfilments_commission_bps_range'), type_='check')
        batch_op.drop_column('commission_bps')
