"""Import every model module so that ``Base.metadata`` knows all tables
(for alembic and for mapper configuration)."""

from .accounts.models import ApiToken, Role, User, UserRole  # noqa: F401
from .audit.models import AuditEntry  # noqa: F401
from .cart.models import CartItem  # noqa: F401
from .catalog.models import Category, Listing, ListingImage, ListingKind, ListingStatus, TourSlot  # noqa: F401
from .companies.models import Province, ProvincialCompany  # noqa: F401
from .enterprises.models import CommunityEnterprise, EnterpriseMember, EnterpriseStatus  # noqa: F401
from .fulfilment.models import Fulfilment  # noqa: F401
from .notifications.models import OutboxEmail  # noqa: F401
from .orders.models import Order, OrderLine, Review  # noqa: F401
from .payments.models import Payment, PaymentMethod, ProviderEvent, Refund  # noqa: F401
from .reports.models import SettlementLine, SettlementStatement  # noqa: F401
