"""What the benches share: the app served as production serves it, an asyncio
Reflex client, and a local stand-in for a push service."""
