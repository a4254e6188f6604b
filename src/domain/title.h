#pragma once
// Titles: prolongation after the end-of-life (R-TIT-1, R-TIT-2), the end-of-life cascade
// (R-TIT-3) and the NSF codes a parchemin needs (R-TIT-4).
#include <cstddef>
#include <string>
#include <vector>

#include "domain/model.h"
#include "domain/outcome.h"

namespace ceres::domain {

// The TP a TP, CCP or CCS code belongs to: TP-01318, CP-01318-1 and CS-01318-2 -> TP-01318.
std::string titleCodeOf(const std::string& code);

// R-TIT-1: 12 months in general (seed 002), 24 months for CFA and CRP centres (seed 003).
inline constexpr int kGeneralProlongationMonths = 12;
inline constexpr int kCfaCrpProlongationMonths = 24;
int prolongationMonths(CentreType type);

enum class TitleValidity { Valid, InProlongation, BeyondProlongation };

// R-TIT-2: valid while D <= end_of_life; in prolongation while
// end_of_life < D <= end_of_life + prolongation (month arithmetic clamped); beyond after.
TitleValidity titleValidityOn(Date end_of_life, int prolongation_months, Date day);
TitleValidity titleValidityOn(const Title& title, CentreType centre_type, Date day);
Date prolongationEnd(const Title& title, CentreType centre_type);

// French summary for listings, e.g. "en prolongation jusqu'au 30/06/2026".
std::string describeTitleValidity(const Title& title, CentreType centre_type, Date day);

// R-TIT-1/2: every day of the session must fall before the end of the prolongation.
Outcome checkTitleOpenForSession(const Title& title, CentreType centre_type, const Session& session);

struct AgrementEndChange {
    std::string agrement_id;
    Date old_end;
    Date new_end;
};

struct HabilitationEndChange {
    std::string juror_id;
    std::size_t habilitation_index;  // in Juror::habilitations
    Date old_end;
    Date new_end;
};

// Everything one end-of-life change moves, to be applied in one transaction.
struct EndOfLifeCascade {
    Date old_end_of_life;
    Date new_end_of_life;
    std::vector<AgrementEndChange> agrements;
    std::vector<HabilitationEndChange> habilitations;
};

// R-TIT-3: agréments on the title and habilitations on the title whose end equals the old
// end-of-life move to the new one; the others keep their dates.
EndOfLifeCascade changeEndOfLife(const Title& title, Date new_end_of_life,
                                 const std::vector<Agrement>& agrements,
                                 const std::vector<Juror>& jurors);

// R-TIT-4: a title without NSF code (or with an empty one) cannot go on a parchemin.
Outcome checkNsfForParchemin(const Title& title);

}  // namespace ceres::domain
