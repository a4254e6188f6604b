"""Reads a file written by ceres_xlsx back the way a user's software would, and prints what it
found as JSON for the C++ tests.

    read_back.py xlsx FILE   sheets (cells, bold cells, frozen pane, autofilter, column widths,
                             formulas), package parts, chart ranges and XML parse errors
    read_back.py csv FILE    rows as parsed by the csv module with ';' and a UTF-8 BOM

Run with /usr/bin/python3, which has python3-openpyxl.
"""
import csv
import datetime
import json
import sys
import zipfile
import xml.etree.ElementTree as ElementTree

import openpyxl


def cell_json(cell):
    value = cell.value
    if isinstance(value, datetime.datetime):
        return {"date": value.date().isoformat(), "format": cell.number_format}
    return value


def sheet_json(values_sheet, formulas_sheet):
    rows = [[cell_json(cell) for cell in row] for row in values_sheet.iter_rows()]
    return {
        "name": values_sheet.title,
        "rows": rows,
        "bold": [cell.coordinate for row in values_sheet.iter_rows() for cell in row
                 if cell.value is not None and cell.font is not None and cell.font.b],
        "freeze": values_sheet.freeze_panes,
        "autofilter": values_sheet.auto_filter.ref,
        "widths": {letter: dim.width for letter, dim in values_sheet.column_dimensions.items()
                   if dim.customWidth},
        "formulas": {cell.coordinate: cell.value for row in formulas_sheet.iter_rows()
                     for cell in row if cell.data_type == "f"},
        "print": {
            "orientation": values_sheet.page_setup.orientation,
            "paper": values_sheet.page_setup.paperSize,
            "fit_to_page": bool(values_sheet.sheet_properties.pageSetUpPr
                                and values_sheet.sheet_properties.pageSetUpPr.fitToPage),
            # An absent fitToWidth is OOXML's default, one page wide.
            "pages_wide": 1 if values_sheet.page_setup.fitToWidth is None else values_sheet.page_setup.fitToWidth,
            "pages_tall": values_sheet.page_setup.fitToHeight,
            "title_rows": values_sheet.print_title_rows,
            "footer": values_sheet.oddFooter.center.text,
        },
    }


# The deflate option bits (1 and 2) of a ZIP entry's general-purpose flag, as the writer sets
# them from its compression level: zlib levels 8-9 "maximum", 2 "fast", 1 "superfast".
DEFLATE_OPTIONS = {0: "normal", 2: "maximum", 4: "fast", 6: "superfast"}


def package_json(path):
    parts, xml_errors, charts, deflate = [], [], {}, {}
    with zipfile.ZipFile(path) as package:
        bad = package.testzip()
        if bad is not None:
            xml_errors.append(bad + ": bad CRC")
        for info in package.infolist():
            name = info.filename
            parts.append(name)
            deflate[name] = (DEFLATE_OPTIONS[info.flag_bits & 6]
                             if info.compress_type == zipfile.ZIP_DEFLATED else "stored")
            if not (name.endswith(".xml") or name.endswith(".rels")):
                continue
            try:
                root = ElementTree.fromstring(package.read(name))
            except ElementTree.ParseError as error:
                xml_errors.append(f"{name}: {error}")
                continue
            if name.startswith("xl/charts/"):
                charts[name] = [element.text for element in root.iter()
                                if element.tag.endswith("}f")]
    return {"parts": parts, "xml_errors": xml_errors, "charts": charts, "deflate": deflate}


def read_xlsx(path):
    values = openpyxl.load_workbook(path, data_only=True)
    formulas = openpyxl.load_workbook(path)
    result = package_json(path)
    result["sheets"] = [sheet_json(values[name], formulas[name]) for name in values.sheetnames]
    return result


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as text:
        return {"rows": list(csv.reader(text, delimiter=";"))}


def main():
    mode, path = sys.argv[1], sys.argv[2]
    result = read_xlsx(path) if mode == "xlsx" else read_csv(path)
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
