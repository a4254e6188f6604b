// SIGTERM (issue #6): `serve` and `worker` stop taking jobs, finish or release the one in hand,
// and exit 0. On the embedded SQLite setup, so it runs everywhere.
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "harness.h"

namespace ceres::service_test {
namespace {

class ServiceGracefulStop : public ServiceTest {
protected:
    // Submits a big job and returns once a worker is rendering it.
    std::string submitAndWaitUntilRunning(const std::string& token, const std::string& key) {
        const std::string id = submit(token, bigSessionResults(150, key));
        std::string last;
        const bool running = waitUntil(kJobBudget, [&] {
            const auto job = jobStatus(token, id);
            last = jsonText(job);
            return job->getValue<std::string>("status") == "running" &&
                   job->getObject("progress")->getValue<int>("pages_done") > 0;
        });
        if (!running) throw std::runtime_error("job " + id + " never ran: " + last + "\n" + reports());
        return id;
    }

    // After a graceful stop a job is finished (done, on its only attempt) or released (queued,
    // the attempt not counted); never left running for a lease to expire.
    void expectFinishedOrReleased(const std::string& token, const std::string& id) {
        const auto job = jobStatus(token, id);
        const auto status = job->getValue<std::string>("status");
        SCOPED_TRACE(jsonText(job));
        if (status == "done") {
            EXPECT_EQ(job->getValue<int>("attempts"), 1);
            EXPECT_GT(job->getArray("documents")->size(), 0u);
        } else {
            EXPECT_EQ(status, "queued");
            EXPECT_EQ(job->getValue<int>("attempts"), 0);
        }
    }

    static void expectCleanExit(CeresProcess& process) {
        const auto status = process.waitForExit(kStopBudget);
        ASSERT_TRUE(status) << process.name() << " still runs " << kStopBudget.count() << " ms after SIGTERM";
        EXPECT_TRUE(status->exited && status->code == 0) << process.name() << ": " << status->describe();
    }
};

TEST_F(ServiceGracefulStop, ServeAndWorkerExitZeroLeavingNoJobRunning) {
    const std::string token = serviceToken();

    // `serve` with its in-process worker, stopped in the middle of a job.
    CeresProcess& serve = startServe("serve-1", 1);
    const std::string first = submitAndWaitUntilRunning(token, "service-test/stop/serve");
    serve.signal(SIGTERM);
    expectCleanExit(serve);
    EXPECT_NE(serve.err().find("job " + first), std::string::npos) << "the job in hand was ended before exiting";

    // A `worker` process, stopped in the middle of a job; a worker-less `serve` to look.
    CeresProcess& api = startServe("serve-2", 0);
    expectFinishedOrReleased(token, first);
    CeresProcess& worker = startWorker("worker");
    const std::string second = submitAndWaitUntilRunning(token, "service-test/stop/worker");
    worker.signal(SIGTERM);
    expectCleanExit(worker);
    EXPECT_NE(worker.err().find("job " + second), std::string::npos) << "the job in hand was ended before exiting";
    expectFinishedOrReleased(token, second);
    api.signal(SIGTERM);
    expectCleanExit(api);
}

// A worker killed while spooling a print batch leaves its file in var/spool. The next process
// to start removes it, and keeps the files that a live process still holds (files/held_files.h).
TEST_F(ServiceGracefulStop, AStartingWorkerRemovesTheSpoolFilesLeftByKilledOnes) {
    const fs::path spool = dir() / "var" / "spool";
    fs::create_directories(spool);
    const fs::path left = spool / "spool-Ab12Cd";
    std::ofstream(left, std::ios::binary) << std::string(4096, 'x');
    const fs::path held = spool / "spool-Ef34Gh";
    std::ofstream(held, std::ios::binary) << "%PDF-1.7 being written";
    const int fd = ::open(held.c_str(), O_RDONLY | O_CLOEXEC);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::flock(fd, LOCK_SH), 0);

    CeresProcess& worker = startWorker("worker");
    EXPECT_NE(worker.err().find("removed 1 spool file(s) left by interrupted jobs (4096 bytes)"), std::string::npos)
        << worker.report();
    EXPECT_FALSE(fs::exists(left));
    EXPECT_TRUE(fs::exists(held));
    ::close(fd);
    worker.signal(SIGTERM);
    expectCleanExit(worker);
}

}  // namespace
}  // namespace ceres::service_test
