#pragma once
// A job's status, as the queue keeps it and the API shows it (CONTRACT.md spells them queued,
// running, done, failed, dead).
#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace ceres::queue {

// queued → running → done; running → queued (retry or release), failed (never retried) or
// dead (retries or lease losses exhausted).
enum class JobStatus { Queued, Running, Done, Failed, Dead };

inline constexpr std::array<std::pair<JobStatus, std::string_view>, 5> kJobStatusNames = {{
    {JobStatus::Queued, "queued"},
    {JobStatus::Running, "running"},
    {JobStatus::Done, "done"},
    {JobStatus::Failed, "failed"},
    {JobStatus::Dead, "dead"},
}};

constexpr std::string_view toString(JobStatus status) {
    for (const auto& [value, name] : kJobStatusNames)
        if (value == status) return name;
    return "unknown";
}

constexpr std::optional<JobStatus> parseJobStatus(std::string_view text) {
    for (const auto& [value, name] : kJobStatusNames)
        if (name == text) return value;
    return std::nullopt;
}

}  // namespace ceres::queue
