"""The private check: the server evaluates an OPRF on blinded elements and
serves a table of tags, so it never learns which number a member checked
(RFC 9497, ristretto255-SHA512, verifiable mode). See README, "Private check"."""
