#!/usr/bin/python3
"""Golden references of every document kind: renders fixed jobs with the command line, as a user
does, and compares each PDF page's picture and words with their positions, and each workbook's
cells, with the references under tests/golden/refs/.

    golden.py check      CERES_DOCS SOURCE_DIR OUT_DIR
    golden.py regenerate CERES_DOCS SOURCE_DIR OUT_DIR

A PDF's reference is a PNG of each page at 50 dpi (page-N.png) and its words with their boxes in
points, rounded to 0.1 (words.txt); a workbook's, its cells sheet by sheet (cells.txt); a CSV,
itself. Words must sit within 0.5 pt of their reference; a page's pixels may differ by a mean of
at most 0.5 (of 255) and on at most 0.1 % of the page by more than 40. A failure names the
document, the page and where; the new PNG and a picture of the differences are written to
OUT_DIR/actual/<reference>/ for review. Print batch ids are drawn at random by the store: they
are written <batch id> in words.txt and left out of the picture comparison.
"""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

from PIL import Image, ImageChops, ImageDraw, ImageStat

RESOLUTION = 50
WORD_TOLERANCE = 0.5
MEAN_TOLERANCE = 0.5
PIXEL_LEVEL = 40
PIXEL_SHARE = 0.001
PUBLIC_URL = "https://verification.ceres.example.fr"
VOLATILE = [(re.compile(r"batch_[0-9a-f]{32}"), "<batch id>")]

# Jobs in the order they run in one store (the reprint and the print batch find the parchemins
# issued before them); for each, the references kept: name -> (kind, file name's ending or None).
JOBS = [
    ("samples/session-results.json", {
        "pv-general": ("pv_general", None),
        "pv-individuel-admis": ("pv_individuel", "_C-900001_v1.pdf"),
        "pv-individuel-ajourne": ("pv_individuel", "_C-900002_v1.pdf"),
        "parchemin": ("parchemin", "_C-900001.pdf"),
    }),
    ("samples/parchemins-reprint.json", {"parchemin-duplicata": ("parchemin", None)}),
    ("samples/convocations.json", {
        "convocation": ("convocation", "_C-900001.pdf"),
        "convocations-merged": ("convocations_merged", None),
    }),
    ("samples/dte-request.json", {"dte-request": ("dte_request", None)}),
    ("samples/dashboard.json", {
        "dashboard-pdf": ("dashboard_pdf", None),
        "dashboard-xlsx": ("dashboard_xlsx", None),
    }),
    ("samples/juror-export.json", {"juror-export-xlsx": ("juror_export", None)}),
    ("samples/print-batch.json", {
        "print-batch": ("print_batch", None),
        "print-manifest-xlsx": ("print_manifest_xlsx", None),
        "print-manifest-csv": ("print_manifest_csv", None),
    }),
    # Every optional field the documents print: civility and sex of each candidate, the centre's
    # phone and e-mail, the RNCP code, the UD's address, the date of a version above 1 (whose
    # version 1 this store never rendered: nothing is said about changes).
    ("tests/golden/jobs/session-results-optional-fields.json", {
        "optional-fields-pv-general": ("pv_general", None),
        "optional-fields-pv-individuel": ("pv_individuel", "_C-900001_v2.pdf"),
        "optional-fields-parchemin": ("parchemin", "_C-900001.pdf"),
    }),
    ("tests/golden/jobs/convocations-optional-fields.json", {
        "optional-fields-convocation": ("convocation", "_C-900001.pdf"),
    }),
    ("tests/golden/jobs/print-batch-optional-fields.json", {
        "optional-fields-print-batch": ("print_batch", None),
    }),
    # Version 2 of the sample session, whose version 1 is in the store: one result changed.
    ("tests/golden/jobs/session-results-v2.json", {
        "pv-general-v2": ("pv_general", None),
        "pv-individuel-v2-changed": ("pv_individuel", "_C-900002_v2.pdf"),
    }),
]


def environment(source, var_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CERES_")}
    env.update(CERES_HOME=source, CERES_VAR_DIR=var_dir, CERES_DEV_MODE="1", CERES_PUBLIC_URL=PUBLIC_URL)
    return env


def render(binary, job, out, env):
    run = subprocess.run([binary, "render", job, "--out", out], env=env, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"{binary} render {job} failed ({run.returncode}): {run.stderr}")
    return json.loads(run.stdout)


def pick(documents, kind, ending, job):
    found = [d for d in documents if d["kind"] == kind and (ending is None or d["path"].endswith(ending))]
    if len(found) != 1:
        sys.exit(f"{job}: {len(found)} documents of kind {kind} ending {ending}, not one")
    return found[0]["path"]


def volatile(text):
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return text


def words_of(pdf):
    """[(page, x0, y0, x1, y1, word)] in points, rounded to 0.1, and the volatile words' boxes."""
    run = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, check=True)
    text = run.stdout.decode("utf-8")
    text = re.sub(r"<!DOCTYPE[^>]*>", "", text)
    root = ET.fromstring(text)
    words, masks = [], []
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        for w in page.iter("{http://www.w3.org/1999/xhtml}word"):
            box = tuple(round(float(w.get(k)), 1) for k in ("xMin", "yMin", "xMax", "yMax"))
            words.append((number,) + box + (volatile(w.text or ""),))
    # A volatile word changes the width of its line: the line's words are compared by their
    # height only (x written 0) and left out of the picture comparison.
    lines = {(w[0], w[2]) for w in words if any(r in w[5] for _, r in VOLATILE)}
    for i, w in enumerate(words):
        if (w[0], w[2]) in lines:
            masks.append((w[0], w[1:5]))
            words[i] = (w[0], 0.0, w[2], 0.0, w[4], w[5])
    words.sort(key=lambda w: (w[0], round(w[2]), w[1], w[5]))
    return words, masks


def format_words(words):
    return "".join(f"{p}\t{x0:.1f}\t{y0:.1f}\t{x1:.1f}\t{y1:.1f}\t{word}\n" for p, x0, y0, x1, y1, word in words)


def parse_words(text):
    out = []
    for line in text.splitlines():
        p, x0, y0, x1, y1, word = line.split("\t", 5)
        out.append((int(p), float(x0), float(y0), float(x1), float(y1), word))
    return out


def pages_of(pdf, folder):
    run = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", run.stdout, re.M).group(1))
    names = []
    for page in range(1, pages + 1):
        stem = os.path.join(folder, f"page-{page}")
        subprocess.run(["pdftoppm", "-r", str(RESOLUTION), "-png", "-singlefile", "-f", str(page), "-l", str(page),
                        pdf, stem], check=True)
        names.append(f"page-{page}.png")
    return names


def cell_text(cell):
    value = cell.value
    if hasattr(value, "isoformat"):
        return f"date\t{value.isoformat()}\t{cell.number_format}"
    if isinstance(value, bool):
        return f"bool\t{value}"
    if isinstance(value, (int, float)):
        return f"number\t{value}\t{cell.number_format}"
    return "text\t" + str(value).replace("\\", "\\\\").replace("\n", "\\n")


def cells_of(xlsx):
    import openpyxl
    book = openpyxl.load_workbook(xlsx)
    lines = []
    for sheet in book.worksheets:
        setup = sheet.page_setup
        lines.append(f"sheet\t{sheet.title}\tfreeze {sheet.freeze_panes}\torientation {setup.orientation}\t"
                     f"fit width {setup.fitToWidth}\tprint titles {sheet.print_title_rows}\t"
                     f"footer {sheet.oddFooter.center.text}")
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    lines.append(f"{cell.coordinate}\t{cell_text(cell)}")
    return "\n".join(lines) + "\n"


def reference_files(path, kind, folder):
    """Writes the reference files of one document into folder; returns the volatile boxes."""
    os.makedirs(folder, exist_ok=True)
    if path.endswith(".pdf"):
        words, masks = words_of(path)
        with open(os.path.join(folder, "words.txt"), "w", encoding="utf-8") as f:
            f.write(format_words(words))
        pages_of(path, folder)
        return masks
    if path.endswith(".xlsx"):
        with open(os.path.join(folder, "cells.txt"), "w", encoding="utf-8") as f:
            f.write(cells_of(path))
        return []
    shutil.copyfile(path, os.path.join(folder, os.path.basename(kind) + ".csv"))
    return []


def compare_words(name, expected, actual):
    problems = []
    if len(expected) != len(actual):
        problems.append(f"{name}: {len(actual)} words, the reference has {len(expected)}")
    for e, a in zip(expected, actual):
        if e[0] != a[0] or e[5] != a[5] or any(abs(e[i] - a[i]) > WORD_TOLERANCE for i in range(1, 5)):
            problems.append(f"{name}: page {a[0]}: '{a[5]}' at {a[1:5]} where the reference has "
                            f"'{e[5]}' on page {e[0]} at {e[1:5]}")
            break
    return problems


def compare_page(name, page, expected_png, actual_png, masks, out):
    expected = Image.open(expected_png).convert("RGB")
    actual = Image.open(actual_png).convert("RGB")
    if expected.size != actual.size:
        return [f"{name}: page {page} is {actual.size} pixels, the reference {expected.size}"]
    difference = ImageChops.difference(expected, actual)
    scale = RESOLUTION / 72.0
    draw = ImageDraw.Draw(difference)
    for masked_page, (x0, y0, x1, y1) in masks:
        if masked_page == page:
            draw.rectangle([x0 * scale - 2, y0 * scale - 2, x1 * scale + 2, y1 * scale + 2], fill=(0, 0, 0))
    mean = sum(ImageStat.Stat(difference).mean) / 3
    differing = difference.convert("L").point(lambda v: 255 if v > PIXEL_LEVEL else 0)
    count = differing.histogram()[255]
    share = count / (actual.size[0] * actual.size[1])
    if mean <= MEAN_TOLERANCE and share <= PIXEL_SHARE:
        return []
    box = differing.getbbox()
    where = tuple(round(v / scale) for v in box) if box else None
    os.makedirs(out, exist_ok=True)
    difference.point(lambda v: min(255, v * 4)).save(os.path.join(out, f"page-{page}-difference.png"))
    return [f"{name}: page {page} differs: mean {mean:.2f}, {count} pixels ({share:.2%}) beyond {PIXEL_LEVEL}, "
            f"in the box {where} (points from the top left); the new page is {actual_png}"]


def compare(name, reference, actual, masks):
    problems = []
    expected_files = sorted(os.listdir(reference)) if os.path.isdir(reference) else []
    actual_files = sorted(os.listdir(actual))
    if expected_files != actual_files:
        problems.append(f"{name}: files {actual_files}, the reference has {expected_files}")
    for file in actual_files:
        if file not in expected_files:
            continue
        e, a = os.path.join(reference, file), os.path.join(actual, file)
        if file == "words.txt":
            problems += compare_words(name, parse_words(open(e, encoding="utf-8").read()),
                                      parse_words(open(a, encoding="utf-8").read()))
        elif file.endswith(".png"):
            page = int(re.match(r"page-(\d+)\.png", file).group(1))
            problems += compare_page(name, page, e, a, masks, actual)
        elif open(e, "rb").read() != open(a, "rb").read():
            problems.append(f"{name}: {file} differs from the reference (diff {e} {a})")
    return problems


def main():
    mode, binary, source, out = sys.argv[1:5]
    if mode not in ("check", "regenerate"):
        sys.exit(__doc__)
    refs = os.path.join(source, "tests", "golden", "refs")
    shutil.rmtree(out, ignore_errors=True)
    env = environment(source, os.path.join(out, "var"))
    problems = []
    if mode == "regenerate":
        shutil.rmtree(refs, ignore_errors=True)
    for number, (job, kept) in enumerate(JOBS):
        documents = render(binary, os.path.join(source, job), os.path.join(out, "render", str(number)), env)
        for name, (kind, ending) in kept.items():
            path = pick(documents, kind, ending, job)
            if mode == "regenerate":
                reference_files(path, kind, os.path.join(refs, name))
                continue
            actual = os.path.join(out, "actual", name)
            masks = reference_files(path, kind, actual)
            found = compare(name, os.path.join(refs, name), actual, masks)
            print(f"{name}: {'ok' if not found else 'differs'}")
            problems += found
    if mode == "regenerate":
        print(f"references written to {refs}")
        return 0
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
