#!/usr/bin/python3
"""The yardstick of bench_jobs: the parchemin page of a print batch (A4 landscape, the same
wording and fonts as templates/parchemin.json, a new holder and number on every page) rendered N
times into one PDF with ReportLab, its 2D code drawn by ReportLab's QR code widget from a
223-byte content like the sealed one (ReportLab has no DataMatrix writer, and signs nothing).

Usage: /usr/bin/python3 bench/reportlab_parchemins.py [PAGES] [OUT.pdf]   (run from anywhere)
Time it whole-process (bench/run_jobs_bench.sh does); it prints the page count and file size.
"""
import os
import sys

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYLLABLES = ["Le", "Ma", "Dé", "Ro", "Bé", "Ga", "Fo", "Mé", "Pi", "Ché", "Lu", "Vi", "Ça", "No", "Ré", "Zo"]
ENDINGS = ["vre", "rtin", "rand", "ssier", "lanc", "rnier", "ntaine", "rcier",
           "card", "valier", "brun", "dal", "nçon", "ël", "gnier", "zière"]
FIRST_NAMES = ["Hélène", "Loïc", "François", "Maëlle", "Jérôme", "Inès", "Noël", "Chloé"]
COMMUNES = ["Bordeaux", "Bègles", "Mérignac", "Pessac", "Talence", "Gradignan", "Cenon"]
BLUE = HexColor("#1F3864")


def register_fonts():
    pdfmetrics.registerFont(TTFont("DejaVu", os.path.join(ROOT, "fonts", "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", os.path.join(ROOT, "fonts", "DejaVuSans-Bold.ttf")))


def holder(i):
    last = SYLLABLES[i % 16] + SYLLABLES[(i // 16) % 16] + ENDINGS[(i // 256) % 16]
    return FIRST_NAMES[(i * 13) % 8], last, f"{1 + i % 28:02d}/{1 + i % 12:02d}/{1960 + i % 45}", COMMUNES[i % 7]


def code_content(number, first, last, birth):
    fields = f"CR01DEV1\x1d{number}\x1d{last}\x1d{first}\x1d{birth}\x1dTP-01318\x1d3\x1d2026-05-29\x1d33\x1d2026-05-29"
    signature = ("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" * 8)[:223 - len(fields) - 1]
    return fields + "\x1f" + signature


def centred(c, text, font, size, y, width, color=None):
    c.setFont(font, size)
    c.setFillColor(color or HexColor("#000000"))
    c.drawCentredString(width / 2, y, text)


def page(c, i, width, height):
    first, last, birth, commune = holder(i)
    number = f"CERES-{i + 1:09d}-{i % 10}"
    c.setFont("DejaVu-Bold", 10)
    c.drawRightString(width - 48, height - 52, f"N° {number}")
    c.setFont("DejaVu-Bold", 12)
    c.setFillColor(BLUE)
    c.drawString(48, height - 52, "RÉPUBLIQUE FRANÇAISE")
    c.setFont("DejaVu", 10)
    c.setFillColor(HexColor("#000000"))
    c.drawString(48, height - 66, "Ministère chargé de l'emploi")
    centred(c, "Titre professionnel", "DejaVu-Bold", 26, height - 130, width, BLUE)
    centred(c, "Employé administratif et d'accueil", "DejaVu-Bold", 17, height - 160, width)
    centred(c, "de niveau 3 — code TP-01318 — NSF 324t", "DejaVu", 11, height - 178, width)
    centred(c, "est délivré à", "DejaVu", 11, height - 218, width)
    centred(c, f"{first} {last}", "DejaVu-Bold", 20, height - 250, width)
    centred(c, f"né(e) le {birth} à {commune} (France)", "DejaVu", 11, height - 272, width)
    centred(c, "à l'issue de la session TITRE_T_2026_299045 validée le 29/05/2026", "DejaVu", 11,
            height - 310, width)
    c.setFont("DejaVu", 11)
    c.drawString(48, height - 360, "Fait à Bordeaux, le 29/05/2026")
    c.setFont("DejaVu-Bold", 11)
    c.drawString(48, height - 374, "Pour le ministre et par délégation, le directeur de la DDETS de la Gironde")
    qr = QrCodeWidget(code_content(number, first, last, birth), barLevel="M")
    x0, y0, x1, y1 = qr.getBounds()
    drawing = Drawing(110, 110, transform=[110 / (x1 - x0), 0, 0, 110 / (y1 - y0), 0, 0])
    drawing.add(qr)
    renderPDF.draw(drawing, c, width - 48 - 110, 54)
    c.setFont("DejaVu", 6)
    c.setFillColor(HexColor("#404040"))
    c.drawCentredString(width - 48 - 55, 44, "Code 2D signé — vérification : ceres-docs verify, ou /v1/verify")
    c.showPage()


def main():
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    out = sys.argv[2] if len(sys.argv) > 2 else os.devnull
    register_fonts()
    width, height = landscape(A4)
    c = canvas.Canvas(out, pagesize=(width, height), pageCompression=1)
    for i in range(pages):
        page(c, i, width, height)
    c.save()
    size = os.path.getsize(out) if out != os.devnull else 0
    print(f"{pages} pages, {size} bytes")


if __name__ == "__main__":
    main()
