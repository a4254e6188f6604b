#pragma once
// What the PVs and parchemins must carry: the title (R-DOC-1), the place of issue (R-DOC-3),
// absences, fraud reports and signatures (R-DOC-6), withdrawals (R-DOC-7).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.h"
#include "domain/outcome.h"

namespace ceres::domain {

// R-DOC-1: every PV shows the TP's code and libellé, e.g. "TP-01318 - Employé administratif…".
std::string pvTitleLine(const Title& title);
Outcome checkTitleIdentified(const Title& title);

// R-DOC-3: the parchemin's place of issue is the UD's commune.
std::string placeOfIssue(const Ud& ud);
Outcome checkPlaceOfIssue(const Ud& ud);

struct PvAbsence {
    std::size_t candidate_index;
    bool whole_session = false;            // decision ABSENT
    std::vector<std::string> absent_units;  // unit codes with result ABSENT
};

struct PvFraudReport {
    std::size_t candidate_index;
    std::string text;
};

// R-DOC-6: the data of a PV besides the results.
struct PvRecord {
    std::vector<PvAbsence> absences;
    std::vector<PvFraudReport> fraud_reports;
    std::vector<std::string> signatory_juror_ids;     // one signature place each, jury order
    std::optional<std::string> registration_number;  // numéro d'ordre, filled by the UD
};
PvRecord pvRecord(const Session& session, const std::vector<Juror>& jury,
                  const std::vector<Candidate>& candidates);

// R-DOC-7: a parchemin withdrawn (retrait, e.g. after a fraud) by the UD of its perimeter, on
// `date` for `reason`. A withdrawal is recorded, never deleted.
struct Withdrawal {
    Date date;
    std::string reason;
};

// R-DOC-7: a withdrawn parchemin is never reprinted nor put in a print batch; `withdrawal` is the
// parchemin's withdrawal, if any. The refusal's subject is empty: the caller names the parchemin.
Outcome checkMayReissue(const std::optional<Withdrawal>& withdrawal);

}  // namespace ceres::domain
