#include "harness.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <Poco/Base64Encoder.h>
#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace ceres::service_test {
namespace {

using Clock = std::chrono::steady_clock;
using Poco::JSON::Object;

std::string randomHex(int digits) {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    std::ostringstream out;
    for (int i = 0; i < digits; ++i) out << std::hex << (random() % 16);
    return out.str();
}

std::string fileOrEmpty(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

ExitStatus statusOf(int wait_status) {
    ExitStatus s;
    s.exited = WIFEXITED(wait_status);
    if (s.exited) s.code = WEXITSTATUS(wait_status);
    if (WIFSIGNALED(wait_status)) s.signal = WTERMSIG(wait_status);
    return s;
}

// libpq keywords for a postgresql:// URL (the cluster's, with no exotic parts).
std::string keywordsOf(const std::string& url) {
    const Poco::URI uri(url);
    std::string keywords = "host=" + uri.getHost();
    if (uri.getPort() != 0) keywords += " port=" + std::to_string(uri.getPort());
    const std::string user_info = uri.getUserInfo();
    const auto colon = user_info.find(':');
    if (!user_info.empty()) keywords += " user=" + user_info.substr(0, colon);
    if (colon != std::string::npos) keywords += " password=" + user_info.substr(colon + 1);
    if (uri.getPath().size() > 1) keywords += " dbname=" + uri.getPath().substr(1);
    return keywords;
}

Poco::Data::Session connect(const std::string& url) {
    Poco::Data::PostgreSQL::Connector::registerConnector();
    return Poco::Data::Session("PostgreSQL", keywordsOf(url));
}

std::string base64Url(const std::string& bytes) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    encoder.rdbuf()->setLineLength(0);
    encoder << bytes;
    encoder.close();
    return out.str();
}

Poco::JWT::Token tokenOf(const Claims& claims) {
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    Poco::JWT::Token token;
    token.setType("JWT");
    token.payload().set("sub", claims.sub);
    token.payload().set("profile", claims.profile);
    token.payload().set("perimeter", claims.perimeter);
    token.payload().set("iat", static_cast<Poco::Int64>(now));
    if (claims.expires_in) token.payload().set("exp", static_cast<Poco::Int64>(now + claims.expires_in->count()));
    return token;
}

std::string sanitized(std::string name) {
    for (auto& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '-';
    }
    return name;
}

}  // namespace

bool waitUntil(Millis budget, const std::function<bool()>& condition, Millis step) {
    const auto deadline = Clock::now() + budget;
    while (true) {
        if (condition()) return true;
        if (Clock::now() >= deadline) return false;
        std::this_thread::sleep_for(step);
    }
}

std::string ExitStatus::describe() const {
    return exited ? "exit code " + std::to_string(code) : "killed by signal " + std::to_string(signal);
}

// ---- CeresProcess ---------------------------------------------------------------------------

CeresProcess::CeresProcess(std::string name, const std::vector<std::string>& args, const Env& env,
                           const fs::path& work_dir, const std::string& program)
    : name_(std::move(name)), out_path_(work_dir / (name_ + ".out")), err_path_(work_dir / (name_ + ".err")) {
    // Everything the child needs is prepared before fork: after it, only async-signal-safe calls.
    std::vector<std::string> env_strings;
    for (char** e = environ; *e != nullptr; ++e) {
        if (std::string(*e).rfind("CERES_", 0) != 0) env_strings.emplace_back(*e);
    }
    for (const auto& [key, value] : env) env_strings.push_back(key + "=" + value);
    std::vector<std::string> argv_strings{program};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv, envp;
    for (auto& a : argv_strings) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    const std::string out = out_path_.string(), err = err_path_.string(), cwd = work_dir.string();
    const pid_t parent = ::getpid();

    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed for " + name_);
    if (pid_ == 0) {
        // Dies with the test process, whatever happens to it.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(127);
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::signal(SIGTERM, SIG_DFL);
        ::signal(SIGINT, SIG_DFL);
        ::signal(SIGPIPE, SIG_DFL);
        const int in_fd = ::open("/dev/null", O_RDONLY);
        const int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
        const int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
        if (in_fd < 0 || out_fd < 0 || err_fd < 0) ::_exit(127);
        ::dup2(in_fd, 0);
        ::dup2(out_fd, 1);
        ::dup2(err_fd, 2);
        if (::chdir(cwd.c_str()) != 0) ::_exit(127);
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
}

CeresProcess::~CeresProcess() {
    if (exit_) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
}

void CeresProcess::signal(int signal_number) const {
    if (!exit_) ::kill(pid_, signal_number);
}

bool CeresProcess::running() {
    if (exit_) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) exit_ = statusOf(status);
    return !exit_;
}

std::optional<ExitStatus> CeresProcess::waitForExit(Millis budget) {
    waitUntil(budget, [this] { return !running(); }, Millis{10});
    return exit_;
}

std::string CeresProcess::out() const { return fileOrEmpty(out_path_); }
std::string CeresProcess::err() const { return fileOrEmpty(err_path_); }

bool CeresProcess::waitForOutput(const std::string& text, Millis budget) {
    bool seen = false;
    waitUntil(budget, [&] {
        seen = out().find(text) != std::string::npos || err().find(text) != std::string::npos;
        return seen || !running();
    });
    return seen || out().find(text) != std::string::npos || err().find(text) != std::string::npos;
}

std::string CeresProcess::report() const {
    constexpr std::size_t kTail = 4000;
    const auto tail = [](const std::string& text) {
        return text.size() > kTail ? "…" + text.substr(text.size() - kTail) : text;
    };
    std::ostringstream r;
    r << "--- " << name_ << " (pid " << pid_ << ", " << (exit_ ? exit_->describe() : std::string("running"))
      << ")\n[stdout]\n" << tail(out()) << "\n[stderr]\n" << tail(err()) << "\n";
    return r.str();
}

// ---- PostgresDatabase -----------------------------------------------------------------------

std::optional<std::string> PostgresDatabase::clusterUrl() {
    const char* url = std::getenv("CERES_TEST_PG_URL");
    if (url == nullptr || *url == '\0') return std::nullopt;
    return std::string(url);
}

PostgresDatabase::PostgresDatabase() : name_("ceres_svc_" + randomHex(16)) {
    const std::string cluster = clusterUrl().value();
    connect(cluster) << "CREATE DATABASE " + name_, Poco::Data::Keywords::now;
    Poco::URI uri(cluster);
    uri.setPath("/" + name_);
    url_ = uri.toString();
}

PostgresDatabase::~PostgresDatabase() {
    try {
        connect(clusterUrl().value()) << "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)", Poco::Data::Keywords::now;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "warning: could not drop test database %s: %s\n", name_.c_str(), e.what());
    }
}

Poco::Data::Session PostgresDatabase::session() const { return connect(url_); }

void PostgresDatabase::allowConnections(bool allow) const {
    auto admin = connect(clusterUrl().value());
    admin << "ALTER DATABASE " + name_ + " ALLOW_CONNECTIONS " + (allow ? "true" : "false"), Poco::Data::Keywords::now;
    if (allow) return;
    admin << "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name_ + "'",
        Poco::Data::Keywords::now;
}

// ---- HTTP -----------------------------------------------------------------------------------

Poco::JSON::Object::Ptr HttpResponse::json() const {
    return Poco::JSON::Parser().parse(body).extract<Object::Ptr>();
}

HttpResponse call(int port, const std::string& method, const std::string& path,
                  const std::optional<std::string>& authorization, const std::string& body,
                  const std::string& content_type) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    session.setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPRequest out(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (authorization) out.set("Authorization", *authorization);
    if (method == "POST" || !body.empty()) {
        out.setContentType(content_type);
        out.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    session.sendRequest(out) << body;
    Poco::Net::HTTPResponse in;
    std::istream& received = session.receiveResponse(in);
    HttpResponse response;
    response.status = static_cast<int>(in.getStatus());
    Poco::StreamCopier::copyToString(received, response.body);
    for (const auto& [name, value] : in) response.headers[name] = value;
    return response;
}

std::string bearer(const std::string& token) { return "Bearer " + token; }

// ---- tokens ---------------------------------------------------------------------------------

std::string hs256Token(const std::string& key, const Claims& claims) {
    Poco::JWT::Token token = tokenOf(claims);
    return Poco::JWT::Signer(key).sign(token, Poco::JWT::Signer::ALGO_HS256);
}

std::string es256Token(const Poco::Crypto::ECKey& key, const Claims& claims) {
    Poco::JWT::Token token = tokenOf(claims);
    Poco::JWT::Signer signer;
    signer.setECKey(Poco::SharedPtr<Poco::Crypto::ECKey>(new Poco::Crypto::ECKey(key)));
    return signer.sign(token, Poco::JWT::Signer::ALGO_ES256);
}

std::string unsignedToken(const Claims& claims) {
    const Poco::JWT::Token token = tokenOf(claims);
    std::ostringstream payload;
    token.payload().stringify(payload);
    return base64Url(R"({"alg":"none","typ":"JWT"})") + "." + base64Url(payload.str()) + ".";
}

// ---- payloads -------------------------------------------------------------------------------

std::string readText(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

Poco::JSON::Object::Ptr sampleJob(const std::string& file_name) {
    return Poco::JSON::Parser().parse(readText(fs::path(CERES_SOURCE_DIR) / "samples" / file_name)).extract<Object::Ptr>();
}

std::string jsonText(const Poco::JSON::Object::Ptr& object) {
    std::ostringstream out;
    object->stringify(out);
    return out.str();
}

Poco::JSON::Object::Ptr bigSessionResults(int candidates, const std::string& idempotency_key) {
    auto job = sampleJob("session-results.json");
    job->set("idempotency_key", idempotency_key);
    auto payload = job->getObject("payload");
    const auto originals = payload->getArray("candidates");
    Poco::JSON::Array::Ptr many = new Poco::JSON::Array;
    for (int i = 0; i < candidates; ++i) {
        // A copy of one of the five sample candidates (ADMIS, AJOURNE, ADMIS, ABSENT, ADMIS), made
        // distinct by its id and birth date (R-CAN-2 refuses duplicates).
        const auto original = originals->getObject(static_cast<unsigned>(i % originals->size()));
        auto copy = Poco::JSON::Parser().parse(jsonText(original)).extract<Object::Ptr>();
        std::ostringstream id, birth;
        id << "C-7" << std::setw(5) << std::setfill('0') << i;
        birth << 1950 + i % 40 << "-" << std::setw(2) << std::setfill('0') << 1 + (i / 40) % 12 << "-"
              << std::setw(2) << std::setfill('0') << 1 + (i / 480) % 28;
        copy->set("id", id.str());
        copy->set("birth_date", birth.str());
        many->add(copy);
    }
    payload->set("candidates", many);
    return job;
}

// ---- ServiceTest ----------------------------------------------------------------------------

void ServiceTest::SetUp() {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           sanitized(std::string("ceres-svc-") + test->test_suite_name() + "-" + test->name() + "-" + randomHex(8));
    fs::create_directories(dir_);
    env_["CERES_HOME"] = CERES_SOURCE_DIR;
    env_["CERES_VAR_DIR"] = (dir_ / "var").string();
    env_["CERES_DEV_JWT_KEY"] = kJwtKey;
    env_["CERES_DEV_MODE"] = "1";  // the built-in development seal key signs the test parchemins
}

void ServiceTest::useDeploymentSealKeys() {
    const std::string data = std::string(CERES_SOURCE_DIR) + "/tests/seal/data/";
    env_["CERES_SEAL_PRIVATE_KEY"] = data + "test-seal-a-private.pem";
    env_["CERES_SEAL_KEY_ID"] = "TA01";
    env_["CERES_SEAL_PUBLIC_KEYS"] = "TA01=" + data + "test-seal-a-public.pem";
}

std::map<std::string, Poco::JSON::Object::Ptr> ServiceTest::parcheminsByCandidate(const std::string& token,
                                                                                 const std::string& job_id) {
    std::map<std::string, Poco::JSON::Object::Ptr> parchemins;
    const auto documents = jobStatus(token, job_id)->getArray("documents");
    for (std::size_t i = 0; documents && i < documents->size(); ++i) {
        const auto d = documents->getObject(static_cast<unsigned>(i));
        if (d->getValue<std::string>("kind") != "parchemin") continue;
        const std::string file = d->getValue<std::string>("file_name");  // parchemin_<session>_<candidate>.pdf
        parchemins[file.substr(file.rfind('_') + 1, file.size() - file.rfind('_') - 5)] = d;
    }
    return parchemins;
}

void ServiceTest::TearDown() {
    stopEverything();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
}

void ServiceTest::stopEverything() {
    if (HasFailure() && !processes_.empty()) std::fprintf(stderr, "%s", reports().c_str());
    processes_.clear();
}

std::string ServiceTest::reports() const {
    std::string all;
    for (const auto& p : processes_) all += p->report();
    return all;
}

CeresProcess& ServiceTest::launch(const std::string& name, const std::vector<std::string>& args, const Env& extra) {
    Env env = env_;
    if (separate_var_dirs_) env["CERES_VAR_DIR"] = (dir_ / (name + "-var")).string();
    for (const auto& [key, value] : extra) env[key] = value;
    processes_.push_back(std::make_unique<CeresProcess>(name, args, env, dir_));
    return *processes_.back();
}

CeresProcess& ServiceTest::startServe(const std::string& name, int workers, const Env& extra) {
    Env env = extra;
    env.emplace("CERES_WORKERS", std::to_string(workers));
    CeresProcess& serve = launch(name, {"serve", "--port", "0"}, env);
    const std::string marker = "listening on http://127.0.0.1:";
    if (!serve.waitForOutput(marker, kStartBudget))
        throw std::runtime_error("`ceres-docs serve` did not start listening\n" + serve.report());
    const std::string out = serve.out();
    port_ = std::stoi(out.substr(out.find(marker) + marker.size()));
    return serve;
}

CeresProcess& ServiceTest::startWorker(const std::string& name, const Env& extra) {
    CeresProcess& worker = launch(name, {"worker"}, extra);
    if (!worker.waitForOutput("worker(s) running", kStartBudget))
        throw std::runtime_error("`ceres-docs worker` did not start\n" + worker.report());
    return worker;
}

ExitStatus ServiceTest::runCommand(const std::string& name, const std::vector<std::string>& args, std::string& out) {
    CeresProcess& command = launch(name, args, {});
    const auto status = command.waitForExit(kStartBudget);
    if (!status) throw std::runtime_error("`ceres-docs " + args.front() + "` did not end\n" + command.report());
    out = command.out();
    return *status;
}

Poco::JSON::Object::Ptr ServiceTest::jobStatus(const std::string& token, const std::string& job_id) {
    const HttpResponse r = call(port_, "GET", "/v1/jobs/" + job_id, bearer(token));
    if (r.status != 200)
        throw std::runtime_error("GET /v1/jobs/" + job_id + " answered " + std::to_string(r.status) + ": " + r.body);
    return r.json();
}

std::string ServiceTest::submit(const std::string& token, const Poco::JSON::Object::Ptr& job) {
    const HttpResponse r = call(port_, "POST", "/v1/jobs", bearer(token), jsonText(job));
    if (r.status != 202)
        throw std::runtime_error("POST /v1/jobs answered " + std::to_string(r.status) + ": " + r.body);
    return r.json()->getValue<std::string>("id");
}

void ServiceTest::waitForDone(const std::string& token, const std::vector<std::string>& job_ids, Millis budget) {
    std::vector<std::string> pending = job_ids;
    std::string last_state;
    const bool all_done = waitUntil(
        budget,
        [&] {
            std::vector<std::string> still;
            for (const auto& id : pending) {
                const auto job = jobStatus(token, id);
                const auto status = job->getValue<std::string>("status");
                if (status == "failed" || status == "dead")
                    throw std::runtime_error("job " + id + " ended " + status + ": " + jsonText(job) + "\n" + reports());
                if (status != "done") {
                    still.push_back(id);
                    last_state = jsonText(job);
                }
            }
            pending.swap(still);
            return pending.empty();
        },
        Millis{50});
    if (!all_done)
        throw std::runtime_error(std::to_string(pending.size()) + " job(s) not done after " +
                                 std::to_string(budget.count()) + " ms, e.g. " + last_state + "\n" + reports());
}

// ---- PostgresServiceTest --------------------------------------------------------------------

void PostgresServiceTest::SetUp() {
    ServiceTest::SetUp();
    if (!PostgresDatabase::clusterUrl()) {
        GTEST_SKIP() << "reason: CERES_TEST_PG_URL is not set (scripts/test.sh sets it; or start a cluster with "
                        "scripts/pg-test-cluster.sh and export its URL)";
    }
    database_.emplace();
    env()["CERES_DATABASE_URL"] = database_->url();
    separate_var_dirs_ = true;
}

void PostgresServiceTest::TearDown() {
    stopEverything();
    database_.reset();
    ServiceTest::TearDown();
}

}  // namespace ceres::service_test
