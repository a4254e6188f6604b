#include "domain/juror_export.h"

#include "domain/title.h"

namespace ceres::domain {

std::optional<std::size_t> titleIndexOf(const std::vector<Title>& titles, const std::string& code) {
    const std::string title_code = titleCodeOf(code);
    for (std::size_t i = 0; i < titles.size(); ++i) {
        if (titles[i].code == title_code) return i;
    }
    return std::nullopt;
}

bool hasContact(const Juror& juror) {
    const auto filled = [](const std::optional<std::string>& text) { return text && !text->empty(); };
    return filled(juror.email) || filled(juror.phone_pro) || filled(juror.phone_personal) ||
           juror.address.has_value();
}

JurorExportRow jurorExportRow(const JurorExportPayload& payload, std::size_t juror_index) {
    const Juror& juror = payload.jurors.at(juror_index);
    JurorExportRow row{juror_index, {}, hasContact(juror)};
    for (std::size_t h = 0; h < juror.habilitations.size(); ++h) {
        const Habilitation& habilitation = juror.habilitations[h];
        const std::optional<std::size_t> title = titleIndexOf(payload.titles, habilitation.on);
        JurorEligibility eligibility =
            title ? habilitationEligibility(habilitation, payload.titles[*title], payload.as_of)
                  : JurorEligibility{Eligibility::NotConvocable, false,
                                     "non convocable : titre absent de l'export"};
        const bool listed = title && listedInSearch(eligibility, payload.titles[*title], payload.as_of);
        row.habilitations.push_back({h, title, std::move(eligibility), listed});
    }
    return row;
}

std::vector<JurorExportRow> jurorExportRows(const JurorExportPayload& payload) {
    std::vector<JurorExportRow> rows;
    rows.reserve(payload.jurors.size());
    for (std::size_t j = 0; j < payload.jurors.size(); ++j)
        rows.push_back(jurorExportRow(payload, j));
    return rows;
}

std::string searchFact(const JurorExportHabilitation& habilitation) {
    return habilitation.listed_in_search ? "Apparaît dans la recherche des jurés habilités"
                                         : "N'apparaît pas dans la recherche des jurés habilités";
}

std::string sittingFact(const JurorExportHabilitation& habilitation, Date as_of) {
    return (habilitation.eligibility.convocable ? "Peut siéger le " : "Ne peut pas siéger le ") + as_of.french();
}

std::string titleValidityText(const JurorExportPayload& payload, std::size_t title_index) {
    return describeTitleValidity(payload.titles.at(title_index), payload.centre.type, payload.as_of);
}

}  // namespace ceres::domain
