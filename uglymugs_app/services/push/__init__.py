"""Web Push: subscriptions and device settings, the durable outbox, payloads,
encryption (RFC 8291), the sender with its transport, results and retries.
"""
