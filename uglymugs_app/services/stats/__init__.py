"""Anonymous figures for the organisation."""
