"""Telling people when they must act: personal and staff notifications.

A warning reaches every member whose settings match it (``services.push``);
the notifications here reach one person, or the staff on duty, about their
own work: a moderator's question to a reporter, a decision on a report or an
application, a new or urgent item in the moderators' queue. They travel
through the same durable outbox as warnings, say nothing of the content
("New message", "New item in the queue") and open the page where she acts.
"""

from uglymugs_app.services.notifications.dispatch import notify_member, notify_staff
from uglymugs_app.services.notifications.events import MemberEvent, StaffEvent

__all__ = ["MemberEvent", "StaffEvent", "notify_member", "notify_staff"]
