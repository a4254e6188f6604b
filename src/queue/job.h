#pragma once
// A job as the queue keeps it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"
#include "queue/job_status.h"
#include "store/config.h"

namespace ceres::queue {

using store::TimePoint;

using RequestedBy = domain::Requester;  // the submitter's verified token

struct JobRequest {
    std::string kind;
    std::string job_json;         // the whole job envelope, as submitted
    std::string idempotency_key;  // empty: none
    RequestedBy requested_by;
    std::string callback_url;
};

struct Job {
    std::string id;
    std::string kind;
    std::string job_json;
    std::string idempotency_key;
    RequestedBy requested_by;
    std::string callback_url;
    JobStatus status = JobStatus::Queued;
    int attempts = 0;  // runs started, less those released or cut short by a lost lease
    int max_attempts = 0;
    int lease_losses = 0;  // runs whose worker stopped renewing the lease (killed, frozen, cut off)
    int max_lease_losses = 0;
    std::string last_error;  // {"errors":[…]} of the last failure, empty if none
    std::string lease_owner;  // worker id while running
    TimePoint lease_expires_at;
    TimePoint next_run_at;
    int pages_done = 0;
    int pages_total = 0;
    std::vector<std::string> document_ids;
    std::vector<std::string> warnings;  // of the attempt that completed the job
    TimePoint created_at;
    TimePoint updated_at;
};

}  // namespace ceres::queue
