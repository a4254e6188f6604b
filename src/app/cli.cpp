#include "app/cli.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "app/config.h"
#include "app/runtime.h"
#include "store/store.h"
#include "app/service.h"
#include "http/auth.h"
#include "jobs/pipeline.h"
#include "seal/verifier.h"
#include "seal/withdrawal_list.h"

namespace ceres::app {
namespace {

constexpr int kExitOther = 1;

const char* kUsage =
    "usage: ceres-docs <command> [options]\n"
    "  validate JOB.json            schema and rule checks only\n"
    "  render JOB.json --out DIR    render the job's documents into DIR, print the manifest\n"
    "  serve [--port N] [--config FILE]  HTTP API with in-process workers\n"
    "  worker [--config FILE]       a worker only, pulling from the configured queue\n"
    "  verify CODE [--withdrawals FILE [--max-age-days N]]  check a parchemin's barcode content,\n"
    "                               and that it is not on the signed withdrawal list FILE\n"
    "  token --profile P --perimeter X [--sub S] [--ttl SECONDS]  development token (CERES_DEV_MODE=1 only)\n"
    "common option: --config FILE (key = value properties, ceres.<setting>)\n";

struct Args {
    std::string command;
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;
};

Args parseArgs(int argc, char** argv) {
    Args args;
    if (argc > 1) args.command = argv[1];
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        if (a.rfind("--", 0) == 0 && i + 1 < argc) {
            args.options[a.substr(2)] = argv[++i];
        } else {
            args.positional.push_back(a);
        }
    }
    return args;
}

int usageError(const std::string& message) {
    std::cerr << jobs::problemsToJson({jobs::Problem{"", "", message}}) << "\n" << kUsage;
    return kExitOther;
}

jobs::Outcome invalidFile(const std::string& message) {
    jobs::Outcome outcome;
    outcome.verdict = jobs::Verdict::Invalid;
    outcome.problems = {jobs::Problem{"", "", message}};
    return outcome;
}

// Reads the job file; a missing, unreadable or too large file is an error of the caller's input
// (exit 2). A file over max_job_bytes is refused before it is read.
std::optional<jobs::Outcome> readJobFile(const std::string& path, const Config& config, std::string& text) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    const auto limit = static_cast<std::uintmax_t>(config.max_job_bytes);
    if (!error && size > limit)
        return invalidFile(path + " is " + std::to_string(size) + " bytes, over the limit of " + std::to_string(limit) +
                           " bytes (setting max_job_bytes, CERES_MAX_JOB_BYTES; at most 256 MiB)");
    std::ifstream in(path, std::ios::binary);
    if (!in) return invalidFile("cannot read " + path);
    // Read in one piece when the size is known; a pipe or a growing file is read to its end.
    text.clear();
    if (!error) {
        text.resize(static_cast<std::size_t>(size));
        in.read(text.data(), static_cast<std::streamsize>(text.size()));
        text.resize(static_cast<std::size_t>(in.gcount()));
    }
    if (in) {
        std::ostringstream rest;
        rest << in.rdbuf();
        text += rest.str();
    }
    if (in.bad()) return invalidFile("cannot read " + path);
    return std::nullopt;
}

int reportProblems(const jobs::Outcome& outcome) {
    std::cerr << jobs::problemsToJson(outcome.problems) << "\n";
    return static_cast<int>(outcome.verdict);
}

void printWarnings(const jobs::Outcome& outcome) {
    for (const auto& w : outcome.warnings) std::cerr << "warning: " << w << "\n";
}

int validateCommand(const Args& args, const Config& config) {
    if (args.positional.size() != 1) return usageError("validate needs exactly one JOB.json");
    std::string text;
    if (const auto refused = readJobFile(args.positional[0], config, text)) return reportProblems(*refused);
    Runtime runtime(config, Runtime::Scope::ChecksOnly);
    const jobs::Outcome outcome = runtime.pipeline().validate(text);
    printWarnings(outcome);
    if (outcome.verdict != jobs::Verdict::Done) return reportProblems(outcome);
    std::cout << "{\"valid\":true}\n";
    return 0;
}

int renderCommand(const Args& args, const Config& config) {
    if (args.positional.size() != 1) return usageError("render needs exactly one JOB.json");
    const auto out = args.options.find("out");
    if (out == args.options.end()) return usageError("render needs --out DIR");
    std::string text;
    if (const auto refused = readJobFile(args.positional[0], config, text)) return reportProblems(*refused);
    Runtime runtime(config, Runtime::Scope::Rendering);
    const jobs::Outcome outcome = runtime.pipeline().render(text);
    printWarnings(outcome);
    if (outcome.verdict != jobs::Verdict::Done) return reportProblems(outcome);
    const std::string manifest = writeDocuments(outcome.documents, out->second, runtime.pipeline().context().render_threads);
    runtime.store().parchemins().recordIssued(outcome.parchemins);  // issued once their files are written
    if (outcome.pv_results) runtime.store().parchemins().recordPvResults(*outcome.pv_results);
    std::cout << manifest << "\n";
    return 0;
}

constexpr const char* kOfflineNote =
    "offline verification cannot know whether this parchemin was withdrawn after it was issued: verify it "
    "online, or give --withdrawals FILE, the signed list of GET /v1/withdrawals";

// Exit 2 with the list's problem: a list that cannot be read, checked or relied on says nothing.
int badWithdrawalList(const std::string& path, const std::string& problem) {
    std::cerr << jobs::problemsToJson({jobs::Problem{"", "R-DOC-7", "withdrawal list " + path + ": " + problem}})
              << "\n";
    return static_cast<int>(jobs::Verdict::Invalid);
}

int verifyCommand(const Args& args, const Config& config) {
    if (args.positional.size() != 1) return usageError("verify needs exactly one CODE");
    const auto verifier = loadVerifier(config);
    std::optional<seal::WithdrawalList> list;
    if (const auto file = args.options.find("withdrawals"); file != args.options.end()) {
        long max_age_days = 30;
        if (const auto age = args.options.find("max-age-days"); age != args.options.end()) {
            try {
                std::size_t used = 0;
                max_age_days = std::stol(age->second, &used);
                if (used != age->second.size() || max_age_days < 0) throw std::invalid_argument("");
            } catch (const std::exception&) {
                return usageError("--max-age-days needs a whole number of days, 0 or more");
            }
        }
        std::string text;
        if (const auto refused = readJobFile(file->second, config, text))
            return badWithdrawalList(file->second, refused->problems.front().message.rfind("cannot read", 0) == 0
                                                       ? "cannot be read"
                                                       : refused->problems.front().message);
        seal::ListVerification checked = seal::verifyWithdrawalList(*verifier, text);
        if (!checked.valid) return badWithdrawalList(file->second, checked.reason);
        const std::string stale = seal::freshnessProblem(checked.list, std::chrono::system_clock::now(),
                                                         std::chrono::hours(24) * max_age_days);
        if (!stale.empty()) return badWithdrawalList(file->second, stale);
        list = std::move(checked.list);
    }
    const seal::Verification v = verifier->verify(args.positional[0]);
    if (!v.valid()) {
        std::cerr << jobs::problemsToJson({jobs::Problem{"", "R-DOC-2", std::string(seal::toString(v.status)) + ": " + v.reason}})
                  << "\n";
        return static_cast<int>(jobs::Verdict::Refused);
    }
    const auto withdrawn = list ? list->find(v.fields.unique_number) : std::nullopt;
    Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
    out.set("valid", !withdrawn);
    out.set("status", withdrawn ? "withdrawn" : "valid");
    out.set("key_id", v.key_id);
    out.set("unique_number", v.fields.unique_number);
    out.set("last_name", v.fields.last_name);
    out.set("first_names", v.fields.first_names);
    out.set("birth_date", v.fields.birth_date);
    out.set("title_code", v.fields.title_code);
    out.set("level", v.fields.level);
    out.set("issued_on", v.fields.issued_on);
    out.set("ud_code", v.fields.ud_code);
    Poco::JSON::Object check(Poco::JSON_PRESERVE_KEY_ORDER);
    check.set("checked", list.has_value());
    if (list) {
        check.set("list_issued_at", list->issued_at);
        check.set("list_key_id", list->key_id);
    } else {
        check.set("note", std::string(kOfflineNote));
    }
    out.set("withdrawal_check", check);
    if (withdrawn) {
        Poco::JSON::Object withdrawal(Poco::JSON_PRESERVE_KEY_ORDER);
        withdrawal.set("date", withdrawn->withdrawn_on);
        if (withdrawn->reason.empty())
            withdrawal.set("reason", Poco::Dynamic::Var());
        else
            withdrawal.set("reason", withdrawn->reason);
        out.set("withdrawal", withdrawal);
    } else {
        out.set("withdrawal", Poco::Dynamic::Var());
    }
    out.stringify(std::cout);
    std::cout << "\n";
    if (withdrawn) {
        std::cerr << jobs::problemsToJson({jobs::Problem{
                         "", "R-DOC-7",
                         "parchemin " + v.fields.unique_number + " was withdrawn on " + withdrawn->withdrawn_on +
                             (withdrawn->reason.empty() ? " (the reason is not public)" : ": " + withdrawn->reason) +
                             "; it is no longer valid"}})
                  << "\n";
        return static_cast<int>(jobs::Verdict::Refused);
    }
    if (!list) std::cerr << "warning: " << kOfflineNote << "\n";
    return 0;
}

int tokenCommand(const Args& args, const Config& config) {
    if (!config.dev_mode)
        return usageError("token issues development tokens and works only in a development run (CERES_DEV_MODE=1); "
                          "production tokens come from the identity provider (RS256/ES256, jwt_public_keys)");
    const auto profile = args.options.find("profile");
    const auto perimeter = args.options.find("perimeter");
    if (profile == args.options.end() || perimeter == args.options.end())
        return usageError("token needs --profile P --perimeter X");
    const auto sub = args.options.find("sub");
    const auto ttl = args.options.find("ttl");
    std::cout << http::issueDevelopmentToken(config.dev_jwt_key,
                                             sub == args.options.end() ? "dev-" + profile->second : sub->second,
                                             profile->second, perimeter->second,
                                             ttl == args.options.end() ? 3600 : std::stoi(ttl->second))
              << "\n";
    return 0;
}

// Said on every start of a long-running development process, where its operator looks.
void developmentBanner(const Config& config) {
    if (!config.dev_mode) return;
    std::cerr << "ceres-docs: ************************************************************************\n"
                 "ceres-docs: DEVELOPMENT RUN (CERES_DEV_MODE=1): the built-in development keys are in use.\n"
                 "ceres-docs: Anyone who has read the source can mint tokens for this service"
              << (config.development_seal ? ", and every parchemin\nceres-docs: is marked \"SPÉCIMEN — sans valeur\"" : "")
              << ".\nceres-docs: Never expose it or issue its documents.\n"
                 "ceres-docs: ************************************************************************\n";
}

int workerCommand(const Config& config) {
    developmentBanner(config);
    Runtime runtime(config, Runtime::Scope::Rendering);
    runtime.pipeline().loadTemplates();
    // A worker process exists to work: `workers = 0` (an API-only `serve`) still runs one here.
    return runWorkers(runtime, std::max(1, config.workers));
}

int serveCommand(const Args& args, const Config& config) {
    developmentBanner(config);
    Runtime runtime(config, Runtime::Scope::Rendering);
    runtime.pipeline().loadTemplates();
    const auto port = args.options.find("port");
    return runServer(runtime, port == args.options.end() ? config.port : std::stoi(port->second));
}

}  // namespace

int runCli(int argc, char** argv) {
    const Args args = parseArgs(argc, argv);
    if (args.command.empty() || args.command == "--help" || args.command == "help") {
        std::cout << kUsage;
        return args.command.empty() ? kExitOther : 0;
    }
    try {
        const auto config_file = args.options.find("config");
        const Config config = loadConfig(config_file == args.options.end() ? "" : config_file->second);
        if (args.command == "validate") return validateCommand(args, config);
        if (args.command == "render") return renderCommand(args, config);
        if (args.command == "verify") return verifyCommand(args, config);
        if (args.command == "token") return tokenCommand(args, config);
        if (args.command == "worker") return workerCommand(config);
        if (args.command == "serve") return serveCommand(args, config);
        return usageError("unknown command '" + args.command + "'");
    } catch (const std::exception& e) {
        std::cerr << jobs::problemsToJson({jobs::Problem{"", "", e.what()}}) << "\n";
        return kExitOther;
    }
}

}  // namespace ceres::app
