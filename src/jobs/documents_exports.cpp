// Juror export (R-DOC-4, R-HAB-7/8) and dashboards (R-DOC-5).
#include "domain/codes.h"
#include "domain/dashboard.h"
#include "domain/juror_export.h"
#include "jobs/bind.h"
#include "jobs/kinds.h"
#include "jobs/payload.h"
#include "jobs/pdf_document.h"
#include "xlsx/dashboard.h"
#include "xlsx/juror_export.h"

namespace ceres::jobs {
namespace {

xlsx::Date excelDate(const domain::Date& d) { return {d.year(), d.month(), d.day()}; }

std::optional<xlsx::Date> excelDate(const std::optional<domain::Date>& d) {
    return d ? std::optional<xlsx::Date>(excelDate(*d)) : std::nullopt;
}

xlsx::Juror exportedJuror(const domain::JurorExportPayload& p, const domain::JurorExportRow& row) {
    const domain::Juror& j = p.jurors[row.juror_index];
    xlsx::Juror out;
    out.last_name = j.last_name;
    out.first_names = j.first_name;
    out.email = j.email;
    out.phone_pro = j.phone_pro;
    out.phone_personal = j.phone_personal;
    if (j.address) {
        out.address_line = j.address->line1;
        out.postal_code = j.address->postal_code;
        out.commune = j.address->commune;
    }
    for (const auto& h : row.habilitations) {
        const domain::Habilitation& hab = j.habilitations[h.habilitation_index];
        xlsx::JurorHabilitation cell;
        cell.title_code = hab.on;
        cell.title_libelle = h.title_index ? p.titles[*h.title_index].libelle : "";
        cell.state = std::string(domain::code(hab.state));
        cell.start = excelDate(hab.start);
        cell.end = excelDate(hab.end);
        cell.convocable = h.eligibility.convocable;
        cell.reason = h.eligibility.reason;
        out.habilitations.push_back(std::move(cell));
    }
    return out;
}

const char* kMonthNames[] = {"janv.", "févr.", "mars", "avr.", "mai", "juin",
                             "juil.", "août", "sept.", "oct.", "nov.", "déc."};

// "2025-11" -> "nov. 2025"
std::string monthLabel(const std::string& month) {
    const int m = std::stoi(month.substr(5, 2));
    return std::string(kMonthNames[m - 1]) + " " + month.substr(0, 4);
}

std::string profileLabel(domain::Profile profile) {
    switch (profile) {
        case domain::Profile::Direccte: return "DIRECCTE / DREETS";
        case domain::Profile::Ud: return "unité départementale";
        case domain::Profile::Acc: return "agent chargé du contrôle";
        case domain::Profile::Centre: return "centre agréé";
        default: return std::string(domain::code(profile));
    }
}

bind::Obj dashboardData(const domain::DashboardPayload& p, const domain::DashboardCounts& counts) {
    bind::Obj data = bind::object();
    data->set("profile", std::string(domain::code(p.profile)));
    data->set("profile_label", profileLabel(p.profile));
    data->set("perimeter", p.perimeter == "FR" ? "France entière" : p.perimeter);
    data->set("as_of", p.as_of.french());
    bind::Obj period = bind::object();
    period->set("from", counts.window.from.french());
    period->set("to", counts.window.to.french());
    data->set("period", period);
    bind::Arr indicators = bind::array();
    for (const auto& indicator : counts.indicators) {
        bind::Obj o = bind::object();
        o->set("label", std::string(domain::indicatorLabel(indicator.type)));
        o->set("total", std::to_string(indicator.total));
        bind::Arr months = bind::array();
        for (std::size_t m = 0; m < counts.months.size(); ++m) {
            bind::Obj month = bind::object();
            month->set("month", kMonthNames[std::stoi(counts.months[m].substr(5, 2)) - 1]);
            month->set("count", indicator.per_month[m]);
            months->add(month);
        }
        o->set("months", months);
        indicators->add(o);
    }
    data->set("indicators", indicators);
    return data;
}

}  // namespace

KindResult renderJurorExport(const Job& job, const Toolkit& kit) {
    const auto p = jurorExportPayload(job.payload);
    xlsx::JurorExport input;
    input.centre_siret = p.centre.siret;
    input.centre_name = p.centre.name;
    input.as_of = excelDate(p.as_of);
    for (const auto& row : domain::jurorExportRows(p)) input.jurors.push_back(exportedJuror(p, row));
    for (std::size_t t = 0; t < p.titles.size(); ++t)
        input.titles.push_back({p.titles[t].code, p.titles[t].libelle, excelDate(p.titles[t].end_of_life),
                                domain::titleValidityText(p, t)});
    KindResult result;
    result.documents.push_back({"juror_export", "export-jures_" + safeFilePart(p.centre.siret) + "_" + p.as_of.iso() + ".xlsx",
                                kXlsxMime, 0, xlsx::writeJurorExport(input)});
    if (kit.progress) kit.progress(1, 1);
    return result;
}

KindResult renderDashboard(const Job& job, const Toolkit& kit) {
    const auto p = dashboardPayload(job.payload);
    const auto counts = domain::countDashboard(p);
    xlsx::Dashboard book;
    book.profile = std::string(domain::code(p.profile));
    book.perimeter = p.perimeter;
    book.as_of = excelDate(p.as_of);
    for (const auto& m : counts.months) book.months.push_back(monthLabel(m));
    for (const auto& indicator : counts.indicators)
        book.indicators.push_back({std::string(domain::indicatorLabel(indicator.type)), indicator.per_month});
    const std::string base = "tableau-de-bord_" + book.profile + "_" + safeFilePart(p.perimeter) + "_" + p.as_of.iso();
    KindResult result;
    result.documents.push_back({"dashboard_xlsx", base + ".xlsx", kXlsxMime, 0, xlsx::writeDashboard(book)});
    const auto pdf = kit.engine.render("dashboard_summary", dashboardData(p, counts),
                                       pdfMeta("Tableau de bord " + book.profile + " " + p.perimeter, "CERES",
                                               p.as_of.iso(), job.idempotency_key + "/" + base));
    result.documents.push_back(pdfDocument("dashboard_pdf", base + ".pdf", pdf));
    if (kit.progress) kit.progress(1, 1);
    return result;
}

}  // namespace ceres::jobs
