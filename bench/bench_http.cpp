// The service as a client sees it, for the speed figures of issue #6: spawns the built
// `ceres-docs serve` (and `ceres-docs worker` processes), submits DTE request jobs over HTTP
// keep-alive on loopback and times each job from the moment its POST is sent to the moment its
// completion callback (callback_url, a receiver in this program) arrives.
//
//   bench_http latency    --binary B [--rate 200] [--seconds 10] [--workers 2] [--database-url URL]
//       open loop: job i is sent at start + i/rate whatever the answers before it
//   bench_http throughput --binary B --database-url URL [--jobs 2000] [--workers 1,2,4]
//       per worker count: queue the jobs with no worker running, start that many
//       `ceres-docs worker` processes, time until the last job is done
//
// Each run ends with one line `RESULT key=value …` for scripts (bench/run_service_bench.sh).
// Not a Google Benchmark program: the process under test is another process.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

double millisBetween(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double, std::milli>(to - from).count();
}

double secondsBetween(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
}

// User plus system CPU time of this process (the clients and the callback receiver).
double ownCpuSeconds() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// ---- command line ---------------------------------------------------------------------------

struct Options {
    std::string mode;
    std::string binary;
    std::string home = CERES_SOURCE_DIR;
    std::string job_file = std::string(CERES_SOURCE_DIR) + "/samples/dte-request.json";
    std::string database_url;
    double rate = 200;
    double seconds = 10;
    int jobs = 2000;
    std::vector<int> workers;
    int clients = 8;  // keep-alive connections the submissions are spread over
};

std::vector<int> intList(const std::string& text) {
    std::vector<int> values;
    std::stringstream list(text);
    for (std::string item; std::getline(list, item, ',');) values.push_back(std::stoi(item));
    return values;
}

Options parseOptions(int argc, char** argv) {
    if (argc < 2) throw std::invalid_argument("usage: bench_http latency|throughput --binary PATH [options]");
    Options options;
    options.mode = argv[1];
    for (int i = 2; i < argc; ++i) {
        const std::string name = argv[i];
        if (i + 1 >= argc) throw std::invalid_argument(name + " needs a value");
        const std::string value = argv[++i];
        if (name == "--binary") options.binary = value;
        else if (name == "--home") options.home = value;
        else if (name == "--job") options.job_file = value;
        else if (name == "--database-url") options.database_url = value;
        else if (name == "--rate") options.rate = std::stod(value);
        else if (name == "--seconds") options.seconds = std::stod(value);
        else if (name == "--jobs") options.jobs = std::stoi(value);
        else if (name == "--workers") options.workers = intList(value);
        else if (name == "--clients") options.clients = std::stoi(value);
        else throw std::invalid_argument("unknown option " + name);
    }
    if (options.binary.empty()) throw std::invalid_argument("--binary PATH (the built ceres-docs) is required");
    if (options.mode != "latency" && options.mode != "throughput") throw std::invalid_argument("mode: latency or throughput");
    if (options.mode == "throughput" && options.database_url.empty())
        throw std::invalid_argument("throughput needs --database-url (several worker processes share PostgreSQL)");
    if (options.workers.empty()) options.workers = options.mode == "latency" ? std::vector<int>{2} : std::vector<int>{1, 2, 4};
    return options;
}

// ---- the completion callbacks ---------------------------------------------------------------

struct Completion {
    Clock::time_point at;
    std::string status;
};

// Receives the POSTs of callback_url and notes when each job's arrived.
class CallbackReceiver {
public:
    CallbackReceiver() : socket_(Poco::Net::SocketAddress("127.0.0.1", 0)) {
        Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(4);
        params->setMaxQueued(256);
        server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(*this), socket_, params);
        server_->start();
    }
    ~CallbackReceiver() { server_->stopAll(true); }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(socket_.address().port()) + "/done"; }

    // Waits until every id has a completion, or `timeout` passes; returns what arrived.
    std::map<std::string, Completion> await(const std::vector<std::string>& ids, std::chrono::seconds timeout) {
        std::unique_lock lock(mutex_);
        arrived_.wait_for(lock, timeout, [&] {
            return std::all_of(ids.begin(), ids.end(), [&](const std::string& id) { return completions_.count(id) > 0; });
        });
        std::map<std::string, Completion> found;
        for (const auto& id : ids) {
            const auto c = completions_.find(id);
            if (c != completions_.end()) found.emplace(id, c->second);
        }
        return found;
    }

    int duplicates() const {
        std::lock_guard lock(mutex_);
        return duplicates_;
    }

private:
    void record(const std::string& body, Clock::time_point at) {
        const auto json = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
        const std::string id = json->getValue<std::string>("id");
        {
            std::lock_guard lock(mutex_);
            if (!completions_.emplace(id, Completion{at, json->getValue<std::string>("status")}).second) ++duplicates_;
        }
        arrived_.notify_all();
    }

    class Handler : public Poco::Net::HTTPRequestHandler {
    public:
        explicit Handler(CallbackReceiver& owner) : owner_(owner) {}
        void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
            const auto at = Clock::now();
            std::string body;
            Poco::StreamCopier::copyToString(request.stream(), body);
            owner_.record(body, at);
            response.setStatus(Poco::Net::HTTPResponse::HTTP_NO_CONTENT);
            response.send();
        }

    private:
        CallbackReceiver& owner_;
    };

    class Factory : public Poco::Net::HTTPRequestHandlerFactory {
    public:
        explicit Factory(CallbackReceiver& owner) : owner_(owner) {}
        Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
            return new Handler(owner_);
        }

    private:
        CallbackReceiver& owner_;
    };

    Poco::Net::ServerSocket socket_;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
    mutable std::mutex mutex_;
    std::condition_variable arrived_;
    std::map<std::string, Completion> completions_;
    int duplicates_ = 0;
};

// ---- the processes under test ---------------------------------------------------------------

// A `ceres-docs` command with the bench's environment; stopped with SIGINT (as SIGTERM: the
// graceful stop) when destroyed.
class Child {
public:
    Child(const std::string& binary, const std::vector<std::string>& args, const Poco::Process::Env& env,
          bool capture_stdout)
        : out_(capture_stdout ? std::make_unique<Poco::Pipe>() : nullptr),
          handle_(Poco::Process::launch(binary, args, nullptr, out_.get(), nullptr, env)) {
        if (out_) stream_ = std::make_unique<Poco::PipeInputStream>(*out_);
    }
    ~Child() {
        if (!Poco::Process::isRunning(handle_)) return;
        Poco::Process::requestTermination(handle_.id());
        handle_.wait();
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    std::istream& output() { return *stream_; }
    // User plus system CPU time used so far, from /proc.
    double cpuSeconds() const {
        std::ifstream stat("/proc/" + std::to_string(handle_.id()) + "/stat");
        std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
        std::istringstream fields(text.substr(text.rfind(')') + 2));  // after "pid (comm) "
        std::vector<std::string> values{std::istream_iterator<std::string>(fields), std::istream_iterator<std::string>()};
        if (values.size() < 13) return 0;
        return static_cast<double>(std::stoll(values[11]) + std::stoll(values[12])) / static_cast<double>(::sysconf(_SC_CLK_TCK));
    }
    int wait() { return handle_.wait(); }

private:
    std::unique_ptr<Poco::Pipe> out_;
    Poco::ProcessHandle handle_;
    std::unique_ptr<Poco::PipeInputStream> stream_;
};

std::string randomSuffix() {
    std::random_device random;
    std::ostringstream out;
    out << std::hex << random() << random();
    return out.str();
}

class Deployment {
public:
    Deployment(const Options& options, int serve_workers)
        : options_(options), var_dir_(std::filesystem::temp_directory_path() / ("ceres-bench-" + randomSuffix())) {
        std::filesystem::create_directories(var_dir_);
        serve_ = std::make_unique<Child>(options_.binary, std::vector<std::string>{"serve", "--port", "0"},
                                         environment(serve_workers), true);
        for (std::string line; std::getline(serve_->output(), line);) {
            const auto at = line.find("http://127.0.0.1:");
            if (at == std::string::npos) continue;
            port_ = std::stoi(line.substr(at + 17));
            break;
        }
        if (port_ == 0) throw std::runtime_error("ceres-docs serve did not start (its stderr says why)");
        Child token(options_.binary, {"token", "--profile", "SERVICE", "--perimeter", "FR", "--sub", "bench"},
                    environment(0), true);
        std::getline(token.output(), token_);
        token.wait();
        if (token_.empty()) throw std::runtime_error("ceres-docs token printed nothing");
    }
    ~Deployment() {
        workers_.clear();
        serve_.reset();
        std::error_code ignored;
        std::filesystem::remove_all(var_dir_, ignored);
    }

    void startWorkerProcesses(int count) {
        for (int i = 0; i < count; ++i)
            workers_.push_back(std::make_unique<Child>(options_.binary, std::vector<std::string>{"worker"},
                                                       environment(1), false));
    }

    int port() const { return port_; }
    const std::string& token() const { return token_; }
    // CPU time of the serve process and of the worker processes.
    double cpuSeconds() const {
        double total = serve_->cpuSeconds();
        for (const auto& w : workers_) total += w->cpuSeconds();
        return total;
    }

private:
    Poco::Process::Env environment(int workers) const {
        Poco::Process::Env env;
        env["CERES_HOME"] = options_.home;
        env["CERES_VAR_DIR"] = var_dir_.string();
        env["CERES_WORKERS"] = std::to_string(workers);
        env["CERES_DATABASE_URL"] = options_.database_url;
        env["CERES_DEV_MODE"] = "1";  // a development run: the built-in token and seal keys
        return env;
    }

    const Options& options_;
    std::filesystem::path var_dir_;
    int port_ = 0;
    std::string token_;
    std::unique_ptr<Child> serve_;
    std::vector<std::unique_ptr<Child>> workers_;
};

// ---- submitting ------------------------------------------------------------------------------

// Submissions sent again on a fresh connection after the first one broke without an answer.
std::atomic<int> g_resubmissions{0};

// One keep-alive connection to the API. A connection is reused only within the time the server
// says it keeps it (Keep-Alive: timeout=N); one that breaks without an answer is replaced and
// the job sent again, which its idempotency key makes safe (the repeat answers 200 with the job).
class Client {
public:
    Client(int port, std::string token) : session_("127.0.0.1", static_cast<Poco::UInt16>(port)), token_(std::move(token)) {
        session_.setKeepAlive(true);
        session_.setTimeout(Poco::Timespan(30, 0));
    }

    // The id of the accepted job.
    std::string submit(const std::string& job_text) {
        try {
            return post(job_text);
        } catch (const Poco::Net::NetException&) {
            // No message received, or a reset: the server may or may not have taken the job.
        }
        ++g_resubmissions;
        session_.reset();
        return post(job_text);
    }

private:
    std::string post(const std::string& job_text) {
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/v1/jobs", Poco::Net::HTTPMessage::HTTP_1_1);
        request.setKeepAlive(true);
        request.set("Authorization", "Bearer " + token_);
        request.setContentType("application/json");
        request.setContentLength64(static_cast<Poco::Int64>(job_text.size()));
        session_.sendRequest(request) << job_text;
        Poco::Net::HTTPResponse response;
        std::string body;
        Poco::StreamCopier::copyToString(session_.receiveResponse(response), body);
        followKeepAlive(response);
        const auto status = response.getStatus();
        if (status != Poco::Net::HTTPResponse::HTTP_ACCEPTED && status != Poco::Net::HTTPResponse::HTTP_OK)
            throw std::runtime_error("POST /v1/jobs answered " + std::to_string(status) + ": " + body);
        return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("id");
    }

    void followKeepAlive(const Poco::Net::HTTPResponse& response) {
        const std::string keep_alive = response.get("Keep-Alive", "");
        const auto at = keep_alive.find("timeout=");
        if (at == std::string::npos) return;
        session_.setKeepAliveTimeout(Poco::Timespan(std::atol(keep_alive.c_str() + at + 8), 0));
    }

    Poco::Net::HTTPClientSession session_;
    std::string token_;
};

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The sample job `count` times, each with its own idempotency key and the receiver's callback.
std::vector<std::string> jobTexts(const Options& options, const std::string& callback_url, int count) {
    const std::string sample = readFile(options.job_file);
    const std::string run = randomSuffix();
    std::vector<std::string> texts;
    for (int i = 0; i < count; ++i) {
        auto job = Poco::JSON::Parser().parse(sample).extract<Poco::JSON::Object::Ptr>();
        job->set("idempotency_key", "bench/" + run + "/" + std::to_string(i));
        job->set("callback_url", callback_url);
        std::ostringstream text;
        job->stringify(text);
        texts.push_back(text.str());
    }
    return texts;
}

struct Submitted {
    std::string id;
    Clock::time_point due;   // when the open loop meant to send it
    Clock::time_point sent;  // when its POST started
    Clock::time_point accepted;
};

// Sends texts[i] at start + i * interval (as fast as possible when interval is zero), over
// `clients` connections: job i goes on connection i % clients.
std::vector<Submitted> submitAll(const Deployment& service, const std::vector<std::string>& texts, int clients,
                                 Clock::duration interval) {
    std::vector<Submitted> submitted(texts.size());
    std::atomic<bool> failed{false};
    std::string failure;
    std::mutex failure_mutex;
    const auto start = Clock::now() + 20ms;
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            try {
                Client client(service.port(), service.token());
                for (std::size_t i = static_cast<std::size_t>(c); i < texts.size() && !failed; i += clients) {
                    auto& s = submitted[i];
                    s.due = start + interval * static_cast<long>(i);
                    std::this_thread::sleep_until(s.due);
                    s.sent = Clock::now();
                    s.id = client.submit(texts[i]);
                    s.accepted = Clock::now();
                }
            } catch (const std::exception& e) {
                std::lock_guard lock(failure_mutex);
                failure = e.what();
                failed = true;
            }
        });
    }
    for (auto& t : threads) t.join();
    if (failed) throw std::runtime_error("submitting failed: " + failure);
    return submitted;
}

std::vector<std::string> idsOf(const std::vector<Submitted>& submitted) {
    std::vector<std::string> ids;
    for (const auto& s : submitted) ids.push_back(s.id);
    return ids;
}

// ---- figures ---------------------------------------------------------------------------------

// Nearest rank: the smallest value with at least q of the values at or below it.
double percentile(std::vector<double> values, double q) {
    if (values.empty()) return NAN;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
    return values[std::max<std::size_t>(rank, 1) - 1];
}

std::string fixed(double value, int decimals = 1) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

int notDone(const std::map<std::string, Completion>& completions) {
    int count = 0;
    for (const auto& [id, c] : completions) count += c.status == "done" ? 0 : 1;
    return count;
}

std::string loadAverage() {
    std::ifstream in("/proc/loadavg");
    std::string one, five;
    in >> one >> five;
    return one + " " + five;
}

std::string backendName(const Options& options) { return options.database_url.empty() ? "sqlite" : "postgresql"; }

// ---- the two runs ----------------------------------------------------------------------------

void latency(const Options& options) {
    const int workers = options.workers.front();
    CallbackReceiver receiver;
    Deployment service(options, workers);
    const auto warm_up = jobTexts(options, receiver.url(), 20);
    receiver.await(idsOf(submitAll(service, warm_up, 1, 0s)), 60s);

    const int count = static_cast<int>(std::lround(options.rate * options.seconds));
    const auto texts = jobTexts(options, receiver.url(), count);
    const auto interval = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / options.rate));
    std::cerr << "latency: " << count << " jobs at " << options.rate << "/s, " << workers << " in-process worker(s), "
              << backendName(options) << "\n";
    const double service_cpu_before = service.cpuSeconds();
    const double own_cpu_before = ownCpuSeconds();
    const auto submitted = submitAll(service, texts, options.clients, interval);
    const auto completions = receiver.await(idsOf(submitted), 120s);
    const double service_cpu_ms = 1000 * (service.cpuSeconds() - service_cpu_before) / count;
    const double own_cpu_ms = 1000 * (ownCpuSeconds() - own_cpu_before) / count;

    std::vector<double> to_done, to_accept, lag;
    auto first_sent = submitted.front().sent;
    auto last_done = first_sent;
    for (const auto& s : submitted) {
        first_sent = std::min(first_sent, s.sent);
        to_accept.push_back(millisBetween(s.sent, s.accepted));
        lag.push_back(millisBetween(s.due, s.sent));
        const auto c = completions.find(s.id);
        if (c == completions.end()) continue;
        to_done.push_back(millisBetween(s.sent, c->second.at));
        last_done = std::max(last_done, c->second.at);
    }
    const double achieved = static_cast<double>(to_done.size()) / secondsBetween(first_sent, last_done);
    std::cout << "submit-to-done over HTTP (" << backendName(options) << ", " << workers << " worker(s)): offered "
              << fixed(options.rate) << " jobs/s, achieved " << fixed(achieved) << " jobs/s; p50 "
              << fixed(percentile(to_done, 0.5)) << " ms, p90 " << fixed(percentile(to_done, 0.9)) << " ms, p99 "
              << fixed(percentile(to_done, 0.99)) << " ms, max " << fixed(percentile(to_done, 1.0)) << " ms\n"
              << "  POST answered: p50 " << fixed(percentile(to_accept, 0.5), 2) << " ms, p99 "
              << fixed(percentile(to_accept, 0.99), 2) << " ms; sent late by up to " << fixed(percentile(lag, 1.0), 2)
              << " ms; " << count - static_cast<int>(to_done.size()) << " never done, " << notDone(completions)
              << " not done, " << receiver.duplicates() << " duplicate callbacks, " << g_resubmissions
              << " submissions sent again on a fresh connection\n"
              << "  CPU per job: " << fixed(service_cpu_ms, 2) << " ms in ceres-docs serve, " << fixed(own_cpu_ms, 2)
              << " ms in this client; load average " << loadAverage() << "\n";
    std::cout << "RESULT latency backend=" << backendName(options) << " workers=" << workers << " jobs=" << count
              << " offered=" << fixed(options.rate) << " achieved=" << fixed(achieved)
              << " p50_ms=" << fixed(percentile(to_done, 0.5)) << " p90_ms=" << fixed(percentile(to_done, 0.9))
              << " p99_ms=" << fixed(percentile(to_done, 0.99)) << " max_ms=" << fixed(percentile(to_done, 1.0))
              << " missing=" << count - static_cast<int>(to_done.size()) << " not_done=" << notDone(completions)
              << " service_cpu_ms_per_job=" << fixed(service_cpu_ms, 2) << " resubmitted=" << g_resubmissions
              << std::endl;
}

void throughput(const Options& options, int workers) {
    CallbackReceiver receiver;
    Deployment service(options, 0);
    const auto texts = jobTexts(options, receiver.url(), options.jobs);
    const auto queued_from = Clock::now();
    const auto submitted = submitAll(service, texts, 4, 0s);
    const double submit_rate = static_cast<double>(texts.size()) / secondsBetween(queued_from, Clock::now());

    const auto start = Clock::now();
    const double service_cpu_before = service.cpuSeconds();
    service.startWorkerProcesses(workers);
    const auto completions = receiver.await(idsOf(submitted), 600s);
    const double service_cpu_ms = 1000 * (service.cpuSeconds() - service_cpu_before) / options.jobs;
    auto last_done = start;
    for (const auto& [id, c] : completions) last_done = std::max(last_done, c.at);
    const double seconds = secondsBetween(start, last_done);
    const double rate = static_cast<double>(completions.size()) / seconds;
    std::cout << "throughput (" << backendName(options) << ", " << workers << " worker process(es)): "
              << completions.size() << " jobs in " << fixed(seconds, 2) << " s = " << fixed(rate) << " jobs/s"
              << " (queued beforehand at " << fixed(submit_rate) << " jobs/s over HTTP); "
              << options.jobs - static_cast<int>(completions.size()) << " never done, " << notDone(completions)
              << " not done, " << receiver.duplicates() << " duplicate callbacks; CPU per job in the workers "
              << fixed(service_cpu_ms, 2) << " ms; load average " << loadAverage() << "\n";
    std::cout << "RESULT throughput backend=" << backendName(options) << " workers=" << workers
              << " jobs=" << completions.size() << " seconds=" << fixed(seconds, 2) << " jobs_per_s=" << fixed(rate)
              << " not_done=" << notDone(completions) << " service_cpu_ms_per_job=" << fixed(service_cpu_ms, 2)
              << " resubmitted=" << g_resubmissions << std::endl;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const Options options = parseOptions(argc, argv);
        if (options.mode == "latency") {
            latency(options);
        } else {
            for (const int workers : options.workers) throughput(options, workers);
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "bench_http: " << e.what() << "\n";
        return 1;
    }
}
