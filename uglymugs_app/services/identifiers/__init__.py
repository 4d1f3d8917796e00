"""A client's identifiers: phone, e-mail, handle, plate, name.

``kinds`` (the kinds and the value), ``normalisation`` (one normalised value,
the same for a report that stores it and a check that looks it up),
``links`` (tel:, mailto:, wa.me/, t.me/ and text around one identifier),
``candidates`` (every reading the check looks up), ``countries`` (where a
national number is read) and ``masking`` (what members may see).
"""
