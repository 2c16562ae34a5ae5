"""Replaces the part of a Markdown file between <!-- NAME:begin --> and <!-- NAME:end --> with a file's text."""
import sys

doc, name, part = sys.argv[1:4]
text = open(doc, encoding="utf-8").read()
begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
new = open(part, encoding="utf-8").read().strip()
open(doc, "w", encoding="utf-8").write(f"{head}{begin}\n{new}\n{end}{tail}")
