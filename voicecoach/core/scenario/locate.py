"""Find the line of a key in TOML text.

tomllib gives line numbers only for syntax errors; semantic problems (an
unknown key, a bad number) need the line too, so this scans the text for
table headers and `key =` lines. It is deliberately forgiving: when a key
cannot be placed, the caller falls back to the nearest enclosing table.
"""

from __future__ import annotations

import re

KeyPath = tuple[str | int, ...]

_KEY_LINE = re.compile(
    r"""^((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)


def _split_dotted(name: str) -> tuple[str, ...]:
    parts: list[str] = []
    for match in re.finditer(r'"([^"]*)"|\'([^\']*)\'|([A-Za-z0-9_-]+)', name):
        parts.append(next(group for group in match.groups() if group is not None))
    return tuple(parts)


def key_lines(text: str) -> dict[KeyPath, int]:
    """Map each key path (array-of-tables items as integer indices) to its 1-based line."""
    lines: dict[KeyPath, int] = {}
    array_counts: dict[KeyPath, int] = {}
    current: KeyPath = ()
    multiline: str | None = None

    def resolve(parts: tuple[str, ...]) -> KeyPath:
        path: list[str | int] = []
        for position, part in enumerate(parts):
            path.append(part)
            if tuple(path) in array_counts and position < len(parts) - 1:
                path.append(array_counts[tuple(path)])
        return tuple(path)

    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if multiline is not None:
            if multiline in stripped:
                multiline = None
            continue
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[["):
            end = stripped.find("]]")
            path = resolve(_split_dotted(stripped[2 : end if end > 0 else None]))
            index = array_counts.get(path, -1) + 1
            array_counts[path] = index
            current = (*path, index)
            for size in range(1, len(path) + 1):  # [[states.x.transitions]] also places states.x
                lines.setdefault(path[:size], number)
            lines[current] = number
            continue
        if stripped.startswith("["):
            end = stripped.find("]")
            current = resolve(_split_dotted(stripped[1 : end if end > 0 else None]))
            for size in range(1, len(current) + 1):
                lines.setdefault(current[:size], number)
            continue
        match = _KEY_LINE.match(stripped)
        if match:
            lines.setdefault((*current, *_split_dotted(match.group(1))), number)
            rest = stripped[match.end() :]
            for quote in ('"""', "'''"):
                if rest.count(quote) == 1:
                    multiline = quote
    return lines


def line_of(lines: dict[KeyPath, int], path: KeyPath) -> int | None:
    """The line of `path`, or of its nearest enclosing key that has one."""
    probe = tuple(path)
    while probe:
        if probe in lines:
            return lines[probe]
        probe = probe[:-1]
    return None
