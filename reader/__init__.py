"""reader: a terminal reader for Chinese articles and books."""

__version__ = "0.1.0"
