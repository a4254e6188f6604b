#!/usr/bin/python3
"""The PV général table of bench_render.cpp (400 candidates, same fonts, landscape A4, header row
repeated on every page) rendered with ReportLab, to compare speeds.

Usage: /usr/bin/python3 bench/reportlab_pv.py [ITERATIONS]   (run from the repository root)
Prints the mean wall and CPU time of one render in milliseconds and the page count.
"""
import io
import os
import sys
import time

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAST_NAMES = ["Lefèvre", "N'Diaye", "Смирнов", "Jean-Baptiste", "Παπαδόπουλος",
              "Martin", "Bernard", "Dubois", "Moreau", "Laurent"]
FIRST_NAMES = ["Hélène", "Aminata", "Дмитрий", "Marie-Ève, Françoise", "Αθηνά",
               "Lucas", "Chloé", "Noël", "Inès", "François"]


def register_fonts():
    pdfmetrics.registerFont(TTFont("DejaVu", os.path.join(ROOT, "fonts", "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", os.path.join(ROOT, "fonts", "DejaVuSans-Bold.ttf")))


def candidates(count):
    rows = []
    for i in range(count):
        rows.append([str(i + 1), f"{LAST_NAMES[i % 10]} {i + 1}", FIRST_NAMES[(i // 10) % 10], "12/04/1991",
                     "oui" if i % 4 == 0 else "non", "Acquis", "Non acquis" if i % 6 == 0 else "Acquis",
                     "Ajourné" if i % 6 == 0 else "Admis", "Absent à l'entretien final" if i % 13 == 0 else ""])
    return rows


def render(rows):
    cell = ParagraphStyle("cell", fontName="DejaVu", fontSize=8, leading=9.6)
    head = ParagraphStyle("head", fontName="DejaVu-Bold", fontSize=8, leading=9.6)
    header = ["N°", "Nom", "Prénoms", "Né(e) le", "VAE", "CP-01318-1", "CP-01318-2", "Décision", "Observations"]
    data = [[Paragraph(text, head) for text in header]]
    data += [[Paragraph(text, cell) for text in row] for row in rows]
    weights = [0.35, 1.6, 1.6, 0.85, 0.45, 0.95, 0.95, 0.9, 1.5]
    width = landscape(A4)[0] - 72
    table = Table(data, colWidths=[width * w / sum(weights) for w in weights], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.9, 0.94))]))
    title = ParagraphStyle("title", fontName="DejaVu-Bold", fontSize=14)

    def running_header(canvas, document):
        canvas.setFont("DejaVu-Bold", 8.5)
        canvas.drawString(36, landscape(A4)[1] - 36, "TP-01318 — Employé administratif et d'accueil (niveau 3)")
        canvas.setFont("DejaVu", 7.5)
        canvas.drawRightString(landscape(A4)[0] - 36, 30, f"page {document.page}")

    output = io.BytesIO()
    document = SimpleDocTemplate(output, pagesize=landscape(A4), leftMargin=36, rightMargin=36,
                                 topMargin=62, bottomMargin=44)
    document.build([Paragraph("Procès-verbal général de session", title), Spacer(1, 12), table],
                   onFirstPage=running_header, onLaterPages=running_header)
    return output.getvalue(), document.page


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    register_fonts()
    rows = candidates(400)
    render(rows)
    start, start_cpu = time.perf_counter(), time.process_time()
    for _ in range(iterations):
        pdf, pages = render(rows)
    elapsed = (time.perf_counter() - start) / iterations
    cpu = (time.process_time() - start_cpu) / iterations
    print(f"reportlab PV général 400 candidates: {elapsed * 1000:.1f} ms per render ({cpu * 1000:.1f} ms CPU), "
          f"{pages} pages, {len(pdf) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
