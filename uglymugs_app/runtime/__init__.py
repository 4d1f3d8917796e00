"""What runs beside the served app: start-up checks, the background loop,
the push sender and housekeeping workers, tab leases and the HTTP routes.
"""
