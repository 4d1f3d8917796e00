"""Reports: submission, their sealed content, threads with the moderator,
repeat-offender matching and moderation.
"""
