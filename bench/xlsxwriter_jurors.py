#!/usr/bin/python3
"""The peer of `ceres-docs render` on a juror export: reads the same job JSON, writes one row per
juror habilitation with python XlsxWriter in constant-memory mode (bold frozen header, date
cells, text phones), as a plain program would.

Usage: /usr/bin/python3 bench/xlsxwriter_jurors.py JOB.json OUT.xlsx
"""
import datetime
import json
import sys

import xlsxwriter

HEADERS = ["Nom", "Prénoms", "Courriel", "Téléphone professionnel", "Téléphone personnel",
           "Adresse", "Code postal", "Commune", "Code TP", "Libellé TP",
           "État de l'habilitation", "Début", "Fin"]


def main():
    job = json.load(open(sys.argv[1], encoding="utf-8"))
    payload = job["payload"]
    libelles = {t["code"]: t["libelle"] for t in payload["titles"]}
    book = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True})
    sheet = book.add_worksheet("Jurés")
    bold = book.add_format({"bold": True})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.freeze_panes(1, 0)
    for col, title in enumerate(HEADERS):
        sheet.write_string(0, col, title, bold)
    row = 1
    for juror in payload["jurors"]:
        address = juror.get("address") or {}
        for hab in juror["habilitations"]:
            values = [juror["last_name"], juror["first_name"], juror.get("email"), juror.get("phone_pro"),
                      juror.get("phone_personal"), address.get("line1"), address.get("postal_code"),
                      address.get("commune"), hab["on"], libelles.get(hab["on"]), hab["state"]]
            for col, value in enumerate(values):
                if value is not None:
                    sheet.write_string(row, col, value)
            for col, key in ((11, "start"), (12, "end")):
                sheet.write_datetime(row, col, datetime.datetime.strptime(hab[key], "%Y-%m-%d"), date)
            row += 1
    book.close()


main()
