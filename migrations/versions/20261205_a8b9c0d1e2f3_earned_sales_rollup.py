"""earned_sales: the earned lines, joined and dated once, for the dashboards and the impact page

The national dashboard sums a year of lines by month, region, province, kind and category;
joined live (order lines, fulfilments, enterprises, provinces, listings) that took about
7 s at a million lines on PostgreSQL. The rollup holds one row per earned line with what
the figures group and filter by; it is filled here from the lines already earned and
afterwards by ``reports.earned.record_earned_sales`` when a fulfilment is delivered or
completed.

Revision ID: a8b9c0d1e2f3
Revises: f7a8b9c0d1e2
Create Date: 2026-12-05 14:00:00
"""
import sqlalchemy as sa
from alembic import op


revision = 'a8b9c0d1e2f3'
down_revision = 'f7a8b9c0d1e2'
branch_labels = None
depends_on = None

_DAY = {
    "postgresql": ("CAST((f.done_at AT TIME ZONE 'Asia/Bangkok') AS DATE)",
                   "to_char(f.done_at AT TIME ZONE 'Asia/Bangkok', 'YYYY-MM')"),
    "sqlite": ("date(f.done_at, '+7 hours')", "strftime('%Y-%m', f.done_at, '+7 hours')"),
}


def upgrade() -> None:
    op.create_table(
        'earned_sales',
        sa.Column('line_id', sa.Integer(), nullable=False),
        sa.Column('order_id', sa.Integer(), nullable=False),
        sa.Column('fulfilment_id', sa.Integer(), nullable=False),
        sa.Column('company_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('enterprise_id', sa.Integer(), nullable=False),
        sa.Column('province_code', sa.String(length=2), nullable=False),
        sa.Column('region', sa.String(length=16), nullable=False),
        sa.Column('listing_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('category_slug', sa.String(length=40), nullable=False),
        sa.Column('quantity', sa.Integer(), nullable=False),
        sa.Column('items_satang', sa.BigInteger(), nullable=False),
        sa.Column('commission_satang', sa.BigInteger(), nullable=False),
        sa.Column('shared_order', sa.Boolean(), nullable=False),
        sa.Column('counts_order', sa.SmallInteger(), nullable=False),
        sa.Column('counts_order_in_province', sa.SmallInteger(), nullable=False),
        sa.Column('counts_order_in_region', sa.SmallInteger(), nullable=False),
        sa.Column('counts_order_in_category', sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(['line_id'], ['order_lines.id'], name=op.f('fk_earned_sales_line_id_order_lines'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['fulfilment_id'], ['fulfilments.id'],
                                name=op.f('fk_earned_sales_fulfilment_id_fulfilments'), ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('line_id', name=op.f('pk_earned_sales')),
    )
    op.create_index('ix_earned_sales_day', 'earned_sales', ['day'])
    op.create_index('ix_earned_sales_company_id_day', 'earned_sales', ['company_id', 'day'])
    op.create_index('ix_earned_sales_enterprise_id_day', 'earned_sales', ['enterprise_id', 'day'])
    day, month = _DAY[op.get_bind().dialect.name]
    shared = "EXISTS (SELECT 1 FROM fulfilments s WHERE s.order_id = ol.order_id AND s.id != ol.fulfilment_id)"

    def counts_order(*within: str) -> str:
        partition = ", ".join(("ol.fulfilment_id", *within))
        return (f"CASE WHEN NOT {shared} AND row_number() OVER (PARTITION BY {partition} ORDER BY ol.id) = 1 "
                "THEN 1 ELSE 0 END")

    op.execute(
        "INSERT INTO earned_sales (line_id, order_id, fulfilment_id, company_id, day, month, enterprise_id, "
        "province_code, region, listing_id, kind, category_slug, quantity, items_satang, commission_satang, "
        "shared_order, counts_order, counts_order_in_province, counts_order_in_region, counts_order_in_category) "
        f"SELECT ol.id, ol.order_id, ol.fulfilment_id, f.company_id, {day}, {month}, ol.enterprise_id, "
        "e.province_code, p.region, ol.listing_id, l.kind, ol.category_slug, ol.quantity, ol.line_total_satang, "
        "(CAST(ol.line_total_satang AS BIGINT) * f.commission_bps + 5000) / 10000, "
        f"{shared}, {counts_order()}, {counts_order('e.province_code')}, {counts_order('p.region')}, "
        f"{counts_order('ol.category_slug')} "
        "FROM order_lines ol JOIN fulfilments f ON f.id = ol.fulfilment_id "
        "JOIN enterprises e ON e.id = ol.enterprise_id JOIN provinces p ON p.code = e.province_code "
        "JOIN listings l ON l.id = ol.listing_id "
        "WHERE f.status IN ('delivered', 'completed') AND f.done_at IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_table('earned_sales')
