#pragma once
// The documents of one job made on several threads, handed back in the job's order.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "jobs/pipeline.h"

namespace ceres::jobs {

// The threads a job's documents are rendered on: the setting, or the machine's cores for 0.
inline unsigned renderThreads(unsigned setting) {
    if (setting > 0) return setting;
    return std::max(1u, std::thread::hardware_concurrency());
}

// make(i) for every i below `count`, on up to `threads` threads (the calling one among them),
// each result at its index: the output does not depend on the threads. When some make(i) throw,
// the others still end and the exception of the smallest such i is rethrown, so a failing job
// fails with the same error whatever the threads did.
template <typename T, typename Make>
std::vector<T> inOrder(std::size_t count, unsigned threads, Make make) {
    std::vector<std::optional<T>> made(count);
    std::vector<std::exception_ptr> failed(count);
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    auto work = [&] {
        for (std::size_t i; !stop && (i = next.fetch_add(1)) < count;) {
            try {
                made[i].emplace(make(i));
            } catch (...) {
                failed[i] = std::current_exception();
                stop = true;
            }
        }
    };
    const std::size_t helpers = std::min<std::size_t>(threads > 0 ? threads - 1 : 0, count > 0 ? count - 1 : 0);
    std::vector<std::thread> pool;
    pool.reserve(helpers);
    for (std::size_t t = 0; t < helpers; ++t) pool.emplace_back(work);
    work();
    for (std::thread& thread : pool) thread.join();
    for (const std::exception_ptr& failure : failed)
        if (failure) std::rethrow_exception(failure);
    std::vector<T> out;
    out.reserve(count);
    for (std::optional<T>& one : made) out.push_back(std::move(*one));
    return out;
}

// Progress of documents made on several threads: counts go up one by one, reported under a lock.
class DocumentProgress {
public:
    DocumentProgress(const ProgressFn& report, int total) : report_(report), total_(total) {}
    void documentDone() {
        if (!report_) return;
        std::lock_guard<std::mutex> lock(mutex_);
        report_(++done_, total_);
    }

private:
    const ProgressFn& report_;
    const int total_;
    int done_ = 0;
    std::mutex mutex_;
};

}  // namespace ceres::jobs
