#!/usr/bin/env python3
"""No function in the use cases (samdrift-app) or the web layer
(samdrift-web) is longer than 100 lines: a longer one names its steps and
lets each be a function. Prints each offender and exits non-zero.

Counts from the `fn` line to its closing brace, skipping string and
character literals and comments when matching braces."""

import pathlib
import re
import sys

LIMIT = 100
ROOTS = ["crates/samdrift-app/src", "crates/samdrift-web/src"]
FN = re.compile(r"\s*(pub(\([a-z]+\))?\s+)?(async\s+)?(const\s+)?fn\s+(\w+)")


def code_only(line):
    line = re.sub(r'"(\\.|[^"\\])*"', '""', line)
    line = re.sub(r"'(\\.|[^'\\])'", "''", line)
    return line.split("//")[0]


def long_functions(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        m = FN.match(line)
        if not m:
            continue
        depth, started = 0, False
        for j in range(i, len(lines)):
            text = code_only(lines[j])
            for ch in text:
                if ch == "{":
                    depth, started = depth + 1, True
                elif ch == "}":
                    depth -= 1
            if started and depth <= 0:
                break
            if not started and text.rstrip().endswith(";"):
                break
        length = j - i + 1
        if started and length > LIMIT:
            yield length, i + 1, m.group(5)


def main():
    top = pathlib.Path(__file__).resolve().parents[2]
    found = []
    for root in ROOTS:
        for path in sorted((top / root).rglob("*.rs")):
            for length, line, name in long_functions(path):
                found.append(f"{path.relative_to(top)}:{line}: {name} has {length} lines (at most {LIMIT})")
    for f in found:
        print(f)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
