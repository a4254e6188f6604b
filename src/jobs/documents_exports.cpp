// Juror export (R-DOC-4, R-HAB-7/8) and dashboards (R-DOC-5).
#include <algorithm>
#include <optional>

#include "domain/codes.h"
#include "domain/dashboard.h"
#include "domain/juror_export.h"
#include "domain/territories.h"
#include "jobs/bind.h"
#include "jobs/kinds.h"
#include "jobs/payload.h"
#include "jobs/pdf_document.h"
#include "xlsx/dashboard.h"
#include "xlsx/juror_export.h"

namespace ceres::jobs {
namespace {

// An habilitation's state as a centre reads it.
std::string stateInWords(domain::HabilitationState state) {
    switch (state) {
        case domain::HabilitationState::Brouillon: return "Brouillon";
        case domain::HabilitationState::Active: return "Active";
        case domain::HabilitationState::Suspendue: return "Suspendue";
        case domain::HabilitationState::Expiree: return "Expirée";
        case domain::HabilitationState::Supprimee: return "Supprimée";
    }
    return std::string(domain::code(state));
}

// "alignée sur la fin de vie du titre (R-HAB-7)" -> the words, and the rule id in a column of its
// own; a reason without a rule id stays whole.
void splitReason(const std::string& reason, std::string& words, std::string& rule) {
    const auto open = reason.rfind(" (R-");
    if (open == std::string::npos || reason.empty() || reason.back() != ')') {
        words = reason;
        return;
    }
    words = reason.substr(0, open);
    rule = reason.substr(open + 2, reason.size() - open - 3);
}

// The perimeter of a dashboard as a reader names it: "Gironde (33)", "Nouvelle-Aquitaine (75)",
// "France entière", a centre by its grouped SIRET. An ACC's two-digit perimeter may be a region
// or a department: it stays a code.
std::string perimeterInWords(domain::Profile profile, const std::string& perimeter) {
    if (perimeter == "FR") return "France entière";
    std::optional<std::string_view> name;
    if (profile == domain::Profile::Ud || (profile == domain::Profile::Acc && perimeter.size() == 3) ||
        (profile == domain::Profile::Acc && (perimeter == "2A" || perimeter == "2B")))
        name = domain::departmentName(perimeter);
    else if (profile == domain::Profile::Direccte)
        name = domain::regionName(perimeter);
    else if (profile == domain::Profile::Centre && perimeter.size() == 14)
        return "centre " + perimeter.substr(0, 3) + "\u202f" + perimeter.substr(3, 3) + "\u202f" +
               perimeter.substr(6, 3) + "\u202f" + perimeter.substr(9);
    if (!name) return perimeter;
    return std::string(*name) + " (" + perimeter + ")";
}

// The export's rows, made from the payload when the writer asks for them: one juror's
// eligibility is computed and held at a time, never a second copy of every juror.
class PayloadJurorRows {
public:
    explicit PayloadJurorRows(const domain::JurorExportPayload& payload) : p_(payload) {}

    bool next(xlsx::JurorRow& row) {
        const bool juror_done =
            !juror_ || next_habilitation_ >= std::max<std::size_t>(1, juror_->habilitations.size());
        if (juror_done) {
            if (next_juror_ == p_.jurors.size()) return false;
            juror_ = domain::jurorExportRow(p_, next_juror_++);
            next_habilitation_ = 0;
        }
        const domain::Juror& juror = p_.jurors[juror_->juror_index];
        fillContacts(juror, row);
        if (!juror_->habilitations.empty())
            fillHabilitation(juror, juror_->habilitations[next_habilitation_], row);
        ++next_habilitation_;
        return true;
    }

private:
    static void fillContacts(const domain::Juror& j, xlsx::JurorRow& row) {
        row.last_name = j.last_name;
        row.first_names = j.first_name;
        row.email = j.email.value_or("");
        row.phone_pro = j.phone_pro.value_or("");
        row.phone_personal = j.phone_personal.value_or("");
        if (j.address) {
            row.address_line = j.address->line1;
            row.postal_code = j.address->postal_code;
            row.commune = j.address->commune;
        }
    }

    void fillHabilitation(const domain::Juror& j, const domain::JurorExportHabilitation& h,
                          xlsx::JurorRow& row) const {
        const domain::Habilitation& hab = j.habilitations[h.habilitation_index];
        row.title_code = hab.on;
        if (h.title_index) row.title_libelle = p_.titles[*h.title_index].libelle;
        row.state = stateInWords(hab.state);
        row.start = hab.start;
        row.end = hab.end;
        row.convocable = h.eligibility.convocable;
        splitReason(h.eligibility.reason, row.reason, row.rule);
    }

    const domain::JurorExportPayload& p_;
    std::size_t next_juror_ = 0;
    std::optional<domain::JurorExportRow> juror_;  // the juror whose rows are being written
    std::size_t next_habilitation_ = 0;            // a juror without habilitation has one row
};

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
    data->set("perimeter", perimeterInWords(p.profile, p.perimeter));
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
            month->set("month", monthLabel(counts.months[m]));
            // Under its bar, the month on one line and its year on the next: "nov." / "2025".
            std::string lines = monthLabel(counts.months[m]);
            month->set("month_lines", lines.replace(lines.rfind(' '), 1, "\n"));
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
    const auto& p = payloadAs<domain::JurorExportPayload>(job);
    xlsx::JurorExport input;
    input.centre_siret = p.centre.siret;
    input.centre_name = p.centre.name;
    input.as_of = p.as_of;
    for (std::size_t t = 0; t < p.titles.size(); ++t)
        input.titles.push_back({p.titles[t].code, p.titles[t].libelle, p.titles[t].end_of_life,
                                domain::titleValidityText(p, t)});
    PayloadJurorRows rows(p);
    KindResult result;
    result.documents.push_back(
        fileDocument("juror_export", "export-jures_" + safeFilePart(p.centre.siret) + "_" + p.as_of.iso() + ".xlsx",
                     kXlsxMime, xlsx::writeJurorExport(input, [&rows](xlsx::JurorRow& row) { return rows.next(row); })));
    if (kit.progress) kit.progress(1, 1);
    return result;
}

KindResult renderDashboard(const Job& job, const Toolkit& kit) {
    const auto& p = payloadAs<domain::DashboardPayload>(job);
    const auto counts = domain::countDashboard(p);
    xlsx::Dashboard book;
    book.profile = std::string(domain::code(p.profile));
    book.perimeter = perimeterInWords(p.profile, p.perimeter);
    book.as_of = p.as_of;
    for (const auto& m : counts.months) book.months.push_back(*domain::Date::parse(m + "-01"));
    for (const auto& indicator : counts.indicators)
        book.indicators.push_back({std::string(domain::indicatorLabel(indicator.type)), indicator.per_month});
    const std::string base = "tableau-de-bord_" + book.profile + "_" + safeFilePart(p.perimeter) + "_" + p.as_of.iso();
    KindResult result;
    result.documents.push_back(fileDocument("dashboard_xlsx", base + ".xlsx", kXlsxMime, xlsx::writeDashboard(book)));
    const auto pdf = kit.engine.render("dashboard_summary", dashboardData(p, counts),
                                       pdfMeta("Tableau de bord " + book.profile + " " + p.perimeter, "CERES",
                                               p.as_of.iso(), job.idempotency_key + "/" + base));
    result.documents.push_back(pdfDocument("dashboard_pdf", base + ".pdf", pdf));
    if (kit.progress) kit.progress(1, 1);
    return result;
}

}  // namespace ceres::jobs
