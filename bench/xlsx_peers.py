"""Python writers of the juror export that bench_xlsx is compared with: the same 100,000 synthetic
rows and 15 columns as BM_JurorExport in bench_xlsx.cpp, a bold frozen header, an autofilter,
dd/mm/yyyy date cells and text phones.

    /usr/bin/python3 bench/xlsx_peers.py xlsxwriter|openpyxl [ROWS]

Prints one line: peer, rows, wall and CPU seconds spent writing, peak resident MiB of the process,
file size.
Run with /usr/bin/python3, which has python3-xlsxwriter and python3-openpyxl.
"""
import datetime
import os
import resource
import sys
import tempfile
import time

HEADERS = ["Nom", "Prénoms", "Email", "Téléphone professionnel", "Téléphone personnel",
           "Adresse", "Code postal", "Commune", "Code TP", "Libellé TP",
           "État de l'habilitation", "Début", "Fin", "Convocable au 02/04/2026", "Motif"]
DATE_COLUMNS = (11, 12)


def synthetic_rows(count):
    for i in range(count):
        n = str(i)
        convocable = i % 5 != 0
        yield [
            "Nom" + n, "Prénom " + n, "jure" + n + "@example.fr",
            "+33 5 56 00 " + str(10 + i % 90) + " 22",
            None if i % 3 == 0 else "06 12 34 56 " + str(10 + i % 90),
            n + " rue Sainte-Catherine", "33000", "Bordeaux",
            "TP-01318", "Employé administratif et d'accueil", "ACTIVE",
            datetime.date(2024, 1, 1 + i % 28), datetime.date(2028, 10, 31),
            "Oui" if convocable else "Non",
            "en cours" if convocable else "non convocable : expirée",
        ]


def column_widths(rows):
    widths = [len(header) for header in HEADERS]
    for row in rows:
        for column, value in enumerate(row):
            if isinstance(value, str):
                widths[column] = max(widths[column], len(value))
    return [min(max(width + 2, 6), 60) for width in widths]


def write_with_xlsxwriter(rows, path):
    import xlsxwriter
    workbook = xlsxwriter.Workbook(path, {"constant_memory": True})
    sheet = workbook.add_worksheet("Jurés")
    bold = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for column, width in enumerate(column_widths(rows)):
        sheet.set_column(column, column, width)
    sheet.write_row(0, 0, HEADERS, bold)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(HEADERS) - 1)
    for r, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value is None:
                continue
            if column in DATE_COLUMNS:
                sheet.write_datetime(r, column, value, day)
            else:
                sheet.write_string(r, column, value)
    workbook.close()


def write_with_openpyxl(rows, path):
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Jurés")
    for column, width in enumerate(column_widths(rows), start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:O{len(rows) + 1}"
    bold = Font(bold=True)
    header = []
    for title in HEADERS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for column, value in enumerate(row):
            cell = WriteOnlyCell(sheet, value=value)
            if column in DATE_COLUMNS:
                cell.number_format = "DD/MM/YYYY"
            cells.append(cell)
        sheet.append(cells)
    workbook.save(path)


PEERS = {"xlsxwriter": write_with_xlsxwriter, "openpyxl": write_with_openpyxl}


def main():
    peer = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    rows = list(synthetic_rows(count))
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "jurors.xlsx")
        start, start_cpu = time.perf_counter(), time.process_time()
        PEERS[peer](rows, path)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - start_cpu
        size_mib = os.path.getsize(path) / 2**20
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{peer} {count} {seconds:.3f} {cpu_seconds:.3f} {peak_mib:.1f} {size_mib:.2f}")


if __name__ == "__main__":
    main()
