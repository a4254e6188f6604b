// The request parts parsed before any handler: the path through the router (placeholders are
// percent-decoded), the Range header, If-None-Match and the download file name. The first byte
// picks one. Contract: the router throws only ClientError (400); a range is Whole,
// Unsatisfiable or a part inside the document; nothing else throws.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "http/documents.h"
#include "http/router.h"
#include "support.h"

namespace {
using namespace ceres::http;

const Router& router() {
    static const Router r = [] {
        Router r;
        for (const char* pattern : {"/v1/jobs", "/v1/jobs/{id}", "/v1/documents/{id}", "/v1/sessions/{session_id}/documents",
                                    "/v1/print-batches/{id}", "/v1/print-batches/{id}/ack", "/v1/verify/{unique_number}",
                                    "/v1/verify", "/v1/parchemins/{unique_number}/withdraw", "/v1/withdrawals",
                                    "/healthz", "/readyz", "/metrics", "/"})
            r.add({"GET", pattern, Access::Public, [](Exchange&) {}});
        r.add({"POST", "/v1/jobs", Access::Authenticated, [](Exchange&) {}});
        return r;
    }();
    return r;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 4) {
        case 0:
            try {
                const RouteMatch m = router().match(size % 2 ? "GET" : "POST", text);
                for (const auto& [name, value] : m.params) {
                    if (value.empty()) ceres::fuzz::broken("an empty placeholder matched");
                    for (const unsigned char c : value)
                        if (c < 0x20 || c == 0x7f) ceres::fuzz::broken("a decoded control character");
                }
            } catch (const ClientError& e) {
                if (e.status() != Poco::Net::HTTPResponse::HTTP_BAD_REQUEST) ceres::fuzz::broken("not a 400");
            }
            break;
        case 1: {
            std::uint64_t document_size = 0;
            std::memcpy(&document_size, data + 1, std::min<std::size_t>(size - 1, 8) / 8 * 8);
            document_size %= 1u << 30;
            const std::string header = size > 9 ? text.substr(8) : text;
            const RangeRequest r = parseRange(header, document_size);
            if (r.kind == RangeRequest::Kind::Part &&
                (r.range.first > r.range.last || r.range.last >= document_size))
                ceres::fuzz::broken("a range outside the document");
            break;
        }
        case 2:
            etagMatches(text, "\"0123456789abcdef\"");
            break;
        default: {
            const std::string disposition = contentDisposition(text);
            for (const unsigned char c : disposition)
                if (c < 0x20 || c >= 0x7f) ceres::fuzz::broken("a header value that is not printable ASCII");
        }
    }
    return 0;
}
