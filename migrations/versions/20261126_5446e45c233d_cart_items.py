"""cart items

Signed-in users' carts live on the server (visitors' in the session cookie). One line
per (user, listing, tour date); a partial unique index keeps one line per product,
since SQL treats the NULL slot of product lines as distinct.

Revision ID: 5446e45c233d
Revises: e62ead1288a0
Create Date: 2026-11-26 07:01:43.399388
"""
from alembic import op
import sqlalchemy as sa


revision = '5446e45c233d'
down_revision = 'e62ead1288a0'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'cart_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('listing_id', sa.Integer(), nullable=False),
        sa.Column('slot_id', sa.Integer(), nullable=True),
        sa.Column('quantity', sa.Integer(), nullable=False),
        sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('quantity >= 1 AND quantity <= 99', name=op.f('ck_cart_items_quantity_range')),
        sa.ForeignKeyConstraint(['listing_id'], ['listings.id'], name=op.f('fk_cart_items_listing_id_listings'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['slot_id'], ['tour_slots.id'], name=op.f('fk_cart_items_slot_id_tour_slots'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_cart_items_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_cart_items')),
        sa.UniqueConstraint('user_id', 'listing_id', 'slot_id',
                            name=op.f('uq_cart_items_user_id_listing_id_slot_id')),
    )
    with op.batch_alter_table('cart_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cart_items_listing_id'), ['listing_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cart_items_slot_id'), ['slot_id'], unique=False)
        batch_op.create_index('uq_cart_items_user_id_listing_id_product', ['user_id', 'listing_id'], unique=True,
                              sqlite_where=sa.text('slot_id IS NULL'), postgresql_where=sa.text('slot_id IS NULL'))


def downgrade() -> None:
    with op.batch_alter_table('cart_items', schema=None) as batch_op:
        batch_op.drop_index('uq_cart_items_user_id_listing_id_product')
        batch_op.drop_index(batch_op.f('ix_cart_items_slot_id'))
        batch_op.drop_index(batch_op.f('ix_cart_items_listing_id'))
    op.drop_table('cart_items')
