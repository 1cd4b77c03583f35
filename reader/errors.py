"""The one exception a user ever sees: a single clear line, exit status 2."""


class ReaderError(Exception):
    """A problem with the user's input, reported as one line without a traceback."""

    exit_status = 2
