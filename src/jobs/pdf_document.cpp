#include "jobs/pdf_document.h"

namespace ceres::jobs {

render::PdfMeta pdfMeta(const std::string& title, const std::string& author, const std::string& date_iso,
                        const std::string& id_seed) {
    render::PdfMeta meta;
    meta.title = title;
    meta.author = author;
    meta.subject = "CERES — titres professionnels";
    meta.creation_date = date_iso;
    meta.document_id_seed = id_seed;
    return meta;
}

Document pdfDocument(std::string kind, std::string file_name, const render::RenderedPdf& pdf) {
    Document d;
    d.kind = std::move(kind);
    d.file_name = std::move(file_name);
    d.mime = kPdfMime;
    d.pages = pdf.pages;
    d.bytes = pdf.bytes;
    return d;
}

std::string safeFilePart(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                          c == '_' || c == '-';
        out += keep ? static_cast<char>(c) : '-';
    }
    return out;
}

}  // namespace ceres::jobs
