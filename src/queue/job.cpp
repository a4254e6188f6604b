#include "queue/job.h"

#include <array>
#include <utility>

namespace ceres::queue {
namespace {

constexpr std::array<std::pair<JobStatus, std::string_view>, 5> kNames = {{
    {JobStatus::Queued, "queued"},
    {JobStatus::Running, "running"},
    {JobStatus::Done, "done"},
    {JobStatus::Failed, "failed"},
    {JobStatus::Dead, "dead"},
}};

}  // namespace

std::string_view toString(JobStatus status) {
    for (const auto& [value, name] : kNames) {
        if (value == status) return name;
    }
    return "unknown";
}

std::optional<JobStatus> parseJobStatus(std::string_view text) {
    for (const auto& [value, name] : kNames) {
        if (name == text) return value;
    }
    return std::nullopt;
}

}  // namespace ceres::queue
