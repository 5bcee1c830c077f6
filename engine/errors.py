"""Errors the command line turns into exit codes (ContentError lives in engine.diagnostics)."""


class UsageError(Exception):
    """Bad arguments: exit 2 with the message."""


class MissingCapability(Exception):
    """This machine cannot do it (no display, no VR runtime): exit 3 with what to do instead."""


class StepNotReached(UsageError):
    """A tour asked to start at a step (--from) that its run never reaches: the user's choice of step."""


class OutputNotWritable(UsageError):
    """A file or folder the user asked us to write (--out, --log, --frames, ...) cannot be written there."""

    def __init__(self, path: object, why: str):
        super().__init__(f"cannot write {path}: {why}")
        self.path, self.why = path, why
