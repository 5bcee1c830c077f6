"""The command line's exit codes (docs: /DESIGN.md, command-line contract)."""

EXIT_OK = 0
EXIT_INTERNAL_ERROR = 1  # a bug of ours: one line on stderr, the traceback in DATA/logs/crash-*.txt
EXIT_BAD_INPUT = 2  # the user's own input: content, arguments
EXIT_MISSING_CAPABILITY = 3  # this machine lacks something (a display, a source checkout; for VR pyopenxr, a runtime, a headset)
EXIT_INTERRUPTED = 130  # Ctrl+C, as shells report SIGINT
