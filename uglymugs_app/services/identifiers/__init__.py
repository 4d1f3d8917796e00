"""A client's identifiers: recognising the kind (phone, e-mail, handle,
plate), normalising and masking.
"""
