#pragma once
// PAdES signatures of the rendered PDFs whose kind the context names.
#include <string>
#include <vector>

#include "jobs/document.h"
#include "jobs/pipeline.h"

namespace ceres::jobs {

// Signs in place the PDFs of `context.signed_kinds`. Without a signer they stay as they are and
// `warnings` says which kinds went unsigned.
void signDocuments(std::vector<Document>& documents, const Context& context, std::vector<std::string>& warnings);

}  // namespace ceres::jobs
