"""Textual widgets: they only wire the pure core modules to the screen."""
