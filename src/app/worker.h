#pragma once
// A queue worker: claims jobs, runs them through the pipeline, stores the documents, reports.
// What an attempt stores becomes visible whole when the job completes, or not at all.
#include <atomic>
#include <chrono>
#include <string>

#include "jobs/pipeline.h"

namespace ceres::queue { class JobQueue; struct Job; }
namespace ceres::store { class Store; }

namespace ceres::app {

class CallbackNotifier;

struct WorkerOptions {
    std::string id;                                  // unique per worker thread and process
    std::chrono::milliseconds lease{30'000};         // renewed while the job runs
    std::chrono::milliseconds idle_poll{50};         // pause when the queue is empty
    std::chrono::milliseconds error_pause{1'000};    // pause after the queue itself failed (database down)
};

class Worker {
public:
    // The store takes each attempt's documents and parchemins, with the job's completion.
    Worker(queue::JobQueue& queue, store::Store& store, const jobs::Pipeline& pipeline, CallbackNotifier* callbacks,
           WorkerOptions options);

    // Runs until `stop` is set; the job in hand when it is set is finished first. A failing
    // database is logged and retried, never fatal: the lease gives an interrupted job back.
    void run(const std::atomic<bool>& stop);
    // Claims and runs at most one job; false when none was due.
    bool runOnce();

private:
    // The state the job was left in: done, queued (retry), failed, dead, or lease lost.
    std::string execute(const queue::Job& job);

    queue::JobQueue& queue_;
    store::Store& store_;
    const jobs::Pipeline& pipeline_;
    CallbackNotifier* callbacks_;
    WorkerOptions options_;
};

}  // namespace ceres::app
