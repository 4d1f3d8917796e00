"""Notifications by e-mail, for devices without Web Push.

A member may give one address for her notifications only. It is stored as an
e-mail subscription (``push_subscription`` with channel ``email``): sealed
with the field key, found by a keyed hash of her id and the address, shown
back to her masked and never to anyone else. Every notification queued for
her devices (warnings, her own news) reaches the address through the same
outbox; the push sender hands such entries to ``delivery.EmailChannel``,
which sends them over SMTP (``transport.SmtpTransport``).
"""
