#pragma once
// Turns rendered PDFs into pipeline Documents with deterministic metadata.
#include <Poco/JSON/Object.h>

#include <string>

#include "jobs/document.h"
#include "render/engine.h"

namespace ceres::jobs {

// Metadata taken from the job (never the clock) so the same job gives the same bytes.
render::PdfMeta pdfMeta(const std::string& title, const std::string& author, const std::string& date_iso,
                        const std::string& id_seed);

Document pdfDocument(std::string kind, std::string file_name, const render::RenderedPdf& pdf);

// File names say what a document is; characters outside [A-Za-z0-9._-] become '-'.
std::string safeFilePart(const std::string& text);

}  // namespace ceres::jobs
