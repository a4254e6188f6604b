#pragma once
// Agrément suspension (R-AGR-1) and restoration (R-AGR-2), as status changes of its sessions.
#include <string>
#include <vector>

#include "domain/model.h"

namespace ceres::domain {

struct SessionStatusChange {
    std::string session_id;
    SessionStatus from;
    SessionStatus to;
};

// R-AGR-1: sessions not ended on `decision_day` (end >= decision_day) that are neither
// validated, cancelled nor already suspended go to SUSPENDUE; `from` is the status to keep in
// Session::status_before_suspension. Ended sessions keep their status.
std::vector<SessionStatusChange> suspendAgrement(const std::vector<Session>& sessions, Date decision_day);

// R-AGR-2: for each session suspended by R-AGR-1 (status SUSPENDUE with a status kept):
// start <= D <= end -> ANNULEE; D < start -> its status before suspension; end < D -> unchanged.
std::vector<SessionStatusChange> restoreAgrement(const std::vector<Session>& sessions, Date decision_day);

}  // namespace ceres::domain
