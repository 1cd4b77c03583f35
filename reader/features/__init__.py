"""The reader's features beyond plain reading, each a mixin of ReaderApp.

Every feature keeps its actions, message handlers and workers in its own module; app.py
declares the key bindings (Textual reads BINDINGS only from DOM classes) and dispatches the
shared keys (enter, escape, clicks) to whichever feature is active.
"""
