#include "app/worker.h"

#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/callbacks.h"
#include "queue/job_queue.h"
#include "store/document_store.h"

namespace ceres::app {
namespace {

// Renews a job's lease in the background while the pipeline works on it, so a long render is
// not mistaken for a dead worker; a killed process stops renewing and loses the job.
class LeaseKeeper {
public:
    LeaseKeeper(queue::JobQueue& queue, const queue::Job& job, std::chrono::milliseconds lease)
        : thread_([this, &queue, &job, lease] {
              std::unique_lock<std::mutex> lock(mutex_);
              while (!done_) {
                  if (wake_.wait_for(lock, lease / 3, [this] { return done_; })) break;
                  lock.unlock();
                  const bool held = queue.heartbeat(job, lease);
                  lock.lock();
                  if (!held) break;
              }
          }) {}
    ~LeaseKeeper() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            done_ = true;
        }
        wake_.notify_all();
        thread_.join();
    }

private:
    std::mutex mutex_;
    std::condition_variable wake_;
    bool done_ = false;
    std::thread thread_;
};

queue::Failure failureKind(jobs::Verdict verdict) {
    return verdict == jobs::Verdict::Failed ? queue::Failure::Retryable : queue::Failure::Permanent;
}

}  // namespace

Worker::Worker(queue::JobQueue& queue, store::DocumentStore& documents, const jobs::Pipeline& pipeline,
               CallbackNotifier* callbacks, WorkerOptions options)
    : queue_(queue), documents_(documents), pipeline_(pipeline), callbacks_(callbacks), options_(std::move(options)) {}

void Worker::run(const std::atomic<bool>& stop) {
    while (!stop.load()) {
        if (!runOnce()) std::this_thread::sleep_for(options_.idle_poll);
    }
}

bool Worker::runOnce() {
    const auto job = queue_.claim(options_.id, options_.lease);
    if (!job) return false;
    execute(*job);
    return true;
}

void Worker::execute(const queue::Job& job) {
    jobs::Outcome outcome;
    {
        LeaseKeeper keeper(queue_, job, options_.lease);
        outcome = pipeline_.render(job.job_json, [this, &job](int done, int total) { queue_.progress(job, done, total); });
        if (outcome.verdict == jobs::Verdict::Done) {
            try {
                const store::DocumentScope scope{job.id, outcome.perimeter.ud_code, outcome.perimeter.region,
                                                 outcome.perimeter.siret};
                std::vector<std::string> ids;
                for (const auto& info : documents_.save(scope, outcome.documents)) ids.push_back(info.id);
                queue_.complete(job, ids);
            } catch (const std::exception& e) {
                outcome.verdict = jobs::Verdict::Failed;
                outcome.problems = {{"", "", std::string("storing the documents failed: ") + e.what()}};
            }
        }
        if (outcome.verdict != jobs::Verdict::Done)
            queue_.fail(job, jobs::problemsToJson(outcome.problems), failureKind(outcome.verdict));
    }
    if (callbacks_ && !job.callback_url.empty()) {
        if (const auto final_state = queue_.get(job.id)) callbacks_->notify(*final_state);
    }
}

}  // namespace ceres::app
