#pragma once
// POSTs a job's final status to its callback_url, in the background, retrying with backoff a
// bounded number of times.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace ceres::queue { struct Job; }

namespace ceres::app {

struct CallbackPolicy {
    int attempts = 4;
    std::chrono::milliseconds first_delay{500};  // doubled after each failed attempt
    std::chrono::milliseconds timeout{5'000};
};

class CallbackNotifier {
public:
    explicit CallbackNotifier(CallbackPolicy policy = {});
    ~CallbackNotifier();  // delivers what is pending, then stops

    // Only final states (done, failed, dead) are sent.
    void notify(const queue::Job& job);

    // {"id","status","attempts","errors","documents"} as sent.
    static std::string body(const queue::Job& job);

private:
    struct Delivery {
        std::string url;
        std::string body;
    };
    void loop();
    bool deliverOnce(const Delivery& d) const;

    CallbackPolicy policy_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Delivery> pending_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace ceres::app
