#!/usr/bin/python3
"""Checks tagged PDF (PDF/UA-1) structure with pikepdf, a reader that did not write the files.

    check_tagged_pdf.py FILE.pdf...

For each file: /Lang, /MarkInfo /Marked true and /ViewerPreferences /DisplayDocTitle true in the
catalog; every text-showing operator (Tj, TJ, ', ") inside a marked-content sequence with an MCID
that the structure tree reaches (through the parent tree too) or inside an /Artifact; every Table
with TH cells, every TH with a /Scope; every Figure with an /Alt; text in Arabic, Hebrew or CJK
script under an element with a /Lang of that script; and the text of the structure tree, in
order, equal (all whitespace removed) to what pdftotext extracts once the artifacts' text is
left out; every annotation not hidden (a signature field) with a /StructParent that the parent
tree maps to the element holding its OBJR. Prints one line per problem and exits 1 if there is any.
"""
import re
import subprocess
import sys

import pikepdf
from pikepdf import Dictionary, Name, Array

TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}


def parse_cmap(data):
    """bfchar and bfrange entries of a ToUnicode CMap: code (int) -> text."""
    text = data.decode("latin-1")
    mapping = {}

    def utf16(hexdigits):
        raw = bytes.fromhex(hexdigits)
        return raw.decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            mapping[int(code, 16)] = utf16(target)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for start, end, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            base = int(target, 16)
            for offset, code in enumerate(range(int(start, 16), int(end, 16) + 1)):
                mapping[code] = chr(base + offset)
    return mapping


class Font:
    def __init__(self, font):
        self.two_bytes = font.get("/Subtype") == Name.Type0
        self.map = parse_cmap(font.ToUnicode.read_bytes()) if "/ToUnicode" in font else {}

    def decode(self, raw):
        raw = bytes(raw)
        if self.two_bytes:
            codes = [raw[i] << 8 | raw[i + 1] for i in range(0, len(raw) - 1, 2)]
        else:
            codes = list(raw)
        return "".join(self.map.get(code, "\ufffd") for code in codes)


def script_language(char):
    c = ord(char)
    if 0x0600 <= c <= 0x08FF or 0xFB50 <= c <= 0xFDFF or 0xFE70 <= c <= 0xFEFF:
        return "ar"
    if 0x0590 <= c <= 0x05FF or 0xFB1D <= c <= 0xFB4F:
        return "he"
    if 0x3040 <= c <= 0x30FF:
        return "ja"
    if 0xAC00 <= c <= 0xD7AF or 0x1100 <= c <= 0x11FF:
        return "ko"
    if 0x3400 <= c <= 0x9FFF or 0xF900 <= c <= 0xFAFF or c >= 0x20000:
        return "zh|ja"
    return None


def logical_order(text):
    """pdftotext -raw writes each right-to-left word between U+202B and U+202C, the words of a
    right-to-left stretch in visual order: put them back in logical order."""
    def reverse(match):
        return " ".join(reversed(re.findall("\u202b([^\u202c]*)\u202c", match.group(0))))
    return re.sub("(?:\u202b[^\u202c]*\u202c[ ]*)+", reverse, text)


def squeeze(text):
    return re.sub(r"\s+", "", text)


class Checker:
    def __init__(self, path):
        self.path = path
        self.problems = []
        self.pdf = pikepdf.open(path)
        self.fonts = {}
        self.marked_text = {}  # (page objgen, mcid) -> text
        self.page_pieces = []  # by page: (text, is_artifact) of each text operator, in content order
        self.mcids_seen = set()

    def problem(self, message):
        self.problems.append(f"{self.path}: {message}")

    def font(self, resources, name):
        font = resources.Font[name]
        key = font.objgen
        if key not in self.fonts:
            self.fonts[key] = Font(font)
        return self.fonts[key]

    def walk_content(self, stream_owner, resources, page, stack, pieces, where, form=False):
        font = None
        for operands, operator in pikepdf.parse_content_stream(stream_owner):
            op = str(operator)
            if op == "BMC":
                stack.append((str(operands[0]), None))
            elif op == "BDC":
                properties = operands[1]
                if isinstance(properties, Name):
                    properties = resources.Properties[properties]
                mcid = int(properties.MCID) if isinstance(properties, Dictionary) and "/MCID" in properties else None
                stack.append((str(operands[0]), mcid))
                if mcid is not None:
                    key = (page.objgen, mcid)
                    if key in self.mcids_seen:
                        self.problem(f"{where}: MCID {mcid} used twice on one page")
                    self.mcids_seen.add(key)
                    self.marked_text.setdefault(key, "")
            elif op == "EMC":
                if not stack:
                    self.problem(f"{where}: EMC without a marked-content sequence")
                else:
                    stack.pop()
            elif op == "Tf":
                font = self.font(resources, operands[0])
            elif op in TEXT_OPERATORS:
                if op == "TJ":
                    text = "".join(font.decode(item) for item in operands[0] if isinstance(item, pikepdf.String))
                else:
                    text = font.decode(operands[-1])
                artifact = any(tag == "/Artifact" for tag, _ in stack)
                tagged = [mcid for _, mcid in stack if mcid is not None]
                pieces.append((text, artifact))
                if artifact:
                    pass
                elif tagged:
                    key = (page.objgen, tagged[-1])
                    self.marked_text[key] += text
                else:
                    self.problem(f"{where}: text {text!r} shown by {op} outside any MCID or Artifact")
            elif op == "Do":
                xobject = resources.XObject[operands[0]]
                if xobject.get("/Subtype") == Name.Form:
                    self.walk_content(xobject, xobject.get("/Resources", resources), page, stack, pieces,
                                      f"{where} form {operands[0]}", True)
        if stack and not form:
            self.problem(f"{where}: {len(stack)} marked-content sequence(s) left open")

    def check_catalog(self):
        root = self.pdf.Root
        if str(root.get("/Lang", "")) != "fr-FR":
            self.problem(f"catalog /Lang is {root.get('/Lang')!r}, not fr-FR")
        if "/MarkInfo" not in root or root.MarkInfo.get("/Marked") is not True:
            self.problem("catalog has no /MarkInfo << /Marked true >>")
        if "/ViewerPreferences" not in root or root.ViewerPreferences.get("/DisplayDocTitle") is not True:
            self.problem("catalog has no /ViewerPreferences << /DisplayDocTitle true >>")
        if "/StructTreeRoot" not in root:
            self.problem("no /StructTreeRoot")
            return False
        return True

    def tree_text(self):
        """The structure tree's text in logical order; checks tables, figures and languages."""
        root = self.pdf.Root.StructTreeRoot
        parent_tree = {}
        nums = root.ParentTree.get("/Nums", Array())
        for i in range(0, len(nums), 2):
            parent_tree[int(nums[i])] = nums[i + 1]
        parts = []
        reached = set()
        objects = {}  # objgen of an annotation -> its element's

        def visit(element, page, language, inside_table_header_check):
            role = str(element.get("/S"))
            page = element.get("/Pg", page)
            if "/Lang" in element:
                language = str(element.Lang)
            if role == "/Figure" and not str(element.get("/Alt", "")).strip():
                self.problem(f"Figure {element.objgen} has no /Alt")
            if role == "/TH":
                scope = element.get("/A", Dictionary()).get("/Scope")
                if scope not in (Name.Column, Name.Row, Name.Both):
                    self.problem(f"TH {element.objgen} has no /Scope")
            if role == "/Table" and not has_role(element, "/TH"):
                self.problem(f"Table {element.objgen} has no TH cell")
            actual = element.get("/ActualText")
            text_start = len(parts)
            kids = element.get("/K")
            if kids is None:
                kids = Array()
            elif not isinstance(kids, Array):
                kids = Array([kids])
            for kid in kids:
                if isinstance(kid, int):
                    mark(page, kid, element, language)
                elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
                    mark(kid.Pg, int(kid.MCID), element, language)
                elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR:
                    objects[kid.Obj.objgen] = element.objgen
                elif isinstance(kid, Dictionary) and "/S" in kid:
                    if kid.get("/P") is None or kid.P.objgen != element.objgen:
                        self.problem(f"element {kid.objgen} does not name its parent {element.objgen} in /P")
                    visit(kid, page, language, inside_table_header_check)
            if actual is not None:
                del parts[text_start:]
                parts.append(str(actual))

        def has_role(element, role):
            kids = element.get("/K")
            if kids is None:
                return False
            if not isinstance(kids, Array):
                kids = [kids]
            for kid in kids:
                if isinstance(kid, Dictionary) and "/S" in kid:
                    if str(kid.S) == role or has_role(kid, role):
                        return True
            return False

        def mark(page, mcid, element, language):
            if page is None:
                self.problem(f"MCID {mcid} of {element.objgen} has no page")
                return
            key = (page.objgen, mcid)
            reached.add(key)
            if key not in self.marked_text:
                self.problem(f"element {element.objgen} names MCID {mcid} of page {page.objgen}, absent from its content")
                return
            parents = parent_tree.get(int(page.get("/StructParents", -1)))
            if parents is None or mcid >= len(parents) or parents[mcid].objgen != element.objgen:
                self.problem(f"parent tree does not map MCID {mcid} of page {page.objgen} to {element.objgen}")
            text = self.marked_text[key]
            # A name in another script is in an element (a span) with the /Lang of that script.
            for char in text:
                script = script_language(char)
                if script and (language is None or language.split("-")[0] not in script.split("|")):
                    self.problem(f"{element.get('/S')} {element.objgen}: {text!r} is under /Lang {language!r}")
                    break
            parts.append(text)

        kids = root.get("/K")
        if not isinstance(kids, Array):
            kids = Array([kids])
        for kid in kids:
            visit(kid, None, None, False)
        for key in sorted(set(self.marked_text) - reached):
            self.problem(f"MCID {key[1]} of page {key[0]} is in no structure element")
        for number, page in enumerate(self.pdf.pages, 1):
            for annotation in page.get("/Annots", Array()):
                if int(annotation.get("/F", 0)) & 2:  # hidden
                    continue
                element = objects.get(annotation.objgen)
                parent = parent_tree.get(int(annotation.get("/StructParent", -1)))
                if element is None or parent is None or parent.objgen != element:
                    self.problem(f"page {number}: annotation {annotation.get('/Subtype')} {annotation.objgen} "
                                 "is not in the structure tree (OBJR and /StructParent)")
        return "".join(parts)

    def run(self):
        if not self.check_catalog():
            return self.problems
        for number, page in enumerate(self.pdf.pages, 1):
            pieces = []
            self.walk_content(page.obj, page.Resources, page.obj, [], pieces, f"page {number}")
            self.page_pieces.append(pieces)
        tree = squeeze(self.tree_text())
        # -raw: in content-stream order, which is the logical order the structure claims to follow.
        extracted = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", self.path, "-"], check=True,
                                   capture_output=True).stdout.decode("utf-8")
        pages = [squeeze(logical_order(page)) for page in extracted.split("\f")]
        kept = []
        for number, pieces in enumerate(self.page_pieces):
            page_text = pages[number] if number < len(pages) else ""
            # Each artifact's text is cut out where it comes, after the text shown before it.
            at = 0
            for text, artifact in pieces:
                piece = squeeze(text)
                if not piece:
                    continue
                found = page_text.find(piece, at)
                if found < 0:
                    continue
                if artifact:
                    page_text = page_text[:found] + page_text[found + len(piece):]
                    at = found
                else:
                    at = found + len(piece)
            kept.append(page_text)
        extracted = "".join(kept)
        if tree != extracted:
            at = next((i for i, (a, b) in enumerate(zip(tree, extracted)) if a != b), min(len(tree), len(extracted)))
            self.problem("structure tree text differs from pdftotext at character %d:\n  tree:      %r\n  pdftotext: %r"
                         % (at, tree[max(0, at - 40):at + 60], extracted[max(0, at - 40):at + 60]))
        return self.problems


def main():
    problems = []
    for path in sys.argv[1:]:
        found = Checker(path).run()
        print(f"{path}: {'ok' if not found else str(len(found)) + ' problem(s)'}")
        problems += found
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
