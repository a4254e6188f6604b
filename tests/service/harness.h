#pragma once
// Black-box harness: the real `ceres-docs` binary run as child processes, its HTTP API called
// on loopback, and for the PostgreSQL tests a database of their own on the cluster named by
// CERES_TEST_PG_URL (scripts/test.sh starts one). Every wait has a deadline and says what it
// was waiting for; every child is killed when its test ends.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <Poco/Crypto/ECKey.h>
#include <Poco/Data/Session.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

namespace ceres::service_test {

namespace fs = std::filesystem;
using Env = std::map<std::string, std::string>;
using Millis = std::chrono::milliseconds;

// Budgets: generous for a loaded 2-core machine, short enough to fail a hung test quickly.
constexpr Millis kStartBudget{30'000};
constexpr Millis kJobBudget{60'000};
constexpr Millis kStopBudget{30'000};

// Polls `condition` until it holds or `budget` runs out (then false).
bool waitUntil(Millis budget, const std::function<bool()>& condition, Millis step = Millis{20});

struct ExitStatus {
    bool exited = false;  // false: killed by `signal`
    int code = 0;
    int signal = 0;
    std::string describe() const;
};

// One `ceres-docs` command (or `program`, e.g. a browser driver) running in `work_dir`, with
// stdout and stderr in files there (NAME.out, NAME.err). The environment is the test's own plus
// `env`; inherited CERES_* variables are dropped so that a developer's shell cannot change what
// is tested.
class CeresProcess {
public:
    CeresProcess(std::string name, const std::vector<std::string>& args, const Env& env, const fs::path& work_dir,
                 const std::string& program = CERES_BINARY);
    ~CeresProcess();  // SIGKILL if still running, then reaped
    CeresProcess(const CeresProcess&) = delete;
    CeresProcess& operator=(const CeresProcess&) = delete;

    const std::string& name() const { return name_; }
    pid_t pid() const { return pid_; }
    void signal(int signal_number) const;
    bool running();
    // The exit status, or nothing when it still runs after `budget`.
    std::optional<ExitStatus> waitForExit(Millis budget);
    std::string out() const;
    std::string err() const;
    // Until stdout or stderr holds `text`; false when the process ended or the budget ran out.
    bool waitForOutput(const std::string& text, Millis budget);
    // What to print when something about this process went wrong.
    std::string report() const;

private:
    std::string name_;
    fs::path out_path_;
    fs::path err_path_;
    pid_t pid_ = -1;
    std::optional<ExitStatus> exit_;
};

// A database of its own on the test cluster, dropped at the end (connections forced out).
class PostgresDatabase {
public:
    static std::optional<std::string> clusterUrl();  // CERES_TEST_PG_URL, if set
    PostgresDatabase();
    ~PostgresDatabase();
    PostgresDatabase(const PostgresDatabase&) = delete;
    PostgresDatabase& operator=(const PostgresDatabase&) = delete;

    const std::string& url() const { return url_; }  // for CERES_DATABASE_URL
    Poco::Data::Session session() const;
    // An outage as clients see it: with false, every session to the database is ended and new
    // ones are refused; with true, they are accepted again.
    void allowConnections(bool allow) const;

private:
    std::string name_;
    std::string url_;
};

struct HttpResponse {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;
    Poco::JSON::Object::Ptr json() const;  // throws when the body is not a JSON object
};

// One request on a fresh connection; `authorization` is the whole header value (none: no header).
HttpResponse call(int port, const std::string& method, const std::string& path,
                  const std::optional<std::string>& authorization = std::nullopt, const std::string& body = {},
                  const std::string& content_type = "application/json");
std::string bearer(const std::string& token);

// Tokens built here, as a caller (or an attacker) would.
struct Claims {
    std::string sub;
    std::string profile;
    std::string perimeter;
    std::optional<std::chrono::seconds> expires_in = std::chrono::seconds(3600);  // nothing: no `exp`
};
std::string hs256Token(const std::string& key, const Claims& claims);
std::string es256Token(const Poco::Crypto::ECKey& key, const Claims& claims);
std::string unsignedToken(const Claims& claims);  // "alg": "none"

// Reference payloads and variations of them.
std::string readText(const fs::path& path);
Poco::JSON::Object::Ptr sampleJob(const std::string& file_name);  // samples/<file_name>, freshly parsed
std::string jsonText(const Poco::JSON::Object::Ptr& object);
// The sample session results with `candidates` distinct candidates (three in five ADMIS).
Poco::JSON::Object::Ptr bigSessionResults(int candidates, const std::string& idempotency_key);

// A test's own directory, processes and environment; tears everything down in order.
class ServiceTest : public ::testing::Test {
protected:
    static constexpr const char* kJwtKey = "service-test-hs256-key-0123456789abcdef";

    void SetUp() override;
    void TearDown() override;

    // `serve --port 0` with `workers` in-process workers; waits until it listens.
    CeresProcess& startServe(const std::string& name, int workers, const Env& extra = {});
    // `worker`; waits until it says it runs.
    CeresProcess& startWorker(const std::string& name, const Env& extra = {});
    // Runs a short command to its end.
    ExitStatus runCommand(const std::string& name, const std::vector<std::string>& args, std::string& out);
    // The port of the last started `serve`.
    int port() const { return port_; }

    // The job's JSON from GET /v1/jobs/{id}, asked with `token`.
    Poco::JSON::Object::Ptr jobStatus(const std::string& token, const std::string& job_id);
    // Submits as `token`; the job id of a 202.
    std::string submit(const std::string& token, const Poco::JSON::Object::Ptr& job);
    // Until every job is done; throws, naming the laggards, when one fails or time runs out.
    void waitForDone(const std::string& token, const std::vector<std::string>& job_ids, Millis budget = kJobBudget);

    Env& env() { return env_; }
    const fs::path& dir() const { return dir_; }
    // The seal keys of a deployment (tests/seal/data, key TA01) instead of the development pair,
    // for every process started after.
    void useDeploymentSealKeys();
    // The parchemins of a done job by candidate id: each document object of GET /v1/jobs/{id}.
    std::map<std::string, Poco::JSON::Object::Ptr> parcheminsByCandidate(const std::string& token,
                                                                         const std::string& job_id);

    std::string serviceToken() { return hs256Token(kJwtKey, {"svc-test", "SERVICE", "FR"}); }
    // Every process's log, for failure messages.
    std::string reports() const;

    // Prints every process's log if the test failed, then kills every child still running.
    void stopEverything();

    bool separate_var_dirs_ = false;  // each process its own CERES_VAR_DIR (PostgreSQL holds the data)

private:
    CeresProcess& launch(const std::string& name, const std::vector<std::string>& args, const Env& extra);

    fs::path dir_;
    Env env_;
    std::vector<std::unique_ptr<CeresProcess>> processes_;
    int port_ = 0;
};

// The same on PostgreSQL: every process of the test shares a fresh database, each with a var
// directory of its own (as on separate machines). Skipped when there is no cluster.
class PostgresServiceTest : public ServiceTest {
protected:
    void SetUp() override;
    void TearDown() override;
    PostgresDatabase& database() { return *database_; }

private:
    std::optional<PostgresDatabase> database_;
};

}  // namespace ceres::service_test
