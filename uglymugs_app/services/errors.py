"""Errors the domain services raise.

Each carries an i18n message key (``error.key``) the UI translates; the
message never contains the value that caused it, so an error that ends up in
a log reveals no phone number, e-mail or narrative.
"""

from __future__ import annotations


class ServiceError(Exception):
    """Base of every domain error; ``key`` names the message to show."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class IdentifierError(ServiceError):
    """An identifier could not be normalised (e.g. ``identifier.phone.invalid``)."""


class InvalidInput(ServiceError):
    """A field of a report, message or warning is missing or out of range."""


class PermissionDenied(ServiceError):
    """The actor's role does not allow this action."""

    def __init__(self, key: str = "error.permission_denied") -> None:
        super().__init__(key)


class NotFound(ServiceError):
    """The thing does not exist, or is not the actor's to see (indistinguishable)."""

    def __init__(self, key: str = "error.not_found") -> None:
        super().__init__(key)


class PublishNotAllowed(ServiceError):
    """The reporter did not consent to a warning, or the report cannot be published."""


class CheckRateLimited(ServiceError):
    """The member used up her checks for the hour or the day."""
