"""The push tests' devices and local push service serve these tests too."""

from tests.unit.push.conftest import add_device, push_service, settings

__all__ = ["add_device", "push_service", "settings"]
