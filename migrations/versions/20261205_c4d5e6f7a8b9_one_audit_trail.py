"""One audit trail: order events become audit entries

The order's history (order_events) becomes the audit trail of every staff, admin and
system action (audit_entries): each entry names its subject and the company whose
staff may read it, and actions are named <subject>.<what>. Existing events are copied
over with their subject and company, then order_events is dropped.

Revision ID: c4d5e6f7a8b9
Revises: b3c1d2e4f5a6
Create Date: 2026-12-05 09:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'c4d5e6f7a8b9'
down_revision = 'b3c1d2e4f5a6'
branch_labels = None
depends_on = None

ACTIONS = {
    'transition': 'fulfilment.transition', 'line_received': 'fulfilment.line_received',
    'placed': 'order.placed', 'paid': 'order.paid', 'expired': 'order.expired', 'cancelled': 'order.cancelled',
    'order_status': 'order.status', 'payment': 'payment.status', 'payment_mismatch': 'payment.mismatch',
    'late_payment_refunded': 'payment.late_refunded', 'payment_failed': 'payment.failed',
    'promptpay_confirmed': 'payment.promptpay_confirmed',
}
PAYMENT_ACTIONS = ('payment', 'payment_mismatch', 'late_payment_refunded', 'payment_failed', 'promptpay_confirmed')


def _case(column: str, mapping: dict[str, str]) -> str:
    whens = " ".join(f"WHEN '{old}' THEN '{new}'" for old, new in mapping.items())
    return f"CASE {column} {whens} ELSE {column} END"


def upgrade() -> None:
    op.create_table(
        'audit_entries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('action', sa.String(length=60), nullable=False),
        sa.Column('subject_type', sa.String(length=30), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=False),
        sa.Column('company_id', sa.Integer(), nullable=True),
        sa.Column('order_id', sa.Integer(), nullable=True),
        sa.Column('fulfilment_id', sa.Integer(), nullable=True),
        sa.Column('from_status', sa.String(length=32), nullable=True),
        sa.Column('to_status', sa.String(length=32), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('detail', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_audit_entries_actor_id_users'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_audit_entries_company_id_companies'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['fulfilment_id'], ['fulfilments.id'],
                                name=op.f('fk_audit_entries_fulfilment_id_fulfilments'), ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_audit_entries_order_id_orders'),
                                ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries')),
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entries_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entries_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entries_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entries_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entries_order_id'), ['order_id'], unique=False)
        batch_op.create_index('ix_audit_entries_subject', ['subject_type', 'subject_id'], unique=False)

    payment_actions = ", ".join(f"'{action}'" for action in PAYMENT_ACTIONS)
    op.execute(
        "INSERT INTO audit_entries (id, created_at, actor_id, action, subject_type, subject_id, company_id, order_id, "
        "fulfilment_id, from_status, to_status, note, detail) "
        f"SELECT e.id, e.created_at, e.actor_id, {_case('e.action', ACTIONS)}, "
        f"CASE WHEN e.fulfilment_id IS NOT NULL THEN 'fulfilment' WHEN e.action IN ({payment_actions}) THEN 'payment' "
        "ELSE 'order' END, "
        "CASE WHEN e.fulfilment_id IS NOT NULL THEN e.fulfilment_id "
        f"WHEN e.action IN ({payment_actions}) THEN (SELECT MAX(p.id) FROM payments p WHERE p.order_id = e.order_id) "
        "ELSE e.order_id END, "
        "(SELECT f.company_id FROM fulfilments f WHERE f.id = e.fulfilment_id), e.order_id, e.fulfilment_id, "
        "e.from_status, e.to_status, e.note, '{}' FROM order_events e"
    )
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("SELECT setval(pg_get_serial_sequence('audit_entries', 'id'), "
                   "COALESCE((SELECT MAX(id) FROM audit_entries), 0) + 1, false)")
    with op.batch_alter_table('order_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_events_order_id'))
    op.drop_table('order_events')


def downgrade() -> None:
    op.create_table(
        'order_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('order_id', sa.Integer(), nullable=False),
        sa.Column('fulfilment_id', sa.Integer(), nullable=True),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('action', sa.String(length=40), nullable=False),
        sa.Column('from_status', sa.String(length=32), nullable=True),
        sa.Column('to_status', sa.String(length=32), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_order_events_actor_id_users'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['fulfilment_id'], ['fulfilments.id'],
                                name=op.f('fk_order_events_fulfilment_id_fulfilments'), ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_events_order_id_orders'),
                                ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_order_events')),
    )
    with op.batch_alter_table('order_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_events_order_id'), ['order_id'], unique=False)
    back = {new: old for old, new in ACTIONS.items()}
    op.execute(
        "INSERT INTO order_events (id, order_id, fulfilment_id, actor_id, action, from_status, to_status, note, "
        f"created_at) SELECT id, order_id, fulfilment_id, actor_id, {_case('action', back)}, from_status, to_status, "
        "note, created_at FROM audit_entries WHERE order_id IS NOT NULL"
    )
    op.drop_table('audit_entries')
