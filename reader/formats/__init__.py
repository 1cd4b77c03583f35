"""Format readers: each a pure function from a document's bytes or text to a Document."""
