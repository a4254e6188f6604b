#pragma once
// Settings of the service: defaults for the embedded setup, overridden by a config file
// (key = value properties) and then by CERES_* environment variables.
#include <filesystem>
#include <string>
#include <vector>

namespace ceres::app {

struct Config {
    std::filesystem::path resources;   // CERES_HOME: holds schemas/, templates/, fonts/
    std::filesystem::path var_dir = "var";  // CERES_VAR_DIR: SQLite queue and document files
    std::string database_url;          // CERES_DATABASE_URL: empty = SQLite under var_dir
    int port = 8080;                   // CERES_PORT
    int workers = 2;                   // CERES_WORKERS: worker threads of `serve` (0: API only) and `worker` (at least 1)
    int max_attempts = 5;              // CERES_MAX_ATTEMPTS before a job goes dead
    int lease_seconds = 30;            // CERES_LEASE_SECONDS: a dead worker's job runs elsewhere after this
    int max_lease_losses = 20;         // CERES_MAX_LEASE_LOSSES: lost leases (killed workers) before a job goes dead
    int render_threads = 0;            // CERES_RENDER_THREADS: threads one job's documents render on (0: the machine's cores)
    // CERES_DEV_MODE=1: a development run. Only then are the built-in development keys (the HS256
    // token key and the DEV1 seal pair, both public in the source) used or accepted, `token` works,
    // and every parchemin sealed with the development key carries "SPÉCIMEN — sans valeur".
    bool dev_mode = false;
    std::string dev_jwt_key;           // CERES_DEV_JWT_KEY: HS256 key for development tokens (dev_mode only)
    std::string jwt_public_keys;       // CERES_JWT_PUBLIC_KEYS: PEM files for RS256/ES256, comma separated
    std::filesystem::path seal_private_key;  // CERES_SEAL_PRIVATE_KEY: PEM of the parchemin signing key
    std::string seal_key_id;           // CERES_SEAL_KEY_ID: 4 characters
    std::string seal_public_keys;      // CERES_SEAL_PUBLIC_KEYS: id=path.pem,id=path.pem
    // CERES_PUBLIC_URL: where the public reaches this service, e.g. https://verif.example.fr;
    // parchemins then print their verification address. Empty: they say how to verify without one.
    std::string public_url;
    // The HTTP server of `serve`: worker threads, open connections (all clients, one address),
    // seconds allowed for a request head and for an idle keep-alive connection.
    int http_threads = 16;                   // CERES_HTTP_THREADS
    int http_max_connections = 4096;         // CERES_HTTP_MAX_CONNECTIONS
    int http_connections_per_address = 256;  // CERES_HTTP_CONNECTIONS_PER_ADDRESS
    int http_header_timeout_seconds = 10;    // CERES_HTTP_HEADER_TIMEOUT_SECONDS
    int http_keep_alive_seconds = 30;        // CERES_HTTP_KEEP_ALIVE_SECONDS
    // The public verification routes, per client address: CERES_PUBLIC_RATE_PER_MINUTE requests a
    // minute after a burst of CERES_PUBLIC_BURST (0 a minute: no limit); uploaded pictures of at
    // most CERES_MAX_PICTURE_BYTES.
    int public_rate_per_minute = 60;
    int public_burst = 30;
    int max_picture_bytes = 8 * 1024 * 1024;
    // CERES_TRUSTED_PROXIES: reverse proxies (addresses, CIDR ranges, comma separated) whose
    // X-Forwarded-For names the client the rate limit counts. Empty: the header is ignored.
    std::string trusted_proxies;
    // CERES_MAX_JOB_BYTES: the largest job text, 1 KiB to 256 MiB; a larger job file is refused by
    // the command line (exit 2) and a larger POST /v1/jobs body answers 413.
    int max_job_bytes = 16 * 1024 * 1024;
    // CERES_PDF_SIGNING_CERT (the certificate, then its CA certificates) and CERES_PDF_SIGNING_KEY:
    // PEM files that sign PDFs (PAdES B-B). Unset: PDFs are unsigned and jobs say so in their warnings.
    std::filesystem::path pdf_signing_cert;
    std::filesystem::path pdf_signing_key;
    // CERES_PDF_SIGNED_KINDS: the document kinds signed, comma separated (PDFs held in memory only).
    std::vector<std::string> pdf_signed_kinds{"pv_general", "pv_individuel"};
    // Derived, not a setting: the seal private key is the built-in development key (dev_mode only).
    bool development_seal = false;
};

// The built-in development keys, public in the source: never a production secret.
inline constexpr const char* kBuiltInDevJwtKey = "ceres-development-key-not-for-production";
inline constexpr const char* kBuiltInDevSealKeyId = "DEV1";


// Reads `file` (may be empty) then the environment. Throws std::runtime_error for a value out of
// range (a port outside 0-65535, negative workers or rate, fewer than one attempt, lease second or
// burst, a picture limit outside 1 KiB-256 MiB),
// for a public URL that is not a plain absolute http(s) address of at most 80 characters, for a
// signing certificate without its key (or the reverse) and for a signed kind that is not a PDF.
// Outside dev_mode it also refuses a development token key and the built-in development seal key
// (private or public); in dev_mode the built-in keys are the defaults of the unset key settings.
Config loadConfig(const std::string& file);

}  // namespace ceres::app
