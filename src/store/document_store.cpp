#include "store/document_store.h"

#include <algorithm>
#include <stdexcept>

#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>

#include "store/blob_store.h"
#include "store/database.h"
#include "store/ids.h"
#include "store/rows.h"
#include "files/transient.h"

namespace ceres::store {
namespace {

using namespace Poco::Data::Keywords;

constexpr const char* kColumns =
    "id, job_id, kind, file_name, mime, session_id, candidate_id, version, supersedes, sha256, pages, "
    "size, unique_number, ud_code, region, siret, created_at";

DocumentInfo infoFrom(const Rows& rows, std::size_t row) {
    DocumentInfo info;
    info.id = rows.text(row, "id");
    info.job_id = rows.text(row, "job_id");
    info.kind = rows.text(row, "kind");
    info.file_name = rows.text(row, "file_name");
    info.mime = rows.text(row, "mime");
    info.session_id = rows.text(row, "session_id");
    info.candidate_id = rows.text(row, "candidate_id");
    info.version = static_cast<int>(rows.integer(row, "version"));
    info.supersedes = static_cast<int>(rows.integer(row, "supersedes"));
    info.sha256 = rows.text(row, "sha256");
    info.pages = static_cast<int>(rows.integer(row, "pages"));
    info.size = static_cast<std::uint64_t>(rows.integer(row, "size"));
    info.unique_number = rows.text(row, "unique_number");
    info.perimeter = {rows.text(row, "ud_code"), rows.text(row, "region"), rows.text(row, "siret")};
    info.created_at = fromMillis(rows.integer(row, "created_at"));
    return info;
}

ByteRange clip(std::optional<ByteRange> range, std::uint64_t size) {
    if (!range) return {0, size};
    const auto offset = std::min(range->offset, size);
    return {offset, std::min(range->length, size - offset)};
}

template <typename Work>
auto guarded(const std::string& action, Work&& work) {
    try {
        return work();
    } catch (const Poco::Exception& e) {
        throw files::TransientError("store: " + action + " failed: " + e.displayText());
    }
}

}  // namespace

DocumentStore::DocumentStore(Database& database) : database_(database), blobs_(makeBlobStore(database)) {}

DocumentStore::~DocumentStore() = default;

std::string DocumentStore::documentId(const std::string& job_id, const std::string& file_name) {
    return "doc_" + sha256Hex(job_id + '\n' + file_name).substr(0, 32);
}

std::vector<DocumentInfo> DocumentStore::save(const DocumentScope& scope,
                                              const std::vector<jobs::Document>& documents) {
    const StagedDocuments staged = stage(documents);
    try {
        auto connection = database_.connect();
        guarded("saving documents", [&] {
            inTransaction(connection, [&] { record(connection.session(), scope, documents, staged); });
        });
    } catch (...) {
        discard(staged);
        throw;
    }
    std::vector<DocumentInfo> saved;
    for (const auto& document : documents) saved.push_back(find(documentId(scope.job_id, document.file_name)).value());
    return saved;
}

StagedDocuments DocumentStore::stage(const std::vector<jobs::Document>& documents) {
    StagedDocuments staged;
    try {
        for (const auto& document : documents) {
            // The pipeline hashed each document already; documents built elsewhere may not carry one.
            const auto sha256 = !document.sha256.empty() ? document.sha256
                                : document.spool       ? document.spool->sha256()
                                                       : sha256Hex(document.bytes);
            const bool created =
                document.spool ? blobs_->putFile(sha256, document.spool->path()) : blobs_->put(sha256, document.bytes);
            if (created) staged.created.push_back(sha256);
            staged.sha256.push_back(sha256);
        }
    } catch (...) {
        discard(staged);  // a disk that filled up midway keeps nothing of the attempt
        throw;
    }
    return staged;
}

void DocumentStore::record(Poco::Data::Session& session, const DocumentScope& scope,
                           const std::vector<jobs::Document>& documents, const StagedDocuments& staged) {
    if (staged.sha256.size() != documents.size()) throw std::logic_error("store: documents recorded without their bytes");
    for (std::size_t i = 0; i < documents.size(); ++i) upsert(session, scope, documents[i], staged.sha256[i]);
}

void DocumentStore::discard(const StagedDocuments& staged) noexcept {
    for (const auto& sha256 : staged.created) {
        try {
            blobs_->removeUnreferenced(sha256);
        } catch (...) {
            // Unreferenced bytes are never served; the error that brought us here matters more.
        }
    }
}

void DocumentStore::upsert(Poco::Data::Session& session, const DocumentScope& scope, const jobs::Document& document,
                           const std::string& sha256) {
    guarded("saving " + document.file_name, [&] {
        session << database_.sql(std::string("INSERT INTO documents (") + kColumns +
                                              ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                              "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, "
                                              "mime = excluded.mime, session_id = excluded.session_id, "
                                              "candidate_id = excluded.candidate_id, version = excluded.version, "
                                              "supersedes = excluded.supersedes, sha256 = excluded.sha256, "
                                              "pages = excluded.pages, size = excluded.size, "
                                              "unique_number = excluded.unique_number, ud_code = excluded.ud_code, "
                                              "region = excluded.region, siret = excluded.siret"),
            bind(documentId(scope.job_id, document.file_name)), useRef(scope.job_id), useRef(document.kind),
            useRef(document.file_name), useRef(document.mime), useRef(document.session_id),
            useRef(document.candidate_id), useRef(document.version), useRef(document.supersedes), useRef(sha256),
            useRef(document.pages), bind(static_cast<std::int64_t>(document.size())),
            bind(document.unique_number.value_or("")), useRef(scope.perimeter.ud_code), useRef(scope.perimeter.region),
            useRef(scope.perimeter.siret), bind(toMillis(database_.now())), now;
    });
}

std::optional<DocumentInfo> DocumentStore::find(const std::string& id) {
    auto found = select("id = ?", id);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::optional<StoredDocument> DocumentStore::get(const std::string& id, std::optional<ByteRange> range) {
    auto info = find(id);
    if (!info) return std::nullopt;
    const auto part = clip(range, info->size);
    std::string bytes = part.length == 0 ? std::string() : blobs_->read(info->sha256, part.offset, part.length);
    return StoredDocument{std::move(*info), std::move(bytes)};
}

std::vector<DocumentInfo> DocumentStore::latestOfSession(const std::string& session_id) {
    auto all = select("session_id = ? ORDER BY kind, candidate_id, version DESC, created_at DESC, id", session_id);
    std::vector<DocumentInfo> latest;
    for (auto& info : all) {
        const bool older_version = !latest.empty() && latest.back().kind == info.kind &&
                                   latest.back().candidate_id == info.candidate_id;
        if (!older_version) latest.push_back(std::move(info));
    }
    return latest;
}

std::vector<DocumentInfo> DocumentStore::ofJob(const std::string& job_id) {
    return select("job_id = ? ORDER BY file_name", job_id);
}

std::vector<DocumentInfo> DocumentStore::select(const std::string& where, const std::string& value) {
    return guarded("reading documents", [&] {
        auto connection = database_.connect();
        Poco::Data::Statement statement(connection.session());
        statement << database_.sql(std::string("SELECT ") + kColumns + " FROM documents WHERE " + where),
            useRef(value);
        statement.execute();
        const Rows rows(statement);
        std::vector<DocumentInfo> infos;
        for (std::size_t row = 0; row < rows.size(); ++row) infos.push_back(infoFrom(rows, row));
        return infos;
    });
}

}  // namespace ceres::store
