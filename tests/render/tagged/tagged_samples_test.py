#!/usr/bin/python3
"""Renders the sample jobs (samples/) with the command line, as a user does, and checks every PDF
kind with check_tagged_pdf.py (pikepdf).

    tagged_samples_test.py CERES_DOCS_BINARY SOURCE_DIR

The PVs are signed with a test certificate (scripts/make-test-signing-pair.sh), so that their
signature field is checked too. Also renders a copy of samples/session-results.json whose candidates and jurors have Arabic,
Hebrew, Chinese and Japanese names: their PDFs must carry the name in logical order and a /Lang
span. Exits 1 on any problem, or when a PDF kind is missing.
"""
import copy
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_tagged_pdf  # noqa: E402

# In an order where the print batch finds the parchemins issued before it.
JOBS = ["session-results.json", "parchemins-reprint.json", "convocations.json", "dte-request.json",
        "dashboard.json", "print-batch.json"]
KINDS = {"pv_general", "pv_individuel", "parchemin", "convocation",
         "convocations_merged", "dte_request", "dashboard_pdf", "print_batch"}

# One right-to-left name per candidate: pdftotext -raw takes the right-to-left words of two
# neighbouring cells for one stretch and cannot put them back in each cell's order.
OTHER_SCRIPTS = [
    ("العلوي", "Fatima Zahra"),
    ("Levi", "אברהם"),
    ("王", "小明"),
    ("さとう", "はなこ"),
]


def other_scripts_job(source):
    job = json.load(open(source, encoding="utf-8"))
    job = copy.deepcopy(job)
    job["idempotency_key"] += "/other-scripts"
    payload = job["payload"]
    payload["session"]["id"] += "_SCRIPTS"
    for candidate, (last, first) in zip(payload["candidates"], OTHER_SCRIPTS):
        candidate["last_name"], candidate["first_name"] = last, first
        candidate["id"] += "-S"
    # Second: a line that starts with a right-to-left name runs right to left, which pdftotext -raw
    # does not undo (it only puts right-to-left words back in order within a left-to-right line).
    payload["jury"][1]["last_name"], payload["jury"][1]["first_name"] = "بن علي", "يوسف"
    return job


def has_annotations(path):
    with check_tagged_pdf.pikepdf.open(path) as pdf:
        return "/Annots" in pdf.pages[0].obj


def render(binary, job, out, env):
    run = subprocess.run([binary, "render", job, "--out", out], env=env, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"{binary} render {job} failed ({run.returncode}): {run.stderr}")
    return [d for d in json.loads(run.stdout) if d.get("mime") == "application/pdf"]


def main():
    binary, source = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as work:
        pki = os.path.join(work, "pki")
        subprocess.run(["bash", os.path.join(source, "scripts", "make-test-signing-pair.sh"), pki], check=True)
        env = dict(os.environ, CERES_HOME=source, CERES_VAR_DIR=os.path.join(work, "var"), CERES_DEV_MODE="1",
                   CERES_PDF_SIGNING_CERT=os.path.join(pki, "signer.pem"),
                   CERES_PDF_SIGNING_KEY=os.path.join(pki, "signer-key.pem"))
        jobs = [os.path.join(source, "samples", name) for name in JOBS]
        scripts = os.path.join(work, "session-results-other-scripts.json")
        with open(scripts, "w", encoding="utf-8") as f:
            json.dump(other_scripts_job(jobs[0]), f, ensure_ascii=False)
        jobs.append(scripts)
        documents = []
        for number, job in enumerate(jobs):
            documents += render(binary, job, os.path.join(work, f"out{number}"), env)
        kinds = {d["kind"] for d in documents}
        problems = []
        signed = [d for d in documents if has_annotations(d["path"])]
        if {d["kind"] for d in signed} != {"pv_general", "pv_individuel"}:
            problems.append(f"the signed PDFs are of kinds {sorted({d['kind'] for d in signed})}, not the PVs")
        if not KINDS <= kinds:
            problems.append(f"no PDF of kind {sorted(KINDS - kinds)} among the samples' documents")
        for document in documents:
            found = check_tagged_pdf.Checker(document["path"]).run()
            print(f"{document['kind']}: {os.path.basename(document['path'])}: "
                  f"{'ok' if not found else str(len(found)) + ' problem(s)'}")
            problems += found
        # The other scripts' names are in the tree in logical order, under a /Lang of their script.
        for document in documents:
            if "_SCRIPTS" not in document["path"] or document["kind"] != "pv_general":
                continue
            checker = check_tagged_pdf.Checker(document["path"])
            checker.run()
            tree = check_tagged_pdf.squeeze(checker.tree_text())
            for last, first in OTHER_SCRIPTS:
                for name in (last, first):
                    if check_tagged_pdf.squeeze(name) not in tree:
                        problems.append(f"{document['path']}: {name} is not in the structure tree in logical order")
        for line in problems:
            print(line)
        return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
