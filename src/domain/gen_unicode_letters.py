#!/usr/bin/env python3
"""Prints the code point ranges of unicode_letters.cpp: every code point whose general category is
a letter (L*) or a combining mark (M*), merged into inclusive ranges. Run with the Python whose
Unicode version the table should follow and paste the output between the braces of kRanges."""
import sys
import unicodedata

def is_letter_or_mark(category):
    return category[0] in "LM"


def ranges(inside_category=is_letter_or_mark):
    """The inclusive ranges of the code points whose general category satisfies the predicate."""
    start = None
    for cp in range(sys.maxunicode + 1):
        inside = inside_category(unicodedata.category(chr(cp)))
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
