"""The append-only, hash-chained audit log of decisions and money movements."""
