"""Warnings: publishing (with the summary check), lifecycle, the feed,
the check, and the text of a warning in a member's language.
"""
