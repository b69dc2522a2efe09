"""Real personnel data: reading an export of a personnel information system, validating every
row, replacing identities by salted pseudonyms before anything is written."""
