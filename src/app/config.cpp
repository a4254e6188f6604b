#include "app/config.h"

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/URI.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include "seal/sealer.h"
#include "seal/verifier.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace ceres::app {
namespace {

// One setting: its name in the config file (ceres.<key>) and in the environment (CERES_<KEY>).
struct Setting {
    const char* key;
    std::function<void(Config&, const std::string&)> apply;
};

int toInt(const std::string& key, const std::string& value) {
    try {
        std::size_t used = 0;
        const int n = std::stoi(value, &used);
        if (used == value.size()) return n;
    } catch (const std::exception&) {
    }
    throw std::runtime_error("setting " + key + ": expected an integer, got '" + value + "'");
}

bool toBool(const std::string& key, const std::string& value) {
    if (value == "1" || value == "true" || value == "yes") return true;
    if (value == "0" || value == "false" || value == "no") return false;
    throw std::runtime_error("setting " + key + ": expected 1 or 0 (true/false), got '" + value + "'");
}

std::vector<std::string> kindList(const std::string& text) {
    std::vector<std::string> kinds;
    std::size_t start = 0;
    for (std::size_t comma = 0; comma != std::string::npos; start = comma + 1) {
        comma = text.find(',', start);
        std::string kind = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        kind.erase(0, kind.find_first_not_of(' '));
        kind.erase(kind.find_last_not_of(' ') + 1);
        if (!kind.empty()) kinds.push_back(kind);
    }
    return kinds;
}

const std::vector<Setting>& settings() {
    static const std::vector<Setting> all{
        {"home", [](Config& c, const std::string& v) { c.resources = v; }},
        {"var_dir", [](Config& c, const std::string& v) { c.var_dir = v; }},
        {"database_url", [](Config& c, const std::string& v) { c.database_url = v; }},
        {"port", [](Config& c, const std::string& v) { c.port = toInt("port", v); }},
        {"workers", [](Config& c, const std::string& v) { c.workers = toInt("workers", v); }},
        {"render_threads", [](Config& c, const std::string& v) { c.render_threads = toInt("render_threads", v); }},
        {"max_attempts", [](Config& c, const std::string& v) { c.max_attempts = toInt("max_attempts", v); }},
        {"lease_seconds", [](Config& c, const std::string& v) { c.lease_seconds = toInt("lease_seconds", v); }},
        {"max_lease_losses", [](Config& c, const std::string& v) { c.max_lease_losses = toInt("max_lease_losses", v); }},
        {"dev_mode", [](Config& c, const std::string& v) { c.dev_mode = toBool("dev_mode", v); }},
        {"dev_jwt_key", [](Config& c, const std::string& v) { c.dev_jwt_key = v; }},
        {"jwt_public_keys", [](Config& c, const std::string& v) { c.jwt_public_keys = v; }},
        {"seal_private_key", [](Config& c, const std::string& v) { c.seal_private_key = v; }},
        {"seal_key_id", [](Config& c, const std::string& v) { c.seal_key_id = v; }},
        {"seal_public_keys", [](Config& c, const std::string& v) { c.seal_public_keys = v; }},
        {"public_url", [](Config& c, const std::string& v) { c.public_url = v; }},
        {"http_threads", [](Config& c, const std::string& v) { c.http_threads = toInt("http_threads", v); }},
        {"http_max_connections",
         [](Config& c, const std::string& v) { c.http_max_connections = toInt("http_max_connections", v); }},
        {"http_connections_per_address",
         [](Config& c, const std::string& v) { c.http_connections_per_address = toInt("http_connections_per_address", v); }},
        {"http_header_timeout_seconds",
         [](Config& c, const std::string& v) { c.http_header_timeout_seconds = toInt("http_header_timeout_seconds", v); }},
        {"http_keep_alive_seconds",
         [](Config& c, const std::string& v) { c.http_keep_alive_seconds = toInt("http_keep_alive_seconds", v); }},
        {"public_rate_per_minute",
         [](Config& c, const std::string& v) { c.public_rate_per_minute = toInt("public_rate_per_minute", v); }},
        {"public_burst", [](Config& c, const std::string& v) { c.public_burst = toInt("public_burst", v); }},
        {"max_picture_bytes", [](Config& c, const std::string& v) { c.max_picture_bytes = toInt("max_picture_bytes", v); }},
        {"trusted_proxies", [](Config& c, const std::string& v) { c.trusted_proxies = v; }},
        {"max_job_bytes", [](Config& c, const std::string& v) { c.max_job_bytes = toInt("max_job_bytes", v); }},
        {"pdf_signing_cert", [](Config& c, const std::string& v) { c.pdf_signing_cert = v; }},
        {"pdf_signing_key", [](Config& c, const std::string& v) { c.pdf_signing_key = v; }},
        {"pdf_signed_kinds", [](Config& c, const std::string& v) { c.pdf_signed_kinds = kindList(v); }},
    };
    return all;
}

std::string envName(const char* key) {
    std::string name = "CERES_";
    for (const char* p = key; *p; ++p) name += static_cast<char>(std::toupper(static_cast<unsigned char>(*p)));
    return name;
}

Config defaults() {
    Config c;
    c.resources = CERES_RESOURCE_DIR;
    return c;
}

void requireRange(const char* key, int value, int low, int high) {
    if (value < low || value > high)
        throw std::runtime_error(std::string("setting ") + key + ": " + std::to_string(value) + " is outside " +
                                 std::to_string(low) + "-" + std::to_string(high));
}

// Printed on every diploma, followed by /v1/verify/<number>: an address that reads as what it
// is (no user part that would show one host and lead to another, no query or fragment that would
// swallow the path), short enough to print on one line.
void checkPublicUrl(const std::string& url) {
    if (url.empty()) return;
    constexpr std::size_t kLongest = 80;
    const auto refuse = [&url](const std::string& why) {
        throw std::runtime_error("setting public_url: " + why + ", got '" + url + "'");
    };
    if (url.size() > kLongest) refuse("at most " + std::to_string(kLongest) + " characters");
    for (const char c : url) {
        if (c <= ' ' || c > '~') refuse("printable ASCII only, no space");
    }
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception&) {
        refuse("not a URL");
    }
    if ((uri.getScheme() != "https" && uri.getScheme() != "http") || uri.getHost().empty())
        refuse("expected an absolute http(s) address such as https://verif.example.fr");
    if (url.find_first_of("@?#") != std::string::npos) refuse("no user, query or fragment part");
}

// Both files or neither; only PDFs held in memory can be signed (print batches are spooled).
void checkPdfSigning(const Config& c) {
    if (c.pdf_signing_cert.empty() != c.pdf_signing_key.empty())
        throw std::runtime_error(c.pdf_signing_cert.empty() ? "setting pdf_signing_cert: needed with pdf_signing_key"
                                                            : "setting pdf_signing_key: needed with pdf_signing_cert");
    static const std::vector<std::string> signable{"pv_general", "pv_individuel", "parchemin",  "convocation",
                                                   "convocations_merged", "dte_request", "dashboard_pdf"};
    for (const auto& kind : c.pdf_signed_kinds) {
        if (std::find(signable.begin(), signable.end(), kind) != signable.end()) continue;
        std::string names;
        for (const auto& s : signable) names += (names.empty() ? "" : ", ") + s;
        throw std::runtime_error("setting pdf_signed_kinds: '" + kind + "' is not a PDF kind that can be signed (" +
                                 names + ")");
    }
}

// Whether a PEM file holds the built-in development seal pair's private (or public) key, whatever
// its encoding: the keys are compared, not the files. A file that is not a key is left to the
// code that loads it, which names the problem.
bool isDevelopmentPrivateKey(const std::filesystem::path& file, const seal::Sealer& dev) {
    try {
        return seal::Sealer::fromFile(file, kBuiltInDevSealKeyId).publicKeyPem() == dev.publicKeyPem();
    } catch (const std::exception&) {
        return false;
    }
}

bool isDevelopmentPublicKey(const std::filesystem::path& file, const seal::Sealer& dev) {
    try {
        seal::Verifier verifier;
        verifier.addKeyFile(kBuiltInDevSealKeyId, file);
        static constexpr std::string_view kProbe = "ceres-docs: is this the development seal key?";
        return verifier.verifyDetached(kBuiltInDevSealKeyId, kProbe, dev.signDetached(kProbe)) ==
               seal::VerifyStatus::Valid;
    } catch (const std::exception&) {
        return false;
    }
}

// The built-in development keys: the defaults of a development run, refused in any other.
void applyDevelopmentMode(Config& c) {
    const std::filesystem::path keys = c.resources / "samples/keys";
    const std::filesystem::path dev_private = keys / "dev-seal-private.pem", dev_public = keys / "dev-seal-public.pem";
    const seal::Sealer dev = seal::Sealer::fromFile(dev_private, kBuiltInDevSealKeyId);
    if (c.dev_mode) {
        if (c.dev_jwt_key.empty()) c.dev_jwt_key = kBuiltInDevJwtKey;
        if (c.seal_private_key.empty()) {
            c.seal_private_key = dev_private;
            if (c.seal_key_id.empty()) c.seal_key_id = kBuiltInDevSealKeyId;
        }
        if (c.seal_public_keys.empty())
            c.seal_public_keys = std::string(kBuiltInDevSealKeyId) + "=" + dev_public.string();
        c.development_seal = isDevelopmentPrivateKey(c.seal_private_key, dev);
        return;
    }
    const std::string how = " works only in a development run (dev_mode=1, CERES_DEV_MODE=1)";
    if (!c.dev_jwt_key.empty())
        throw std::runtime_error("setting dev_jwt_key: a development token key" + how +
                                 "; a production service checks RS256/ES256 tokens with jwt_public_keys");
    if (!c.seal_private_key.empty() && isDevelopmentPrivateKey(c.seal_private_key, dev))
        throw std::runtime_error("setting seal_private_key: " + c.seal_private_key.string() +
                                 " is the built-in development seal key, public in the source; it" + how);
    std::stringstream list(c.seal_public_keys);
    for (std::string entry; std::getline(list, entry, ',');) {
        const auto eq = entry.find('=');
        if (eq != std::string::npos && isDevelopmentPublicKey(entry.substr(eq + 1), dev))
            throw std::runtime_error("setting seal_public_keys: " + entry.substr(eq + 1) +
                                     " is the built-in development public key; it" + how);
    }
}

void checkRanges(const Config& c) {
    constexpr int kNoLimit = std::numeric_limits<int>::max();
    requireRange("port", c.port, 0, 65535);
    requireRange("workers", c.workers, 0, kNoLimit);
    requireRange("render_threads", c.render_threads, 0, 256);
    requireRange("max_attempts", c.max_attempts, 1, kNoLimit);
    requireRange("lease_seconds", c.lease_seconds, 1, kNoLimit);
    requireRange("max_lease_losses", c.max_lease_losses, 1, kNoLimit);
    requireRange("http_threads", c.http_threads, 1, 1024);
    requireRange("http_max_connections", c.http_max_connections, 1, kNoLimit);
    requireRange("http_connections_per_address", c.http_connections_per_address, 1, kNoLimit);
    requireRange("http_header_timeout_seconds", c.http_header_timeout_seconds, 1, 3600);
    requireRange("http_keep_alive_seconds", c.http_keep_alive_seconds, 1, 3600);
    requireRange("public_rate_per_minute", c.public_rate_per_minute, 0, kNoLimit);
    requireRange("public_burst", c.public_burst, 1, kNoLimit);
    requireRange("max_picture_bytes", c.max_picture_bytes, 1024, 256 * 1024 * 1024);
    requireRange("max_job_bytes", c.max_job_bytes, 1024, 256 * 1024 * 1024);
    checkPublicUrl(c.public_url);
    checkPdfSigning(c);
}

}  // namespace

Config loadConfig(const std::string& file) {
    Config config = defaults();
    if (!file.empty()) {
        Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> props;
        try {
            props = new Poco::Util::PropertyFileConfiguration(file);
        } catch (const Poco::Exception& e) {
            throw std::runtime_error("cannot read config file " + file + ": " + e.displayText());
        }
        for (const auto& s : settings()) {
            const std::string key = std::string("ceres.") + s.key;
            if (props->hasProperty(key)) s.apply(config, props->getString(key));
        }
    }
    for (const auto& s : settings()) {
        if (const char* value = std::getenv(envName(s.key).c_str()); value && *value) s.apply(config, value);
    }
    applyDevelopmentMode(config);
    checkRanges(config);
    return config;
}

}  // namespace ceres::app
