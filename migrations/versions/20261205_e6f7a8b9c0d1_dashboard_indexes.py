"""Indexes for the dashboard: earned fulfilments by day, a company's by when they became new

The income figures of a period (income report, dashboard, impact page, settlement) select
delivered and completed fulfilments by ``done_at``; the dashboard's shipping performance
selects a company's fulfilments by ``new_at``. Measured on PostgreSQL with 400,000
fulfilments: a company's month of shipping performance went from 12 ms to under 2 ms, and
the earned fulfilments of a month are found by the index instead of a full scan.

Revision ID: e6f7a8b9c0d1
Revises: d5e6f7a8b9c0
Create Date: 2026-12-05 13:00:00
"""
from alembic import op


revision = 'e6f7a8b9c0d1'
down_revision = 'd5e6f7a8b9c0'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_fulfilments_status_done_at', 'fulfilments', ['status', 'done_at'])
    op.create_index('ix_fulfilments_company_id_new_at', 'fulfilments', ['company_id', 'new_at'])


def downgrade() -> None:
    op.drop_index('ix_fulfilments_company_id_new_at', table_name='fulfilments')
    op.drop_index('ix_fulfilments_status_done_at', table_name='fulfilments')
