"""Companies taking part in community collaboration (measure 16)."""
