"""Pure logic: no audio, no terminal, no disk, no clock.

Everything here works on plain strings and numbers so that every scenario path
and every feedback rule can be tested quickly without devices. Only the standard
library may be imported (a test checks it in a subprocess).
"""
