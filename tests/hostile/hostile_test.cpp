// The hostile corpus (make_corpus.py): each payload through `ceres-docs validate`, `ceres-docs
// render --out DIR` and POST /v1/jobs of the service in process. Each must be refused up front:
// exit 2 or 3, HTTP 400 or 422 (never 5xx), an error carrying the pointer (and rule) the corpus
// expects, no job queued, no document stored, nothing written in the output directory.
#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "app/backend.h"
#include "app/config.h"
#include "app/runtime.h"
#include "http/server.h"
#include "http/test_client.h"
#include "queue/job_queue.h"

namespace fs = std::filesystem;

namespace {

constexpr int kShards = 8;

struct Payload {
    std::string name;
    fs::path file;
    int exit_code = 0;
    std::optional<std::string> pointer;
    std::optional<std::string> pointer_prefix;
    std::optional<std::string> rule;
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::optional<std::string> optionalString(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!o->has(key) || o->isNull(key)) return std::nullopt;
    return o->getValue<std::string>(key);
}

const std::vector<Payload>& corpus() {
    static const std::vector<Payload> all = [] {
        std::vector<Payload> out;
        const fs::path dir = CERES_CORPUS_DIR;
        const auto list = Poco::JSON::Parser().parse(slurp(dir / "manifest.json")).extract<Poco::JSON::Array::Ptr>();
        for (std::size_t i = 0; i < list->size(); ++i) {
            const auto e = list->getObject(i);
            out.push_back({e->getValue<std::string>("name"), dir / e->getValue<std::string>("file"),
                           e->getValue<int>("exit"), optionalString(e, "pointer"), optionalString(e, "pointer_prefix"),
                           optionalString(e, "rule")});
        }
        return out;
    }();
    return all;
}

std::vector<const Payload*> shard(int index) {
    std::vector<const Payload*> mine;
    for (std::size_t i = 0; i < corpus().size(); ++i)
        if (static_cast<int>(i % kShards) == index) mine.push_back(&corpus()[i]);
    return mine;
}

// "" when `errors_json` ({"errors":[…]}) holds an error with the expected pointer and rule, else
// what is wrong.
std::string checkErrors(const Payload& p, const std::string& errors_json) {
    Poco::JSON::Array::Ptr errors;
    try {
        errors = Poco::JSON::Parser().parse(errors_json).extract<Poco::JSON::Object::Ptr>()->getArray("errors");
    } catch (const std::exception& e) {
        return std::string("the errors are not JSON (") + e.what() + "): " + errors_json.substr(0, 300);
    }
    if (!errors || errors->size() == 0) return "no error listed: " + errors_json.substr(0, 300);
    for (std::size_t i = 0; i < errors->size(); ++i) {
        const auto e = errors->getObject(i);
        const std::string pointer = e->optValue<std::string>("pointer", "");
        const std::string rule = e->isNull("rule") ? "" : e->optValue<std::string>("rule", "");
        if (e->optValue<std::string>("message", "").empty()) continue;
        if (p.pointer && pointer != *p.pointer) continue;
        if (p.pointer_prefix && pointer.rfind(*p.pointer_prefix, 0) != 0) continue;
        if (p.rule && rule != *p.rule) continue;
        return "";
    }
    return "no error with pointer '" + p.pointer.value_or(p.pointer_prefix.value_or("*")) + "' and rule '" +
           p.rule.value_or("*") + "' in " + errors_json.substr(0, 600);
}

// Files under `dir`, recursively.
std::set<std::string> filesUnder(const fs::path& dir) {
    std::set<std::string> files;
    std::error_code error;
    if (!fs::exists(dir, error)) return files;
    for (const auto& entry : fs::recursive_directory_iterator(dir, error))
        if (!entry.is_directory()) files.insert(fs::relative(entry.path(), dir).string());
    return files;
}

fs::path freshDirectory(const std::string& what) {
    const fs::path dir = fs::temp_directory_path() /
                         ("ceres-hostile-" + what + "-" + std::to_string(::getpid()) + "-" +
                          ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

TEST(HostileCorpus, HoldsEnoughPayloadsOfEveryKind) {
    EXPECT_GE(corpus().size(), 300u);
    std::set<int> exits;
    for (const auto& p : corpus()) {
        exits.insert(p.exit_code);
        EXPECT_TRUE(p.exit_code == 2 || p.exit_code == 3) << p.name;
        EXPECT_TRUE(p.pointer || p.pointer_prefix || p.rule) << p.name << " names neither a pointer nor a rule";
    }
    EXPECT_EQ(exits, (std::set<int>{2, 3}));
}

class CliCorpus : public ::testing::TestWithParam<int> {
protected:
    void SetUp() override { dir_ = freshDirectory("cli"); }
    void TearDown() override { fs::remove_all(dir_); }

    struct Result {
        int exit_code;
        std::string err;
    };
    Result run(const std::string& args) const {
        const fs::path err = dir_ / "stderr";
        const std::string cmd = "cd '" + dir_.string() + "' && CERES_VAR_DIR='" + (dir_ / "var").string() + "' '" +
                                CERES_BINARY + "' " + args + " >/dev/null 2>'" + err.string() + "'";
        const int status = std::system(cmd.c_str());
        // Warnings come first, one a line; the errors document is the last line.
        std::string text = slurp(err);
        while (!text.empty() && text.back() == '\n') text.pop_back();
        const auto last = text.rfind('\n');
        return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, last == std::string::npos ? text : text.substr(last + 1)};
    }

    fs::path dir_;
};

TEST_P(CliCorpus, ValidateAndRenderRefuseEachPayloadNamingTheField) {
    for (const Payload* p : shard(GetParam())) {
        SCOPED_TRACE(p->name);
        const Result validated = run("validate '" + p->file.string() + "'");
        EXPECT_EQ(validated.exit_code, p->exit_code) << validated.err.substr(0, 400);
        EXPECT_EQ(checkErrors(*p, validated.err), "") << "validate";

        const fs::path out = dir_ / "out";
        const Result rendered = run("render '" + p->file.string() + "' --out '" + out.string() + "'");
        EXPECT_EQ(rendered.exit_code, p->exit_code) << rendered.err.substr(0, 400);
        EXPECT_EQ(checkErrors(*p, rendered.err), "") << "render";
        EXPECT_EQ(filesUnder(out), std::set<std::string>{}) << "render wrote into its output directory";
        fs::remove_all(out);
    }
}
INSTANTIATE_TEST_SUITE_P(Shards, CliCorpus, ::testing::Range(0, kShards));

using ceres::http::testing::Reply;
using ceres::http::testing::Request;

class InProcessService {
protected:
    void start(int max_job_bytes) {
        var_ = freshDirectory("http");
        settings_ = ceres::app::loadConfig("");
        settings_.max_job_bytes = max_job_bytes;
        settings_.var_dir = var_;
        settings_.database_url.clear();
        settings_.dev_jwt_key = ceres::http::testing::kDevKey;
        runtime_ = std::make_unique<ceres::app::Runtime>(settings_, ceres::app::Runtime::Scope::Rendering);
        backend_ = std::make_unique<ceres::app::ServiceBackend>(*runtime_);
        ceres::http::ServerOptions options = ceres::app::httpOptions(settings_);
        options.host = "127.0.0.1";
        options.port = 0;
        options.auth.clock = [] { return ceres::http::testing::kNow; };
        server_ = std::make_unique<ceres::http::Server>(*backend_, options);
        server_->start();
    }
    void stop() {
        if (server_) server_->stop();
        server_.reset();
        backend_.reset();
        runtime_.reset();
        fs::remove_all(var_);
    }

    std::int64_t jobsInQueue() {
        std::int64_t total = 0;
        for (const auto& [status, n] : runtime_->queue().counts().by_status) total += n;
        return total;
    }

    fs::path var_;
    ceres::app::Config settings_;
    std::unique_ptr<ceres::app::Runtime> runtime_;
    std::unique_ptr<ceres::app::ServiceBackend> backend_;
    std::unique_ptr<ceres::http::Server> server_;
};

class HttpCorpus : public ::testing::TestWithParam<int>, protected InProcessService {
protected:
    void SetUp() override { start(16 * 1024 * 1024); }
    void TearDown() override { stop(); }
};

TEST_P(HttpCorpus, PostJobsRefusesEachPayloadWith400Or422AndQueuesNothing) {
    const std::string token = ceres::http::testing::tokenFor("SERVICE", "FR", "svc-hostile");
    const std::set<std::string> files_before = filesUnder(var_);
    int server_errors = 0;
    for (const Payload* p : shard(GetParam())) {
        SCOPED_TRACE(p->name);
        const Reply reply = ceres::http::testing::send(server_->port(), Request{"POST", "/v1/jobs", token, slurp(p->file)});
        if (reply.status >= 500) ++server_errors;
        EXPECT_EQ(reply.status, p->exit_code == 2 ? 400 : 422) << reply.body.substr(0, 400);
        EXPECT_EQ(checkErrors(*p, reply.body), "");
        EXPECT_EQ(jobsInQueue(), 0) << "a refused job was queued";
    }
    EXPECT_EQ(server_errors, 0);
    EXPECT_EQ(filesUnder(var_), files_before) << "a refused job left files in the var directory";
    EXPECT_EQ(filesUnder(var_ / "docs"), std::set<std::string>{});
}
INSTANTIATE_TEST_SUITE_P(Shards, HttpCorpus, ::testing::Range(0, kShards));

class HttpJobLimit : public ::testing::Test, protected InProcessService {
protected:
    void SetUp() override { start(4096); }
    void TearDown() override { stop(); }
};

// The max_job_bytes setting is the body limit of POST /v1/jobs: one byte more is 413 with a JSON
// error, and nothing is queued.
TEST_F(HttpJobLimit, ABodyOverMaxJobBytesAnswers413WithAJsonError) {
    const std::string token = ceres::http::testing::tokenFor("SERVICE", "FR", "svc-hostile");
    std::string job = slurp(fs::path(CERES_SOURCE_DIR) / "samples" / "print-batch.json");
    job.append(4096 - job.size(), ' ');
    const Reply fits = ceres::http::testing::send(server_->port(), Request{"POST", "/v1/jobs", token, job});
    EXPECT_EQ(fits.status, 202) << fits.body;
    job += ' ';
    const Reply over = ceres::http::testing::send(server_->port(), Request{"POST", "/v1/jobs", token, job});
    EXPECT_EQ(over.status, 413) << over.body;
    const auto errors =
        Poco::JSON::Parser().parse(over.body).extract<Poco::JSON::Object::Ptr>()->getArray("errors");
    ASSERT_TRUE(errors && errors->size() == 1) << over.body;
    EXPECT_NE(errors->getObject(0)->getValue<std::string>("message").find("4096 bytes"), std::string::npos) << over.body;
    EXPECT_EQ(jobsInQueue(), 1);
}

}  // namespace
