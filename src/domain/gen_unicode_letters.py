#!/usr/bin/env python3
"""Prints the code point ranges of unicode_letters.cpp: every code point whose general category is
a letter (L*) or a combining mark (M*), merged into inclusive ranges. Run with the Python whose
Unicode version the table should follow and paste the output between the braces of kRanges."""
import sys
import unicodedata

def ranges():
    start = None
    for cp in range(sys.maxunicode + 1):
        inside = unicodedata.category(chr(cp))[0] in "LM"
        if inside and start is None:
            start = cp
        if not inside and start is not None:
            yield start, cp - 1
            start = None
    if start is not None:
        yield start, sys.maxunicode

if __name__ == "__main__":
    print(f"// Unicode {unicodedata.unidata_version}")
    items = [f"{{0x{a:X}, 0x{b:X}}}" for a, b in ranges()]
    for i in range(0, len(items), 6):
        print("    " + ", ".join(items[i:i + 6]) + ",")
