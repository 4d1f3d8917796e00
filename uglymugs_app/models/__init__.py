"""Database tables. Each area of the domain has its own module; importing
this package registers every table on ``SQLModel.metadata``."""

from uglymugs_app.models.audit import AuditEvent
from uglymugs_app.models.push import PushDeliveryDay, PushOutbox, PushSubscription

__all__ = ["AuditEvent", "PushDeliveryDay", "PushOutbox", "PushSubscription"]
