"""Domain logic without Reflex, in feature packages.

Shared by all: ``errors`` (what a service refuses, as a type), ``database``
(engine and sessions), ``actors`` (who is asking and the one role check).
"""
