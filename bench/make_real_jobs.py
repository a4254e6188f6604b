"""Writes the jobs CERES really sends, deterministically, from the reference payloads in samples/:
  session-1000.json   session_results, 1,000 candidates, all ADMIS (PV + 1,000 PV individuels + 1,000 parchemins)
  session-400.json    session_results, 400 candidates (a mix of ADMIS and AJOURNE)
  jurors-38000.json   juror_export of 38,000 jurors (about 16 MiB)
  jurors-100000.json  juror_export of 100,000 jurors (over the 16 MiB job limit of the command line)
  print-batch-1000.json  print_batch of UD 33 for May 2026: the 1,000 parchemins session-1000.json
                      issues (2,000 pages, each parchemin after its cover letter, one PDF), once that
                      session was rendered with the same var_dir
usage: make_real_jobs.py SAMPLES_DIR OUT_DIR"""
import copy
import json
import random
import sys

LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
        "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "N'Diaye",
        "Da Silva", "Nguyen", "Öztürk", "Benali", "Le Gall", "Kowalski", "Haddad", "Pereira", "Chevalier", "Étienne"]
FIRST = ["Hélène", "Aminata", "Jean-Christophe", "Sophie", "Paul", "Thi Lan", "Ayşe", "João", "Léa", "Hugo",
         "Chloé", "Louis", "Inès", "Gabriel", "Camille", "Noé", "Zoé", "Raphaël", "Manon", "Jules"]
COMMUNES = [("33000", "Bordeaux"), ("33100", "Bordeaux"), ("33130", "Bègles"), ("33270", "Floirac"),
            ("33400", "Talence"), ("33600", "Pessac"), ("33700", "Mérignac"), ("33150", "Cenon")]


def session_job(sample, count, admis_every):
    job = copy.deepcopy(sample)
    rng = random.Random(count)
    payload = job["payload"]
    ccps = [c["code"] for c in payload["title"]["ccps"]]
    template = next(c for c in payload["candidates"] if c["decision"] == "ADMIS")
    candidates = []
    for i in range(count):
        c = copy.deepcopy(template)
        postal, commune = COMMUNES[i % len(COMMUNES)]
        c["id"] = "C-%06d" % (100000 + i)
        c["last_name"] = LAST[rng.randrange(len(LAST))]
        c["first_name"] = FIRST[rng.randrange(len(FIRST))]
        c["birth_date"] = "%04d-%02d-%02d" % (1960 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28))
        c["address"] = {"line1": "%d rue de la République" % (1 + i % 200), "postal_code": postal, "commune": commune}
        admis = i % admis_every == 0
        c["results"] = {code: "ACQUIS" for code in ccps}
        if not admis:
            c["results"][ccps[-1]] = "NON_ACQUIS"
        c["decision"] = "ADMIS" if admis else "AJOURNE"
        candidates.append(c)
    payload["candidates"] = candidates
    job["idempotency_key"] = "bench/session/%d" % count
    return job


def juror_job(sample, count):
    job = copy.deepcopy(sample)
    rng = random.Random(count)
    payload = job["payload"]
    titles = [t["code"] for t in payload["titles"]]
    template = payload["jurors"][0]
    jurors = []
    for i in range(count):
        j = copy.deepcopy(template)
        postal, commune = COMMUNES[i % len(COMMUNES)]
        last, first = LAST[rng.randrange(len(LAST))], FIRST[rng.randrange(len(FIRST))]
        j["id"] = "J-%06d" % (100000 + i)
        j["last_name"], j["first_name"] = last, first
        j["email"] = "jure%06d@example.fr" % i
        j["phone_pro"] = "+33 5 56 %02d %02d %02d" % (i % 100, (i // 100) % 100, (i // 10000) % 100)
        j["phone_personal"] = None if i % 3 == 0 else "+33 6 %02d %02d %02d %02d" % (
            i % 100, (i // 7) % 100, (i // 11) % 100, (i // 13) % 100)
        j["address"] = {"line1": "%d avenue Thiers" % (1 + i % 300), "postal_code": postal, "commune": commune}
        habs = []
        for t in titles[: 1 + i % len(titles)]:
            h = copy.deepcopy(template["habilitations"][0])
            h["on"] = t
            habs.append(h)
        j["habilitations"] = habs
        jurors.append(j)
    payload["jurors"] = jurors
    job["idempotency_key"] = "bench/jurors/%d" % count
    return job


def main():
    samples, out = sys.argv[1], sys.argv[2]
    session = json.load(open(samples + "/session-results.json", encoding="utf-8"))
    jurors = json.load(open(samples + "/juror-export.json", encoding="utf-8"))
    batch = json.load(open(samples + "/print-batch.json", encoding="utf-8"))
    batch["idempotency_key"] = "bench/print/1000"
    jobs = {
        "session-1000.json": session_job(session, 1000, 1),
        "session-400.json": session_job(session, 400, 2),
        "jurors-38000.json": juror_job(jurors, 38000),
        "jurors-100000.json": juror_job(jurors, 100000),
        "print-batch-1000.json": batch,
    }
    for name, job in jobs.items():
        with open(out + "/" + name, "w", encoding="utf-8") as f:
            json.dump(job, f, ensure_ascii=False)


main()
