#pragma once
// The signed list of withdrawn parchemins (R-DOC-7) that offline verifiers check a code against:
// a parchemin's own code cannot say it was withdrawn after it was printed.
//
// JSON: {"format":"ceres-withdrawals/1","authority":"CE00","key_id":"K001",
//        "issued_at":"2026-12-02T07:30:00Z",
//        "withdrawn":[{"unique_number":…,"withdrawn_on":…,"reason":…}],
//        "signature":"<103 Base32 characters>"}
// `reason` is there only when the withdrawal's reason is public. The signature (the seal key's,
// as on parchemins) covers the format, authority, key id, issue time and every entry in order
// (number, date, reason or nothing), joined with US (0x1F) between fields and RS (0x1E) after
// each record; the format name comes first, so signed list bytes never read as a parchemin code.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seal/sealer.h"
#include "seal/verifier.h"

namespace ceres::seal {

struct WithdrawnNumber {
    std::string unique_number;
    std::string withdrawn_on;  // YYYY-MM-DD
    std::string reason;        // the public reason; empty when the reason is not public
};

struct WithdrawalList {
    std::string key_id;
    std::string issued_at;  // YYYY-MM-DDTHH:MM:SSZ (UTC): how fresh the list is
    std::vector<WithdrawnNumber> withdrawn;

    // The entry for `unique_number`, if it was withdrawn.
    std::optional<WithdrawnNumber> find(std::string_view unique_number) const;
};

// The JSON text above, signed by `sealer` (whose key id it carries).
std::string signWithdrawalList(const Sealer& sealer, const std::string& issued_at,
                               const std::vector<WithdrawnNumber>& withdrawn);

struct ListVerification {
    bool valid = false;
    std::string reason;   // why not, when not valid
    WithdrawalList list;  // only when valid
};

// Reads and checks a list against the verifier's key set: its shape, its dates (an issue time
// written YYYY-MM-DDTHH:MM:SSZ, days that exist) and its signature.
ListVerification verifyWithdrawalList(const Verifier& verifier, std::string_view json_text);

// The issue time of a list as a clock reading; nothing when it is not YYYY-MM-DDTHH:MM:SSZ.
std::optional<std::chrono::system_clock::time_point> issueTimeOf(std::string_view issued_at);

// Why a verified list cannot be relied on at `now`: dated more than `skew` after `now` (not a
// list the service issued), or issued more than `max_age` before it (withdrawals recorded since
// are missing). Empty when it can.
std::string freshnessProblem(const WithdrawalList& list, std::chrono::system_clock::time_point now,
                             std::chrono::seconds max_age, std::chrono::seconds skew = std::chrono::minutes(5));

}  // namespace ceres::seal
