#!/usr/bin/env python3
"""Writes the hostile job corpus: payloads every entry point must refuse up front.

usage: make_corpus.py SAMPLES_DIR OUT_DIR

Deterministic: the same samples give the same files. OUT_DIR receives one file per payload
(the exact bytes sent) and manifest.json, a list of
  {"name", "file", "exit": 2|3, "pointer": JSON Pointer or null, "rule": rule id or null}
where `exit` is the CLI exit code expected (2: invalid input, HTTP 400; 3: refused by a rule,
HTTP 422) and one error of the answer must carry `pointer` and, when given, `rule`.
"""
import copy
import json
import os
import sys

SAMPLES, OUT = sys.argv[1], sys.argv[2]


def load(name):
    with open(os.path.join(SAMPLES, name), encoding="utf-8") as f:
        return json.load(f)


BASES = {
    "session_results": load("session-results.json"),
    "convocations": load("convocations.json"),
    "dte_request": load("dte-request.json"),
    "parchemins_reprint": load("parchemins-reprint.json"),
    "print_batch": load("print-batch.json"),
    "juror_export": load("juror-export.json"),
    "dashboard": load("dashboard.json"),
}

entries = []
names = set()


def token(part):
    return str(part).replace("~", "~0").replace("/", "~1")


def parts(pointer):
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]


def get(doc, pointer):
    for p in parts(pointer):
        doc = doc[int(p)] if isinstance(doc, list) else doc[p]
    return doc


def put(doc, pointer, value):
    *head, last = parts(pointer)
    for p in head:
        doc = doc[int(p)] if isinstance(doc, list) else doc[p]
    if isinstance(doc, list):
        doc[int(last)] = value
    else:
        doc[last] = value


def remove(doc, pointer):
    *head, last = parts(pointer)
    for p in head:
        doc = doc[int(p)] if isinstance(doc, list) else doc[p]
    del doc[int(last) if isinstance(doc, list) else last]


def dump(doc):
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def flat(doc):
    return json.dumps(doc, ensure_ascii=False, separators=(", ", ": ")).encode("utf-8")


def add(name, data, exit_code, pointer, rule=None, pointer_prefix=None):
    assert name not in names, name
    names.add(name)
    if isinstance(data, (dict, list)):
        data = dump(data)
    elif isinstance(data, str):
        data = data.encode("utf-8")
    file = "%03d-%s.json" % (len(entries) + 1, name)
    with open(os.path.join(OUT, file), "wb") as f:
        f.write(data)
    entry = {"name": name, "file": file, "exit": exit_code, "pointer": pointer, "rule": rule}
    if pointer_prefix is not None:
        entry["pointer_prefix"] = pointer_prefix
    entries.append(entry)


def mutated(kind, pointer, value):
    doc = copy.deepcopy(BASES[kind])
    put(doc, pointer, value)
    return doc


def slug(pointer):
    return pointer.strip("/").replace("/", "_").replace("~1", "-").replace("~0", "-")


# ---- 1. Characters refused in every printed field (R-CAN-1 Reading) -------------------------
HOSTILE_CHARS = [
    ("ctrl", "\u0001"), ("esc", "\u001b[31m"), ("nul", "\u0000"), ("newline", "\n"), ("tab", "\t"),
    ("del", "\u007f"), ("c1", "\u0085"), ("rlo", "\u202e"), ("lro", "\u202d"), ("rli", "\u2067"),
    ("lrm", "\u200e"), ("zwsp", "\u200b"), ("zwj", "\u200d"), ("wj", "\u2060"), ("bom", "\ufeff"),
    ("lsep", "\u2028"), ("unassigned", "\u0380"), ("private-use", "\ue000"), ("plane-16", "\U0010fffd"),
]
# Every printed name field of the session documents, and of the juror export.
NAME_FIELDS = {
    "session_results": [
        "/payload/candidates/0/last_name", "/payload/candidates/0/first_name",
        "/payload/candidates/1/birth_commune", "/payload/jury/0/last_name", "/payload/jury/1/first_name",
        "/payload/session/responsable/last_name", "/payload/session/responsable/first_name",
        "/payload/ud/name", "/payload/ud/commune", "/payload/centre/name", "/payload/site/name",
        "/payload/site/commune", "/payload/title/libelle", "/payload/title/ccps/0/libelle",
        "/payload/candidates/2/address/line1", "/payload/candidates/3/address/commune",
    ],
    "juror_export": [
        "/payload/jurors/0/last_name", "/payload/jurors/1/first_name", "/payload/centre/name",
        "/payload/titles/0/libelle", "/payload/jurors/2/address/commune",
    ],
    "dte_request": ["/payload/session/responsable/last_name", "/payload/site/name", "/payload/request/comment"],
    "convocations": ["/payload/candidates/4/last_name", "/payload/candidates/0/first_name"],
    "parchemins_reprint": ["/payload/candidates/0/last_name", "/payload/ud/commune"],
}
for kind, fields in NAME_FIELDS.items():
    for field in fields:
        for label, char in HOSTILE_CHARS:
            original = get(BASES[kind], field)
            value = original[:2] + char + original[2:]
            add("%s-%s-%s" % (kind, slug(field), label), mutated(kind, field, value), 3, field, "R-CAN-1")
        if field.endswith("name"):
            original = get(BASES[kind], field)
            add("%s-%s-lt" % (kind, slug(field)), mutated(kind, field, original + " <b>"), 3, field, "R-CAN-1")

# Raw (unescaped) control bytes inside a JSON string are not JSON at all.
text = dump(BASES["session_results"]).replace("Lefèvre".encode(), b"Lef\x1b\x00vre")
add("raw-esc-nul-in-name", text, 2, "/payload/candidates/0/last_name")
text = dump(BASES["session_results"]).replace("Lefèvre".encode(), b"Lef\nvre")
add("raw-newline-in-name", text, 2, "/payload/candidates/0/last_name")
# The byte-order mark before the document.
add("bom-before-document", b"\xef\xbb\xbf" + dump(BASES["session_results"]), 2, "")

# Name rules: digits, symbols, emoji, SQL.
for label, value in [("digits", "Dupont2"), ("at", "dup@nt"), ("emoji", "Dupont 😀"),
                     ("sql-drop", "Robert'); DROP TABLE candidates;--"), ("sql-or", "x' OR '1'='1"),
                     ("html", "<script>alert(1)</script>"), ("backslash", "Du\\pont"),
                     ("only-spaces", "   "), ("only-hyphen", "-"), ("path", "../../etc/passwd")]:
    add("last-name-" + label, mutated("session_results", "/payload/candidates/0/last_name", value), 3,
        "/payload/candidates/0/last_name", "R-CAN-1")
    add("first-name-" + label, mutated("session_results", "/payload/candidates/1/first_name", value), 3,
        "/payload/candidates/1/first_name", "R-CAN-1")

# ---- 2. Sizes -------------------------------------------------------------------------------
def many_candidates(kind, n):
    doc = copy.deepcopy(BASES[kind])
    template = doc["payload"]["candidates"][0]
    cands = []
    for i in range(n):
        c = copy.deepcopy(template)
        c["id"] = "C-%06d" % i
        c["last_name"] = "Nom" + "".join(chr(ord("a") + int(d)) for d in "%05d" % i)
        cands.append(c)
    doc["payload"]["candidates"] = cands
    return doc


add("session-10000-candidates", many_candidates("session_results", 10000), 2, "/payload/candidates")
add("convocations-10000-candidates", many_candidates("convocations", 10000), 2, "/payload/candidates")
add("reprint-10000-candidates", many_candidates("parchemins_reprint", 10000), 2, "/payload/candidates")
for field in ["/payload/candidates/0/last_name", "/payload/candidates/0/first_name", "/payload/jury/0/last_name",
              "/payload/ud/name", "/payload/centre/name", "/payload/site/commune", "/payload/title/libelle",
              "/payload/candidates/0/birth_commune", "/payload/session/responsable/last_name"]:
    add("long-2000-" + slug(field), mutated("session_results", field, "A" * 2000), 2, field)
add("long-2000-2byte-last-name", mutated("session_results", "/payload/candidates/0/last_name", "é" * 2000), 2,
    "/payload/candidates/0/last_name")
add("long-2000-juror-last-name", mutated("juror_export", "/payload/jurors/0/last_name", "B" * 2000), 2,
    "/payload/jurors/0/last_name")
add("long-idempotency-key", mutated("session_results", "/idempotency_key", "k" * 2000), 2, "/idempotency_key")
add("long-callback-url", mutated("session_results", "/callback_url", "https://x.example/" + "a" * 3000), 2,
    "/callback_url")
add("long-session-id", mutated("session_results", "/payload/session/id", "S" * 65), 2, "/payload/session/id")
add("empty-last-name", mutated("session_results", "/payload/candidates/0/last_name", ""), 2,
    "/payload/candidates/0/last_name")
add("empty-candidates", mutated("session_results", "/payload/candidates", []), 2, "/payload/candidates")

# ---- 3. Negative and huge numbers, numbers as strings, wrong types --------------------------
for label, value in [("negative", -1), ("huge", 10 ** 30), ("float", 2.5), ("string", "5"), ("exp", 1e300),
                     ("bool", True), ("null", None), ("int64-min", -2 ** 63), ("uint64-max", 2 ** 64 - 1)]:
    add("dte-candidate-count-" + label, mutated("dte_request", "/payload/request/candidate_count", value), 2,
        "/payload/request/candidate_count")
for label, value in [("negative", -3), ("zero", 0), ("huge", 10 ** 20), ("string", "1")]:
    add("results-version-" + label, mutated("session_results", "/payload/session/results_version", value), 2,
        "/payload/session/results_version")
# Numbers the JSON grammar allows but no double holds.
text = flat(BASES["dte_request"]).replace(b'"candidate_count": 5', b'"candidate_count": 1e400')
add("dte-candidate-count-1e400", text, 2, "/payload/request/candidate_count")
text = flat(BASES["dte_request"]).replace(b'"candidate_count": 5', b'"candidate_count": -1e400')
add("dte-candidate-count-minus-1e400", text, 2, "/payload/request/candidate_count")
text = flat(BASES["dte_request"]).replace(b'"candidate_count": 5', b'"candidate_count": ' + b"9" * 400)
add("dte-candidate-count-400-digits", text, 2, "/payload/request/candidate_count")
text = flat(BASES["dte_request"]).replace(b'"candidate_count": 5', b'"candidate_count": NaN')
add("dte-candidate-count-nan", text, 2, "/payload/request/candidate_count")
text = flat(BASES["dte_request"]).replace(b'"candidate_count": 5', b'"candidate_count": 05')
add("dte-candidate-count-leading-zero", text, 2, "/payload/request")
for pointer, value in [
    ("/payload/session/final_interview", "true"), ("/payload/candidates/0/vae", "false"),
    ("/payload/title/level", 3), ("/payload/title/nsf", "324t"), ("/payload/candidates", {"0": {}}),
    ("/payload/candidates/0", "C-900001"), ("/payload/candidates/0/results", ["ACQUIS", "ACQUIS"]),
    ("/payload/candidates/0/results/CP-01318-1", True), ("/payload/candidates/0/last_name", 42),
    ("/payload/candidates/0/birth_date", 19910412), ("/payload/session", None), ("/payload/jury", {}),
    ("/payload/ud", "33"), ("/payload/ud/code", 33), ("/payload/centre/siret", 78184280200048),
    ("/requested_by", "svc-sessions"), ("/kind", 1), ("/idempotency_key", 7), ("/payload", []),
    ("/payload", "payload"), ("/payload/candidates/0/decision", "admis"),
    ("/payload/session/start", "20/05/2026"), ("/payload/session/start_time", "8h"),
]:
    add("type-%s-%s" % (slug(pointer), type(value).__name__), mutated("session_results", pointer, value), 2, pointer)
for pointer, value in [("/payload/events/0/date", 20260114), ("/payload/events", {}),
                       ("/payload/events/0/type", "HACK"), ("/payload/as_of", None),
                       ("/payload/profile", "ROOT")]:
    add("dashboard-type-" + slug(pointer), mutated("dashboard", pointer, value), 2, pointer)
for pointer, value in [("/payload/ud", 33), ("/payload/issued_from", "2026-5-1"), ("/payload/sort", "name")]:
    add("print-batch-type-" + slug(pointer), mutated("print_batch", pointer, value), 2, pointer)
for pointer, value in [("/payload/jurors/0/email", "not-an-email"), ("/payload/jurors/0/phone_pro", "call me"),
                       ("/payload/jurors/0/habilitations", "ACTIVE"), ("/payload/jurors", None),
                       ("/payload/jurors/0/habilitations/0/state", "ROOT")]:
    add("juror-type-" + slug(pointer), mutated("juror_export", pointer, value), 2, pointer)

# ---- 4. Identifiers: '..', '/', SQL ---------------------------------------------------------
for label, value in [("dotdot", ".."), ("traversal", "../../etc/passwd"), ("slash", "a/b"), ("abs", "/etc"),
                     ("backslash", "..\\..\\x"), ("dot", "."), ("sql", "1'; DROP TABLE jobs;--"),
                     ("sql-union", "x UNION SELECT * FROM documents"), ("space", "C 1"), ("empty", ""),
                     ("percent", "%2e%2e"), ("nul", "C\u00001"), ("unicode", "Ｃ１")]:
    add("session-id-" + label, mutated("session_results", "/payload/session/id", value), 2, "/payload/session/id")
    add("candidate-id-" + label, mutated("session_results", "/payload/candidates/0/id", value), 2,
        "/payload/candidates/0/id")
for label, value in [("dotdot", ".."), ("slash", "J/1"), ("sql", "J'--")]:
    add("jury-id-" + label, mutated("session_results", "/payload/jury/0/id", value), 2, "/payload/jury/0/id")
    add("juror-id-" + label, mutated("juror_export", "/payload/jurors/0/id", value), 2, "/payload/jurors/0/id")
    add("convocation-session-id-" + label, mutated("convocations", "/payload/session/id", value), 2,
        "/payload/session/id")
add("siret-sql", mutated("session_results", "/payload/centre/siret", "1 OR 1=1"), 2, "/payload/centre/siret")
add("siret-luhn", mutated("session_results", "/payload/centre/siret", "78184280200049"), 2, "/payload/centre/siret",
    "R-ETB-1")
add("ud-code-traversal", mutated("print_batch", "/payload/ud", "../33"), 2, "/payload/ud")
add("title-code-sql", mutated("session_results", "/payload/title/code", "TP-01318' --"), 2, "/payload/title/code")
add("ccp-code-slash", mutated("session_results", "/payload/title/ccps/0/code", "CP/../1"), 2,
    "/payload/title/ccps/0/code")

# ---- 5. Duplicates --------------------------------------------------------------------------
doc = copy.deepcopy(BASES["session_results"])
doc["payload"]["candidates"][1]["id"] = doc["payload"]["candidates"][0]["id"]
add("duplicate-candidate-id", doc, 2, "/payload/candidates/1/id")
doc = copy.deepcopy(BASES["convocations"])
doc["payload"]["candidates"][3]["id"] = doc["payload"]["candidates"][1]["id"]
add("duplicate-convocation-candidate-id", doc, 2, "/payload/candidates/3/id")
doc = copy.deepcopy(BASES["session_results"])
doc["payload"]["jury"][1]["id"] = doc["payload"]["jury"][0]["id"]
add("duplicate-jury-id", doc, 2, "/payload/jury/1/id")
doc = copy.deepcopy(BASES["session_results"])
doc["payload"]["jury"].append(copy.deepcopy(doc["payload"]["jury"][0]))
add("duplicate-juror-whole", doc, 2, "/payload/jury/2/id")
doc = copy.deepcopy(BASES["juror_export"])
doc["payload"]["jurors"][2]["id"] = doc["payload"]["jurors"][0]["id"]
add("duplicate-export-juror-id", doc, 2, "/payload/jurors/2/id")
doc = copy.deepcopy(BASES["session_results"])
doc["payload"]["title"]["ccps"][1]["code"] = doc["payload"]["title"]["ccps"][0]["code"]
add("duplicate-ccp-code", doc, 2, "/payload/title/ccps/1/code")
doc = copy.deepcopy(BASES["dte_request"])
doc["payload"]["title"]["ccps"].append(copy.deepcopy(doc["payload"]["title"]["ccps"][0]))
add("duplicate-dte-ccp-code", doc, 2, "/payload/title/ccps/2/code")
doc = copy.deepcopy(BASES["juror_export"])
doc["payload"]["titles"][1]["code"] = doc["payload"]["titles"][0]["code"]
add("duplicate-export-title-code", doc, 2, "/payload/titles/1/code")
doc = copy.deepcopy(BASES["session_results"])
doc["payload"]["candidates"].append(copy.deepcopy(doc["payload"]["candidates"][0]))
add("duplicate-candidate-whole", doc, 2, "/payload/candidates/5/id")
doc = copy.deepcopy(BASES["session_results"])
c = copy.deepcopy(doc["payload"]["candidates"][0])
c["id"] = "C-999999"
doc["payload"]["candidates"].append(c)
add("duplicate-candidate-identity", doc, 3, "/payload/candidates/5", "R-CAN-2")

# Duplicate keys in one JSON object: the later would silently replace the earlier.
base = flat(BASES["session_results"])
def dup_key(name, old, new, pointer, source=base):
    assert source.count(old) >= 1, old
    add(name, source.replace(old, new, 1), 2, pointer)

dup_key("duplicate-key-kind", b'"kind": "session_results",', b'"kind": "session_results", "kind": "session_results",', "/kind")
dup_key("duplicate-key-payload", b'"payload": {', b'"payload": {}, "payload": {', "/payload")
dup_key("duplicate-key-result",
        b'"CP-01318-1": "ACQUIS", ', b'"CP-01318-1": "NON_ACQUIS", "CP-01318-1": "ACQUIS", ',
        "/payload/candidates/0/results/CP-01318-1")
dup_key("duplicate-key-last-name", b'"last_name": "Lef', b'"last_name": "X", "last_name": "Lef',
        "/payload/candidates/0/last_name")
dup_key("duplicate-key-decision", b'"decision": "AJOURNE"', b'"decision": "ADMIS", "decision": "AJOURNE"',
        "/payload/candidates/1/decision")
dup_key("duplicate-key-siret", b'"siret": "78184280200048",', b'"siret": "78184280200048", "siret": "78184280200048",',
        "/payload/centre/siret")
dup_key("duplicate-key-escaped", b'"kind": "session_results",', b'"kind": "session_results", "\\u006bind": "dashboard",', "/kind")
dup_key("duplicate-key-requested-by-profile", b'"profile": "SERVICE",', b'"profile": "SERVICE", "profile": "SERVICE",',
        "/requested_by/profile")
dup_key("duplicate-key-session", b'"session": {', b'"session": {"id": "X"}, "session": {', "/payload/session")
dup_key("duplicate-key-dte-count", b'"candidate_count": 5', b'"candidate_count": 0, "candidate_count": 5',
        "/payload/request/candidate_count", flat(BASES["dte_request"]))
dup_key("duplicate-key-juror-phone", b'"phone_personal": "+33 6 12 34 56 78"',
        b'"phone_personal": null, "phone_personal": "+33 6 12 34 56 78"', "/payload/jurors/0/phone_personal",
        flat(BASES["juror_export"]))

# ---- 6. Invalid UTF-8 and malformed JSON ----------------------------------------------------
base = dump(BASES["session_results"])
for label, raw in [("ff", b"\xff"), ("overlong-slash", b"\xc0\xaf"), ("surrogate", b"\xed\xa0\x80"),
                   ("truncated-seq", b"\xe2\x82"), ("continuation", b"\x80"), ("beyond-10ffff", b"\xf4\x90\x80\x80"),
                   ("overlong-nul", b"\xc0\x80"), ("latin1", "é".encode("latin-1"))]:
    add("utf8-" + label, base.replace("Lefèvre".encode(), b"Lef" + raw + b"vre"), 2, "/payload/candidates/0/last_name")
add("utf8-in-key", base.replace(b'"birth_commune"', b'"birth_\xffcommune"', 1), 2, "/payload/candidates/0")
add("utf8-lone-surrogate-escape", base.replace("Lefèvre".encode(), b"Lef\\ud800vre"), 2,
    "/payload/candidates/0/last_name")
add("utf8-lone-low-surrogate-escape", base.replace("Lefèvre".encode(), b"Lef\\udc00vre"), 2,
    "/payload/candidates/0/last_name")
add("bad-escape", base.replace("Lefèvre".encode(), b"Lef\\xvre"), 2, "/payload/candidates/0/last_name")
add("bad-unicode-escape", base.replace("Lefèvre".encode(), b"Lef\\u12vre"), 2, "/payload/candidates/0/last_name")
# Cut short: the error names where the text stops.
flat_base = flat(BASES["session_results"])
for label, marker, pointer in [
    ("open-brace", "{", ""), ("in-first-key", '{"', ""), ("in-kind", '"kind": "sess', "/kind"),
    ("in-user", '"requested_by": {"user": "svc', "/requested_by/user"),
    ("in-ccp-libelle", '"ccps": [{"code": "CP-01318-1", "libelle": "Réal', "/payload/title/ccps/0/libelle"),
    ("candidates-open", '"candidates": [', "/payload/candidates"),
    ("candidate-open", '"candidates": [{', "/payload/candidates/0"),
    ("in-last-name", '"last_name": "Lef', "/payload/candidates/0/last_name"),
    ("after-first-candidate", '"decision": "ADMIS"}', "/payload/candidates/0"),
    ("in-results-key", '"results": {"CP-0', "/payload/candidates/0/results"),
]:
    cut = flat_base.index(marker.encode()) + len(marker.encode())
    add("truncated-" + label, flat_base[:cut], 2, pointer)
add("truncated-last-brace", flat_base[:-1], 2, "")
add("truncated-two-braces", flat_base[:-2], 2, "/payload")
add("truncated-in-escape", flat_base[: flat_base.index("Lefèvre".encode())] + b"\\u00", 2,
    "/payload/candidates/0/last_name")
for label, raw in [("empty", b""), ("whitespace", b"  \n\t "), ("null", b"null"), ("array", b"[]"),
                   ("string", b'"session_results"'), ("number", b"42"), ("true", b"true"), ("two-objects", b"{} {}"),
                   ("trailing-garbage", base + b"garbage"), ("trailing-comma", base.rstrip()[:-1] + b",}"),
                   ("single-quotes", base.replace(b'"kind"', b"'kind'")), ("comment", b"// x\n" + base),
                   ("unquoted-key", base.replace(b'"kind"', b"kind")), ("nul-byte", b"\x00"),
                   ("binary", bytes(range(256))), ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")]:
    add("malformed-" + label, raw, 2, "")
add("empty-object", b"{}", 2, "/kind")

# Deep nesting.
for depth in [65, 1000, 100000]:
    add("deep-array-%d" % depth, b'{"kind":"session_results","payload":' + b"[" * depth + b"]" * depth + b"}", 2,
        None, pointer_prefix="/payload/0/0/0")
    add("deep-object-%d" % depth,
        b'{"kind":"session_results","payload":' + b'{"a":' * depth + b"1" + b"}" * depth + b"}", 2,
        None, pointer_prefix="/payload/a/a/a")
add("deep-unclosed", b"[" * 200000, 2, None, pointer_prefix="/0/0/0")
doc = copy.deepcopy(BASES["session_results"])
nested = "x"
for _ in range(40):
    nested = {"n": nested}
doc["payload"]["candidates"][0]["extra"] = nested
add("nested-unknown-field", doc, 2, "/payload/candidates/0/extra")

# ---- 7. Envelope ----------------------------------------------------------------------------
add("kind-unknown", mutated("session_results", "/kind", "format_c"), 2, "/kind")
add("kind-traversal", mutated("session_results", "/kind", "../session_results"), 2, "/kind")
add("kind-mismatch", mutated("session_results", "/kind", "dashboard"), 2, "/payload/as_of")
doc = copy.deepcopy(BASES["session_results"]); remove(doc, "/payload")
add("payload-missing", doc, 2, "/payload")
doc = copy.deepcopy(BASES["session_results"]); remove(doc, "/kind")
add("kind-missing", doc, 2, "/kind")
doc = copy.deepcopy(BASES["session_results"]); doc["admin"] = True
add("envelope-unknown-field", doc, 2, "/admin")
doc = copy.deepcopy(BASES["session_results"]); doc["payload"]["__proto__"] = {"x": 1}
add("payload-proto-field", doc, 2, "/payload/__proto__")
for label, url in [("javascript", "javascript:alert(1)"), ("file", "file:///etc/passwd"), ("gopher", "gopher://x"),
                   ("space", "http://a b"), ("newline", "http://a\r\nX-Injected: 1")]:
    add("callback-" + label, mutated("session_results", "/callback_url", url), 2, "/callback_url")
add("requested-by-profile-root", mutated("session_results", "/requested_by/profile", "ROOT"), 2,
    "/requested_by/profile")
add("idempotency-key-empty", mutated("session_results", "/idempotency_key", ""), 2, "/idempotency_key")

# ---- 8. Dates -------------------------------------------------------------------------------
for label, value in [("feb-30", "2026-02-30"), ("month-13", "2026-13-01"), ("day-0", "2026-05-00"),
                     ("year-0", "0000-05-20"), ("year-9999", "9999-12-31"), ("negative", "-2026-05-20"),
                     ("time", "2026-05-20T08:00"), ("short", "2026-5-20"), ("feb-29-2027", "2027-02-29")]:
    add("session-start-" + label, mutated("session_results", "/payload/session/start", value),
        3 if label == "year-9999" else 2, "/payload/session/end" if label == "year-9999" else "/payload/session/start",
        "R-SES-7" if label == "year-9999" else None)
for label, value in [("1800", "1800-01-01"), ("2090", "2090-01-01"), ("1899", "1899-12-31"), ("child", "2020-01-01"),
                     ("after-session", "2026-06-01"), ("year-1", "0001-01-01")]:
    add("birth-date-" + label, mutated("session_results", "/payload/candidates/0/birth_date", value), 2,
        "/payload/candidates/0/birth_date")
    add("convocation-birth-date-" + label, mutated("convocations", "/payload/candidates/1/birth_date", value), 2,
        "/payload/candidates/1/birth_date")
add("juror-export-as-of-feb-31", mutated("juror_export", "/payload/as_of", "2026-02-31"), 2, "/payload/as_of")
add("dashboard-as-of-year-0", mutated("dashboard", "/payload/as_of", "0000-01-01"), 2, "/payload/as_of")
add("validated-on-2200", mutated("session_results", "/payload/session/validated_on", "2200-01-01"), 2,
    "/payload/session/validated_on")
add("title-end-of-life-year-1", mutated("session_results", "/payload/title/end_of_life", "0001-01-01"), 3,
    "/payload/session/start", "R-TIT-2")

# ---- 9. Contradictions ----------------------------------------------------------------------
add("session-ends-before-start", mutated("session_results", "/payload/session/end", "2026-05-19"), 3,
    "/payload/session/end", "R-SES-7")
add("dte-session-ends-before-start", mutated("dte_request", "/payload/session/end", "2026-05-01"), 3,
    "/payload/session/end", "R-SES-7")
add("convocations-session-ends-before-start", mutated("convocations", "/payload/session/end", "2020-01-01"), 3,
    "/payload/session/end", "R-SES-7")
add("actual-end-before-start", mutated("session_results", "/payload/session/actual_end", "2026-05-01"), 3,
    "/payload/session/actual_end", "R-SES-7")
doc = copy.deepcopy(BASES["session_results"])
doc["payload"]["candidates"][0]["results"]["CP-99999-9"] = "ACQUIS"
add("r-ses-7-unknown-ccp", doc, 3, "/payload/candidates/0/results/CP-99999-9", "R-SES-7")
doc = copy.deepcopy(BASES["session_results"])
del doc["payload"]["candidates"][0]["results"]["CP-01318-2"]
add("r-ses-7-missing-ccp", doc, 3, "/payload/candidates/0/results", "R-SES-7")
doc = copy.deepcopy(BASES["session_results"])
doc["payload"]["candidates"][0]["results"]["CP-01318-2"] = "NON_ACQUIS"
add("r-ses-7-admis-non-acquis", doc, 3, "/payload/candidates/0/decision", "R-SES-7")
doc = copy.deepcopy(BASES["session_results"])
doc["payload"]["candidates"][0]["decision"] = "ABSENT"
add("r-ses-7-absent-with-results", doc, 3, "/payload/candidates/0/decision", "R-SES-7")
doc = copy.deepcopy(BASES["session_results"])
doc["payload"]["candidates"][0]["results"] = {}
add("r-ses-7-admis-no-results", doc, 3, "/payload/candidates/0/results", "R-SES-7")
add("validated-before-end", mutated("session_results", "/payload/session/validated_on", "2026-05-21"), 3,
    "/payload/session/validated_on", "R-SES-6")
doc = copy.deepcopy(BASES["session_results"]); remove(doc, "/payload/session/validated_on")
add("results-not-validated", doc, 2, "/payload/session/validated_on")
doc = copy.deepcopy(BASES["session_results"]); doc["payload"]["jury"] = doc["payload"]["jury"][:1]
add("jury-of-one", doc, 3, "/payload/jury", "R-HAB-10")
add("juror-suspended", mutated("session_results", "/payload/jury/0/habilitations/0/state", "SUSPENDUE"), 3,
    "/payload/jury/0", "R-HAB-9")
add("print-batch-reversed", mutated("print_batch", "/payload/issued_to", "2026-04-01"), 2, "/payload/issued_to")
add("dte-count-zero", mutated("dte_request", "/payload/request/candidate_count", 0), 3,
    "/payload/request/candidate_count", "R-SES-5")
add("dte-too-late", mutated("dte_request", "/payload/request/requested_on", "2026-05-01"), 3,
    "/payload/request/requested_on", "R-SES-2")
add("reprint-before-validation", mutated("parchemins_reprint", "/payload/reprint/date", "2020-01-01"), 3,
    "/payload/reprint/date", "R-DOC-2")
add("title-beyond-prolongation", mutated("session_results", "/payload/title/end_of_life", "2020-01-31"), 3,
    "/payload/session/start", "R-TIT-2")
add("dashboard-perimeter-mismatch", mutated("dashboard", "/payload/perimeter", "FR"), 3, "/payload/perimeter", "R-DOC-5")

with open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8") as f:
    json.dump(entries, f, ensure_ascii=False, indent=1)
print("make_corpus: %d payloads in %s" % (len(entries), OUT))
