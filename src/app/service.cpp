#include "app/service.h"

#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include "app/backend.h"
#include "app/callbacks.h"
#include "app/worker.h"
#include "http/server.h"
#include "store/store.h"

namespace ceres::app {
namespace {

// Blocks the termination signals in every thread, then waits for one in the calling thread.
class TerminationSignal {
public:
    TerminationSignal() {
        sigemptyset(&set_);
        sigaddset(&set_, SIGTERM);
        sigaddset(&set_, SIGINT);
        pthread_sigmask(SIG_BLOCK, &set_, nullptr);
    }
    int wait() const {
        int signal = 0;
        sigwait(&set_, &signal);
        return signal;
    }

private:
    sigset_t set_;
};

class WorkerPool {
public:
    WorkerPool(Runtime& runtime, CallbackNotifier& callbacks, int count) {
        // The process id in the worker id lets an operator find the process holding a job.
        const std::string prefix = hostName() + ":" + std::to_string(::getpid()) + ":";
        for (int i = 0; i < count; ++i) {
            WorkerOptions options;
            options.id = prefix + std::to_string(i);
            options.lease = std::chrono::seconds(runtime.config().lease_seconds);
            workers_.push_back(std::make_unique<Worker>(runtime.queue(), runtime.store(),
                                                        runtime.pipeline(), &callbacks, std::move(options)));
        }
        for (auto& w : workers_) threads_.emplace_back([this, &w] { w->run(stop_); });
    }
    ~WorkerPool() {
        stop_ = true;
        for (auto& t : threads_) t.join();
    }

private:
    static std::string hostName() {
        char name[256] = {};
        ::gethostname(name, sizeof name - 1);
        return name;
    }

    std::atomic<bool> stop_{false};
    std::vector<std::unique_ptr<Worker>> workers_;
    std::vector<std::thread> threads_;
};

// Every open connection takes a descriptor: `serve` may use as many as the hard limit allows.
void raiseOpenFileLimit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
}

}  // namespace

int runWorkers(Runtime& runtime, int count) {
    TerminationSignal termination;
    CallbackNotifier callbacks;
    {
        WorkerPool pool(runtime, callbacks, count);
        std::cerr << "ceres-docs: " << count << " worker(s) running; SIGTERM stops them\n";
        termination.wait();
        std::cerr << "ceres-docs: stopping, finishing the jobs in hand\n";
    }
    return 0;
}

int runServer(Runtime& runtime, int port) {
    TerminationSignal termination;
    CallbackNotifier callbacks;
    raiseOpenFileLimit();
    ServiceBackend backend(runtime);
    http::ServerOptions options = httpOptions(runtime.config());
    options.port = port;
    http::Server server(backend, options);
    server.start();
    {
        WorkerPool pool(runtime, callbacks, runtime.config().workers);
        std::cout << "ceres-docs: listening on http://127.0.0.1:" << server.port() << " with "
                  << runtime.config().workers << " worker(s)" << std::endl;
        termination.wait();
        std::cerr << "ceres-docs: stopping\n";
        server.stop();
    }
    return 0;
}

}  // namespace ceres::app
