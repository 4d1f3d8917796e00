"""Regions and the help contacts of each."""
