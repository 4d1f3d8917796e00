"""Ugly Mugs: sex workers warn each other about violent clients."""
