"""Screens of the app: picker, brief, rehearsal, summary, and the error modal."""
