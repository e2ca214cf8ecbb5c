"""Settlement statements and their lines

One statement per (company, enterprise, Bangkok month), immutable once issued; each sold
order line is settled on exactly one sale line (unique order_line_id); corrections are
adjustment lines that point at the sale line they correct.

Revision ID: c647b2f96d3d
Revises: 5446e45c233d
Create Date: 2026-11-26 07:37:45.723002
"""
from alembic import op
import sqlalchemy as sa


revision = 'c647b2f96d3d'
down_revision = '5446e45c233d'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('settlement_statements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('enterprise_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('issued', 'paid', name='statement_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('gross_satang', sa.Integer(), nullable=False),
    sa.Column('commission_satang', sa.Integer(), nullable=False),
    sa.Column('net_satang', sa.Integer(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('paid_by_id', sa.Integer(), nullable=True),
    sa.Column('transfer_reference', sa.String(length=100), nullable=True),
    sa.CheckConstraint("(status = 'issued' AND paid_at IS NULL AND paid_by_id IS NULL AND transfer_reference IS NULL) OR (status = 'paid' AND paid_at IS NOT NULL AND transfer_reference IS NOT NULL)", name=op.f('ck_settlement_statements_paid_has_reference')),
    sa.CheckConstraint('gross_satang = commission_satang + net_satang', name=op.f('ck_settlement_statements_gross_is_sum')),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_settlement_statements_company_id_companies'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprises.id'], name=op.f('fk_settlement_statements_enterprise_id_enterprises'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_settlement_statements_issued_by_id_users'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['paid_by_id'], ['users.id'], name=op.f('fk_settlement_statements_paid_by_id_users'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlement_statements')),
    sa.UniqueConstraint('company_id', 'enterprise_id', 'month', name=op.f('uq_settlement_statements_company_id_enterprise_id_month'))
    )
    with op.batch_alter_table('settlement_statements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_settlement_statements_enterprise_id'), ['enterprise_id'], unique=False)

    op.create_table('settlement_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('sale', 'adjustment', name='settlement_line_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('order_line_id', sa.Integer(), nullable=True),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('commission_bps', sa.Integer(), nullable=False),
    sa.Column('gross_satang', sa.Integer(), nullable=False),
    sa.Column('commission_satang', sa.Integer(), nullable=False),
    sa.Column('net_satang', sa.Integer(), nullable=False),
    sa.CheckConstraint("(kind = 'sale' AND order_line_id IS NOT NULL AND corrects_id IS NULL AND gross_satang >= 0 AND commission_satang >= 0 AND net_satang >= 0) OR (kind = 'adjustment' AND order_line_id IS NULL)", name=op.f('ck_settlement_lines_kind_rules')),
    sa.CheckConstraint('commission_bps >= 0 AND commission_bps <= 10000', name=op.f('ck_settlement_lines_commission_bps_range')),
    sa.CheckConstraint('gross_satang = commission_satang + net_satang', name=op.f('ck_settlement_lines_gross_is_sum')),
    sa.ForeignKeyConstraint(['corrects_id'], ['settlement_lines.id'], name=op.f('fk_settlement_lines_corrects_id_settlement_lines'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['order_line_id'], ['order_lines.id'], name=op.f('fk_settlement_lines_order_line_id_order_lines'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['statement_id'], ['settlement_statements.id'], name=op.f('fk_settlement_lines_statement_id_settlement_statements'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlement_lines')),
    sa.UniqueConstraint('order_line_id', name=op.f('uq_settlement_lines_order_line_id'))
    )
    with op.batch_alter_table('settlement_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_settlement_lines_corrects_id'), ['corrects_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_settlement_lines_statement_id'), ['statement_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('settlement_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_settlement_lines_statement_id'))
        batch_op.drop_index(batch_op.f('ix_settlement_lines_corrects_id'))

    op.drop_table('settlement_lines')
    with op.batch_alter_table('settlement_statements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_settlement_statements_enterprise_id'))

    op.drop_table('settlement_statements')
