#pragma once
// The incremental update that adds a signature to a PDF written with a classic cross-reference
// table: the signature dictionary, an invisible signature field on the first page, the catalog
// with its /AcroForm, the page with its /Annots, a cross-reference section and a trailer. In a
// tagged PDF the field also joins the structure tree: a Form element with an OBJR to the widget,
// under the document element, and the widget's /StructParent entry in the parent tree.
#include <cstddef>
#include <string>
#include <string_view>

namespace ceres::sign {

struct PreparedUpdate {
    std::string bytes;              // the PDF and its update, /ByteRange final, /Contents all '0'
    std::size_t contents_begin = 0;  // offset of the first hex digit of /Contents
    std::size_t contents_digits = 0;
};

// `reserved`: bytes kept in /Contents for the DER signature (twice as many hex digits).
PreparedUpdate prepareSignatureUpdate(std::string_view pdf, std::size_t reserved);

}  // namespace ceres::sign
