#include "domain/agrement.h"

namespace ceres::domain {
namespace {

bool keepsStatusOnSuspension(const Session& s, Date decision_day) {
    return s.end < decision_day || s.status == SessionStatus::Terminee ||
           s.status == SessionStatus::Validee || s.status == SessionStatus::Annulee ||
           s.status == SessionStatus::Suspendue;
}

}  // namespace

std::vector<SessionStatusChange> suspendAgrement(const std::vector<Session>& sessions, Date decision_day) {
    std::vector<SessionStatusChange> changes;
    for (const Session& s : sessions) {
        if (!keepsStatusOnSuspension(s, decision_day)) {
            changes.push_back({s.id, s.status, SessionStatus::Suspendue});
        }
    }
    return changes;
}

std::vector<SessionStatusChange> restoreAgrement(const std::vector<Session>& sessions, Date decision_day) {
    std::vector<SessionStatusChange> changes;
    for (const Session& s : sessions) {
        if (s.status != SessionStatus::Suspendue || !s.status_before_suspension) continue;
        if (decision_day < s.start) {
            changes.push_back({s.id, s.status, *s.status_before_suspension});
        } else if (decision_day <= s.end) {
            changes.push_back({s.id, s.status, SessionStatus::Annulee});
        }
    }
    return changes;
}

}  // namespace ceres::domain
