// PV général, PV individuels, convocations and DTE requests (R-DOC-1, R-DOC-6, R-SES-1/3/5/6).
#include <algorithm>

#include "domain/documents.h"
#include "domain/job_checks.h"
#include "domain/session.h"
#include "jobs/bind.h"
#include "jobs/kinds.h"
#include "jobs/parallel.h"
#include "jobs/parchemins.h"
#include "jobs/payload.h"
#include "jobs/pdf_document.h"
#include "jobs/pv_changes.h"

namespace ceres::jobs {
namespace {

using bind::Arr;
using bind::Obj;

std::string versionOf(const domain::Session& s) { return std::to_string(s.results_version.value_or(1)); }

// The day a PV version is made: the session's validation, or for a version above 1 the date the
// payload gives it.
domain::Date versionDate(const domain::Session& s, const PrintedFields& printed) {
    if (s.results_version.value_or(1) > 1 && printed.version_date) return *printed.version_date;
    return *s.validated_on;
}

Obj versionData(const domain::Session& s, const PrintedFields& printed) {
    const int version = s.results_version.value_or(1);
    Obj o = bind::object();
    o->set("number", std::to_string(version));
    o->set("supersedes", version > 1 ? "annule et remplace la version " + std::to_string(version - 1) : "");
    o->set("date", bind::dateInWords(versionDate(s, printed)));
    return o;
}

Arr ccpData(const domain::Title& title) {
    Arr a = bind::array();
    for (const auto& ccp : title.ccps) {
        Obj o = bind::object();
        o->set("code", ccp.code);
        o->set("libelle", bind::freeText(ccp.libelle));
        a->add(o);
    }
    return a;
}

std::string absenceText(const domain::Candidate& c, const domain::Title& title) {
    if (c.decision == domain::Decision::Absent) return "Absent(e) à la session";
    std::string units;
    for (const auto& ccp : title.ccps) {
        const auto r = c.results.find(ccp.code);
        if (r != c.results.end() && r->second == domain::UnitResult::Absent) units += (units.empty() ? "" : ", ") + ccp.code;
    }
    return units.empty() ? "" : "Absent(e) à : " + units;
}

std::string observations(const domain::Candidate& c, const domain::Title& title) {
    std::string text = absenceText(c, title);
    if (c.fraud_report) text += (text.empty() ? "" : " ; ") + std::string("Signalement de fraude : ") + *c.fraud_report;
    return text;
}

Obj totals(const std::vector<domain::Candidate>& candidates) {
    int admis = 0, ajournes = 0, absents = 0, fraud = 0;
    for (const auto& c : candidates) {
        admis += c.decision == domain::Decision::Admis;
        ajournes += c.decision == domain::Decision::Ajourne;
        absents += c.decision == domain::Decision::Absent;
        fraud += c.fraud_report.has_value();
    }
    Obj o = bind::object();
    o->set("registered", std::to_string(candidates.size()));
    o->set("present", std::to_string(candidates.size() - absents));
    o->set("admis", std::to_string(admis));
    o->set("ajournes", std::to_string(ajournes));
    o->set("absents", std::to_string(absents));
    o->set("fraud_reports", std::to_string(fraud));
    return o;
}

std::string resultOf(const domain::Candidate& c, const std::string& unit) {
    const auto r = c.results.find(unit);
    return r == c.results.end() ? "—" : bind::resultLabel(r->second);
}

Obj pvGeneralData(const domain::SessionResultsPayload& p, const PrintedFields& printed) {
    Obj data = bind::sessionHeader(p, printed);
    data->set("registration_number", p.session.registration_number.value_or(""));
    data->set("version", versionData(p.session, printed));
    data->set("ccps", ccpData(p.title));
    Arr rows = bind::array();
    int number = 0;
    for (const auto& c : p.candidates) {
        Obj row = bind::object();
        row->set("number", std::to_string(++number));
        row->set("id", c.id);
        row->set("last_name", c.last_name);
        row->set("first_name", c.first_name);
        row->set("birth_date", c.birth_date.french());
        row->set("vae", c.vae ? "oui" : "non");
        Arr results = bind::array();
        for (const auto& ccp : p.title.ccps) results->add(resultOf(c, ccp.code));
        row->set("results", results);
        row->set("decision", c.decision ? bind::decisionLabel(*c.decision) : "");
        row->set("observations", observations(c, p.title));
        rows->add(row);
    }
    data->set("candidates", rows);
    data->set("totals", totals(p.candidates));
    data->set("observations", "");
    return data;
}

Obj pvIndividuelData(const domain::SessionResultsPayload& p, const domain::Candidate& c,
                     const PrintedFields& printed) {
    Obj data = bind::sessionHeader(p, printed);
    data->set("registration_number", p.session.registration_number.value_or(""));
    data->set("version", versionData(p.session, printed));
    Obj candidate = bind::object();
    candidate->set("id", c.id);
    candidate->set("last_name", c.last_name);
    candidate->set("first_name", c.first_name);
    candidate->set("birth_date", c.birth_date.french());
    candidate->set("birth_commune", c.birth_commune);
    candidate->set("birth_country", c.birth_country);
    candidate->set("vae", c.vae ? "oui" : "non");
    Arr results = bind::array();
    for (const auto& ccp : p.title.ccps) {
        Obj r = bind::object();
        r->set("code", ccp.code);
        r->set("libelle", bind::freeText(ccp.libelle));
        r->set("result", resultOf(c, ccp.code));
        results->add(r);
    }
    candidate->set("results", results);
    candidate->set("decision", c.decision ? bind::decisionLabel(*c.decision) : "");
    candidate->set("absence", absenceText(c, p.title));
    candidate->set("fraud_report", c.fraud_report.value_or(""));
    data->set("candidate", candidate);
    return data;
}

std::string civilityOf(const PrintedFields& printed, const domain::Candidate& c) {
    const auto found = printed.civility.find(c.id);
    return found == printed.civility.end() ? "" : found->second;
}

Obj convocationData(const domain::ConvocationsPayload& p, const domain::Candidate& c, const PrintedFields& printed) {
    Obj data = bind::sessionHeader(p, printed);
    const domain::Convocation when = domain::effectiveConvocation(p.session);
    Obj convocation = bind::object();
    convocation->set("date", bind::dateInWords(when.date));
    convocation->set("time", bind::timeInWords(when.time));
    // The candidate comes at the convocation time; the tests start later, or another day.
    const bool differs = when.date != p.session.start || when.time != p.session.start_time;
    convocation->set("session_starts_later", differs);
    data->set("convocation", convocation);
    Obj candidate = bind::object();
    candidate->set("id", c.id);
    candidate->set("last_name", c.last_name);
    candidate->set("first_name", c.first_name);
    candidate->set("birth_date", bind::dateInWords(c.birth_date));
    candidate->set("path", c.vae ? "validation des acquis de l'expérience (VAE)" : "parcours de formation");
    data->set("candidate", candidate);
    candidate->set("name", bind::formalName(c.first_name, c.last_name));
    Obj recipient = bind::object();
    const std::string civility = civilityOf(printed, c);
    recipient->set("salutation", bind::salutation(civility));
    recipient->set("block", bind::postalBlock(bind::recipientName(civility, c), c.address));
    data->set("recipient", recipient);
    Arr bring = bind::array();
    for (const auto& item : p.bring) bring->add(item);
    data->set("bring", bring);
    data->set("generated_on", bind::dateInWords(p.generated_on));
    return data;
}


Document pvGeneralDocument(const Job& job, const domain::SessionResultsPayload& p, const PrintedFields& printed,
                           const Toolkit& kit, const PvChanges& changes) {
    const std::string date = versionDate(p.session, printed).iso();
    const std::string name = "pv-general_" + safeFilePart(p.session.id) + "_v" + versionOf(p.session) + ".pdf";
    Obj data = pvGeneralData(p, printed);
    data->getObject("version")->set("changes", changes.general);
    const auto pv = kit.engine.render("pv_general", data,
                                      pdfMeta("PV général " + p.title.code + " " + p.session.id, p.ud.name, date,
                                              job.idempotency_key + "/" + name));
    Document general = pdfDocument("pv_general", name, pv);
    general.session_id = p.session.id;
    general.version = p.session.results_version.value_or(1);
    general.supersedes = general.version > 1 ? general.version - 1 : 0;
    return general;
}

Document pvIndividuelDocument(const Job& job, const domain::SessionResultsPayload& p, const domain::Candidate& c,
                              const PrintedFields& printed, const Toolkit& kit, const PvChanges& changes) {
    const std::string date = versionDate(p.session, printed).iso();
    const std::string name =
        "pv-individuel_" + safeFilePart(p.session.id) + "_" + safeFilePart(c.id) + "_v" + versionOf(p.session) + ".pdf";
    Obj data = pvIndividuelData(p, c, printed);
    const std::string changed = changes.changed.count(c.id) ? "Résultat modifié" : "Résultat inchangé";
    data->getObject("version")->set(
        "changes", changes.known ? changed + " depuis la version " + std::to_string(changes.previous) : "");
    const auto pdf = kit.engine.render("pv_individuel", data,
                                       pdfMeta("PV individuel " + p.title.code + " " + c.id, p.ud.name, date,
                                               job.idempotency_key + "/" + name));
    Document d = pdfDocument("pv_individuel", name, pdf);
    d.session_id = p.session.id;
    d.candidate_id = c.id;
    d.version = p.session.results_version.value_or(1);
    d.supersedes = d.version > 1 ? d.version - 1 : 0;
    return d;
}

}  // namespace

// The documents in their order: the PV général, the PVs individuels, then the parchemins, whose
// numbers are reserved first, in the candidates' order; then all are rendered on the job's threads.
KindResult renderSessionResults(const Job& job, const Toolkit& kit) {
    const auto& p = payloadAs<domain::SessionResultsPayload>(job);
    const PrintedFields& printed = job.printed;
    KindResult result;
    const SessionParchemins parchemins(p, printed, kit, result.parchemins);
    const PvChanges changes = pvChanges(p, kit.context.registry);
    result.pv_results = pvResultsOf(p);
    const std::size_t candidates = p.candidates.size();
    const std::size_t total = 1 + candidates + parchemins.size();
    // Progress counts documents.
    DocumentProgress progress(kit.progress, static_cast<int>(total));
    result.documents = inOrder<Document>(total, kit.context.render_threads, [&](std::size_t i) {
        Document d = i == 0               ? pvGeneralDocument(job, p, printed, kit, changes)
                     : i <= candidates ? pvIndividuelDocument(job, p, p.candidates[i - 1], printed, kit, changes)
                                        : parchemins.render(i - 1 - candidates);
        progress.documentDone();
        return d;
    });
    return result;
}

KindResult renderConvocations(const Job& job, const Toolkit& kit) {
    const auto& p = payloadAs<domain::ConvocationsPayload>(job);
    const PrintedFields& printed = job.printed;
    const std::string session = safeFilePart(p.session.id);
    const std::string date = p.generated_on.iso();
    KindResult result;
    render::PdfBatch merged(kit.engine);
    const int total = static_cast<int>(p.candidates.size()) + 1;  // each convocation, then the merged file
    int done = 0;
    for (std::size_t i = 0; i < p.candidates.size(); ++i) {
        const auto& c = p.candidates[i];
        const Obj data = convocationData(p, c, printed);
        if (data->getObject("recipient")->getValue<std::string>("block").empty()) {
            result.refusals.push_back({"/payload/candidates/" + std::to_string(i), "NF-Z10-011",
                                       "the name and address of candidate " + c.id +
                                           " do not fit an address block of 6 lines of 38 characters"});
            continue;
        }
        const std::string name = "convocation_" + session + "_" + safeFilePart(c.id) + ".pdf";
        const auto pdf = kit.engine.render("convocation", data,
                                           pdfMeta("Convocation " + p.title.code + " " + c.id, p.centre.name, date,
                                                   job.idempotency_key + "/" + name));
        merged.add("convocation", data);
        Document d = pdfDocument("convocation", name, pdf);
        d.session_id = p.session.id;
        d.candidate_id = c.id;
        result.documents.push_back(std::move(d));
        if (kit.progress) kit.progress(++done, total);
    }
    const std::string name = "convocations_" + session + "_impression.pdf";
    Document all = pdfDocument("convocations_merged", name,
                               merged.write(pdfMeta("Convocations " + p.title.code + " " + p.session.id,
                                                    p.centre.name, date, job.idempotency_key + "/" + name)));
    all.session_id = p.session.id;
    result.documents.push_back(std::move(all));
    if (kit.progress) kit.progress(total, total);
    if (!result.refusals.empty()) result.documents.clear();
    return result;
}

KindResult renderDteRequest(const Job& job, const Toolkit& kit) {
    const auto& p = payloadAs<domain::DteRequestPayload>(job);
    Obj data = bind::sessionHeader(p, job.printed);
    Obj request = bind::object();
    request->set("requested_on", bind::dateInWords(p.request.requested_on));
    request->set("candidate_count", std::to_string(p.request.candidate_count));
    request->set("envelope_reception_date", bind::dateInWords(p.request.envelope_reception_date));
    request->set("comment", bind::freeText(p.request.comment.value_or("")));
    data->set("request", request);
    Arr signatories = bind::array();
    signatories->add("Le responsable de session : " + bind::formalName(p.session.responsable.first_name,
                                                                        p.session.responsable.last_name));
    signatories->add("Le représentant légal du centre");
    data->set("signatories", signatories);
    const std::string name = "demande-dte_" + safeFilePart(p.session.id) + ".pdf";
    const auto pdf = kit.engine.render("dte_request", data,
                                       pdfMeta("Demande de DTE " + p.title.code + " " + p.session.id, p.centre.name,
                                               p.request.requested_on.iso(), job.idempotency_key + "/" + name));
    Document d = pdfDocument("dte_request", name, pdf);
    d.session_id = p.session.id;
    KindResult result;
    result.documents.push_back(std::move(d));
    if (kit.progress) kit.progress(pdf.pages, pdf.pages);
    return result;
}

}  // namespace ceres::jobs
