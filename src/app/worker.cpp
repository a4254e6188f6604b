#include "app/worker.h"

#include <condition_variable>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "app/callbacks.h"
#include "files/transient.h"
#include "queue/job_queue.h"
#include "store/store.h"

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
                  bool held = true;
                  try {
                      held = queue.heartbeat(job, lease);
                  } catch (const std::exception&) {
                      // The database does not answer: try again at the next beat. If it stays
                      // away longer than the lease, another worker may take the job over.
                  }
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

// Only the machine's failures are worth another attempt: a refusal, or an internal error that
// the same job would meet again, ends the job at once with its error.
queue::Failure failureKind(const jobs::Outcome& outcome) {
    return outcome.verdict == jobs::Verdict::Failed && outcome.transient ? queue::Failure::Retryable
                                                                          : queue::Failure::Permanent;
}

// One line per attempt on stderr, written at once so that lines of several threads never mix:
// operators (and the black-box tests) read there which worker ran which job and how it ended.
void logAttempt(const std::string& worker_id, const queue::Job& job, const std::string& ended,
                std::chrono::steady_clock::duration took) {
    std::ostringstream line;
    line << "ceres-docs: worker " << worker_id << " job " << job.id << " kind " << job.kind << " attempt "
         << job.attempts << " " << ended << " in "
         << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms\n";
    std::cerr << line.str() << std::flush;
}

}  // namespace

Worker::Worker(queue::JobQueue& queue, store::Store& store, const jobs::Pipeline& pipeline, CallbackNotifier* callbacks,
               WorkerOptions options)
    : queue_(queue), store_(store), pipeline_(pipeline), callbacks_(callbacks), options_(std::move(options)) {}

void Worker::run(const std::atomic<bool>& stop) {
    while (!stop.load()) {
        try {
            if (!runOnce()) queue_.awaitSubmission(options_.id, options_.idle_poll);  // woken by in-process submissions
        } catch (const std::exception& e) {
            std::cerr << ("ceres-docs: worker " + options_.id + ": " + e.what() + "; retrying\n") << std::flush;
            std::this_thread::sleep_for(options_.error_pause);
        }
    }
}

bool Worker::runOnce() {
    const auto job = queue_.claim(options_.id, options_.lease);
    if (!job) return false;
    const auto started = std::chrono::steady_clock::now();
    const std::string ended = execute(*job);
    logAttempt(options_.id, *job, ended, std::chrono::steady_clock::now() - started);
    return true;
}

std::string Worker::execute(const queue::Job& job) {
    constexpr const char* kLeaseLost = "lease-lost";
    jobs::Outcome outcome;
    std::string ended;
    {
        LeaseKeeper keeper(queue_, job, options_.lease);
        outcome = pipeline_.render(job.job_json, [this, &job](int done, int total) {
            try {
                queue_.progress(job, done, total);
            } catch (const std::exception&) {
                // Progress is for people watching; the job goes on while the database is away.
            }
        });
        if (outcome.verdict == jobs::Verdict::Done) {
            try {
                const store::DocumentScope scope{job.id, outcome.perimeter};
                std::vector<std::string> ids;
                for (const auto& d : outcome.documents)
                    ids.push_back(store::DocumentStore::documentId(job.id, d.file_name));
                // Bytes first, invisible; then rows, parchemins and the job's completion at once.
                auto& documents = store_.documents();
                const store::StagedDocuments staged = documents.stage(outcome.documents);
                bool completed = false;
                try {
                    completed = queue_.complete(job, ids, outcome.warnings, [&](Poco::Data::Session& session) {
                        documents.record(session, scope, outcome.documents, staged);
                        store_.parchemins().recordIssued(session, outcome.parchemins);
                        if (outcome.pv_results) store_.parchemins().recordPvResults(session, *outcome.pv_results);
                    });
                } catch (...) {
                    documents.discard(staged);
                    throw;
                }
                if (!completed) documents.discard(staged);
                ended = completed ? "done" : kLeaseLost;
            } catch (const std::exception& e) {
                outcome.verdict = jobs::Verdict::Failed;
                outcome.transient = files::isTransient(e);
                outcome.problems = {{"", "", std::string("storing the documents failed: ") + e.what()}};
            }
        }
        if (outcome.verdict != jobs::Verdict::Done) {
            const auto status = queue_.fail(job, jobs::problemsToJson(outcome.problems), failureKind(outcome));
            ended = status ? std::string(queue::toString(*status)) : kLeaseLost;
        }
    }
    if (callbacks_ && !job.callback_url.empty()) {
        if (const auto final_state = queue_.get(job.id)) callbacks_->notify(*final_state);
    }
    return ended;
}

}  // namespace ceres::app
