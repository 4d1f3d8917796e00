"""Keys and proofs: instance secrets, field encryption and blind indexes,
passwords, one-time codes, throttling, sessions, two-factor, the audit log.
"""
