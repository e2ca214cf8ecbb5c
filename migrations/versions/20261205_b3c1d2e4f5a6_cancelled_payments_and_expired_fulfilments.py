"""Payments can be cancelled; fulfilments remember that their order's expiry cancelled them

An expired or cancelled order that nothing was paid on now has a cancelled payment (it
stayed ``pending`` or ``due_on_delivery``), and an expired order's fulfilments are
cancelled (they stayed ``awaiting_payment``), marked ``expired`` so that a payment that
still arrives can reinstate them. Existing rows are brought to the same state.

Revision ID: b3c1d2e4f5a6
Revises: c647b2f96d3d
Create Date: 2026-12-05 08:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'b3c1d2e4f5a6'
down_revision = 'c647b2f96d3d'
branch_labels = None
depends_on = None

OLD_PAYMENT_STATUSES = ('pending', 'succeeded', 'failed', 'due_on_delivery', 'collected', 'refunded',
                        'partially_refunded')
NEW_PAYMENT_STATUSES = OLD_PAYMENT_STATUSES + ('cancelled',)


def _payment_status_check(values) -> str:
    return "status IN (" + ", ".join(f"'{value}'" for value in values) + ")"


def upgrade() -> None:
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_payments_payment_status'), type_='check')
        batch_op.create_check_constraint(op.f('ck_payments_payment_status'),
                                         _payment_status_check(NEW_PAYMENT_STATUSES))
    with op.batch_alter_table('fulfilments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('expired', sa.Boolean(), server_default=sa.false(), nullable=False))

    op.execute("UPDATE fulfilments SET expired = true, status = 'cancelled', done_at = status_changed_at "
               "WHERE status = 'awaiting_payment' "
               "AND order_id IN (SELECT id FROM orders WHERE status = 'expired')")
    op.execute("UPDATE payments SET status = 'cancelled' WHERE status IN ('pending', 'due_on_delivery') "
               "AND order_id IN (SELECT id FROM orders WHERE status IN ('expired', 'cancelled'))")


def downgrade() -> None:
    op.execute("UPDATE payments SET status = CASE method WHEN 'cod' THEN 'due_on_delivery' ELSE 'pending' END "
               "WHERE status = 'cancelled'")
    op.execute("UPDATE fulfilments SET status = 'awaiting_payment', done_at = NULL WHERE expired")
    with op.batch_alter_table('fulfilments', schema=None) as batch_op:
        batch_op.drop_column('expired')
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_payments_payment_status'), type_='check')
        batch_op.create_check_constraint(op.f('ck_payments_payment_status'),
                                         _payment_status_check(OLD_PAYMENT_STATUSES))
