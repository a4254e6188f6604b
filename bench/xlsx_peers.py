"""Python writers of the juror export that bench_xlsx is compared with: the same synthetic rows
and 15 columns as BM_JurorExport in bench_xlsx.cpp (SyntheticRows), made one at a time while
the file is written, with a bold frozen header, an autofilter, dd/mm/yyyy date cells, text
phones and column widths fitted to every value.

    /usr/bin/python3 bench/xlsx_peers.py xlsxwriter|openpyxl [ROWS]

Prints one line: peer, rows, wall and CPU seconds spent writing (rows made included), file MiB.
bench/run_xlsx_bench.sh measures the whole process around it (time and peak memory).
Run with /usr/bin/python3, which has python3-xlsxwriter and python3-openpyxl.
"""
import datetime
import os
import sys
import tempfile
import time

HEADERS = ["Nom", "Prénoms", "Email", "Téléphone professionnel", "Téléphone personnel",
           "Adresse", "Code postal", "Commune", "Code TP", "Libellé TP",
           "État de l'habilitation", "Début", "Fin", "Convocable au 02/04/2026", "Motif"]
DATE_COLUMNS = (11, 12)
DATE_CHARACTERS = 10  # dd/mm/yyyy


def synthetic_rows(count):
    """The rows of SyntheticRows::next in bench_xlsx.cpp; None is an empty cell."""
    for i in range(count):
        n = str(i)
        two_digits = str(10 + i % 90)
        convocable = i % 5 != 0
        yield [
            "Nom" + n, "Prénom " + n, "jure" + n + "@example.fr",
            "+33 5 56 00 " + two_digits + " 22",
            None if i % 3 == 0 else "06 12 34 56 " + two_digits,
            n + " rue Sainte-Catherine", "33000", "Bordeaux",
            "TP-01318", "Employé administratif et d'accueil", "ACTIVE",
            datetime.date(2024, 1, 1 + i % 28), datetime.date(2028, 10, 31),
            "Oui" if convocable else "Non",
            "en cours" if convocable else "non convocable : expirée",
        ]


class ColumnWidths:
    """Widths as ceres_xlsx fits them: characters of the longest value + 2, within 6..60."""

    def __init__(self):
        self.characters = [len(header) for header in HEADERS]
        for column in DATE_COLUMNS:
            self.characters[column] = max(self.characters[column], DATE_CHARACTERS)

    def fit(self, row):
        for column, value in enumerate(row):
            if isinstance(value, str) and len(value) > self.characters[column]:
                self.characters[column] = len(value)

    def widths(self):
        return [min(max(characters + 2, 6), 60) for characters in self.characters]


def excel_width(characters):
    """The width XlsxWriter and libxlsxwriter store for a column of `characters` (cell padding
    included), which openpyxl leaves to its caller."""
    return int((characters * 7 + 5) / 7 * 256) / 256


def write_with_xlsxwriter(count, path):
    """Like ceres_xlsx: widths and autofilter set after the rows (written at close)."""
    import xlsxwriter
    workbook = xlsxwriter.Workbook(path, {"constant_memory": True})
    sheet = workbook.add_worksheet("Jurés")
    bold = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, HEADERS, bold)
    sheet.freeze_panes(1, 0)
    widths = ColumnWidths()
    r = 0
    for r, row in enumerate(synthetic_rows(count), start=1):
        widths.fit(row)
        for column, value in enumerate(row):
            if value is None:
                continue
            if column in DATE_COLUMNS:
                sheet.write_datetime(r, column, value, day)
            else:
                sheet.write_string(r, column, value)
    for column, width in enumerate(widths.widths()):
        sheet.set_column(column, column, width)
    sheet.autofilter(0, 0, r, len(HEADERS) - 1)
    workbook.close()


def write_with_openpyxl(count, path):
    """openpyxl's write-only sheet writes the widths before the first row, so they come from a
    first pass over the same generator (a cost of that library, included in its time)."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    widths = ColumnWidths()
    for row in synthetic_rows(count):
        widths.fit(row)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Jurés")
    for column, width in enumerate(widths.widths(), start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].width = excel_width(width)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:O{count + 1}"
    bold = Font(bold=True)
    header = []
    for title in HEADERS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in synthetic_rows(count):
        cells = []
        for column, value in enumerate(row):
            cell = WriteOnlyCell(sheet, value=value)
            if column in DATE_COLUMNS:
                cell.number_format = "dd/mm/yyyy"
            cells.append(cell)
        sheet.append(cells)
    workbook.save(path)


PEERS = {"xlsxwriter": write_with_xlsxwriter, "openpyxl": write_with_openpyxl}


def main():
    peer = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "jurors.xlsx")
        start, start_cpu = time.perf_counter(), time.process_time()
        PEERS[peer](count, path)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - start_cpu
        size_mib = os.path.getsize(path) / 2**20
    print(f"{peer} {count} {seconds:.3f} {cpu_seconds:.3f} {size_mib:.2f}")


if __name__ == "__main__":
    main()
