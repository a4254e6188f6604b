#include <type_traits>

#include "jobs/kinds.h"

namespace ceres::jobs {

// Session kinds: their UD, region and centre; a print batch its UD; a juror export its centre; a
// dashboard the perimeter of the profile it is for.
Perimeter perimeterOf(const Job& job) {
    return std::visit(
        [](const auto& p) {
            using T = std::decay_t<decltype(p)>;
            Perimeter out;
            if constexpr (std::is_base_of_v<domain::SessionPayload, T>) {
                out = {p.ud.code, p.ud.region, p.centre.siret};
            } else if constexpr (std::is_same_v<T, domain::PrintBatchPayload>) {
                out.ud_code = p.ud;
            } else if constexpr (std::is_same_v<T, domain::JurorExportPayload>) {
                out.siret = p.centre.siret;
            } else {
                static_assert(std::is_same_v<T, domain::DashboardPayload>);
                using domain::Profile;
                if (p.profile == Profile::Ud || (p.profile == Profile::Acc && p.perimeter != "FR" && p.perimeter.size() <= 3))
                    out.ud_code = p.perimeter;
                if (p.profile == Profile::Direccte) out.region = p.perimeter;
                if (p.profile == Profile::Centre) out.siret = p.perimeter;
            }
            return out;
        },
        job.payload);
}

}  // namespace ceres::jobs
