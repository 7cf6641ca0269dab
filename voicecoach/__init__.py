"""voicecoach: rehearse negotiations and sales conversations out loud, offline.

The public surface is small on purpose: the error tree (`voicecoach.errors`),
the pure core (`voicecoach.core`), the session runner (`voicecoach.session`)
and the command line (`voicecoach.cli`).
"""

__version__ = "0.1.0"
