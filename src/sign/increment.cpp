#include "sign/increment.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <stdexcept>

namespace ceres::sign {
namespace {

[[noreturn]] void unsupported(const std::string& why) {
    throw std::runtime_error("PDF signature: cannot update this PDF: " + why);
}

bool isDelimiter(char c) {
    return std::isspace(static_cast<unsigned char>(c)) || std::string_view("()<>[]{}/%").find(c) != std::string_view::npos;
}

std::size_t skipSpace(std::string_view text, std::size_t at) {
    while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at]))) ++at;
    return at;
}

// Where the value of /key starts in a dictionary's text; npos when the key is absent.
std::size_t valueOf(std::string_view dictionary, std::string_view key) {
    const std::string name = "/" + std::string(key);
    for (std::size_t at = dictionary.find(name); at != std::string_view::npos; at = dictionary.find(name, at + 1)) {
        const std::size_t end = at + name.size();
        if (end == dictionary.size() || isDelimiter(dictionary[end])) return skipSpace(dictionary, end);
    }
    return std::string_view::npos;
}

// A non-negative integer at `at`; `at` moves past it and the spaces after it.
long long integerAt(std::string_view text, std::size_t& at, const std::string& what) {
    const std::size_t start = at;
    long long value = 0;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) value = value * 10 + (text[at++] - '0');
    if (at == start) unsupported("expected a number for " + what);
    at = skipSpace(text, at);
    return value;
}

// The object number of the reference "N G R" at `at`.
int referenceAt(std::string_view text, std::size_t at, const std::string& what) {
    if (at == std::string_view::npos) unsupported("no " + what);
    const long long number = integerAt(text, at, what);
    integerAt(text, at, what);
    if (at >= text.size() || text[at] != 'R') unsupported(what + " is not a reference");
    return static_cast<int>(number);
}

int referenceOf(std::string_view dictionary, std::string_view key) {
    return referenceAt(dictionary, valueOf(dictionary, key), "/" + std::string(key));
}

// The text from the bracket or parenthesis at `at` to its match, both included.
std::string_view balancedAt(std::string_view text, std::size_t at, char open, char close, const std::string& what) {
    if (at == std::string_view::npos || at >= text.size() || text[at] != open) unsupported("no " + what);
    int depth = 0;
    for (std::size_t i = at; i < text.size(); ++i) {
        if (text[i] == '\\' && open == '(') { ++i; continue; }
        if (text[i] == open) ++depth;
        if (text[i] == close && --depth == 0) return text.substr(at, i - at + 1);
    }
    unsupported("unterminated " + what);
}

class ClassicPdf {
public:
    explicit ClassicPdf(std::string_view pdf) : pdf_(pdf) {
        const std::size_t startxref = pdf.rfind("startxref");
        if (startxref == std::string_view::npos) unsupported("no startxref");
        std::size_t at = skipSpace(pdf, startxref + 9);
        last_xref_ = static_cast<std::size_t>(integerAt(pdf, at, "startxref"));
        trailer_ = readSection(last_xref_);
        for (std::string_view trailer = trailer_; valueOf(trailer, "Prev") != std::string_view::npos;) {
            std::size_t prev = valueOf(trailer, "Prev");
            trailer = readSection(static_cast<std::size_t>(integerAt(trailer, prev, "/Prev")));
        }
    }

    std::string_view trailer() const { return trailer_; }
    std::size_t lastXref() const { return last_xref_; }

    // The dictionary text "<<...>>" of object `number`, which must not be a stream.
    std::string_view dictionary(int number) const {
        const auto found = offsets_.find(number);
        if (found == offsets_.end()) unsupported("object " + std::to_string(number) + " is not in the xref table");
        const std::size_t begin = pdf_.find("obj", found->second);
        const std::size_t end = pdf_.find("endobj", found->second);
        if (begin == std::string_view::npos || end == std::string_view::npos || begin > end)
            unsupported("object " + std::to_string(number) + " is not where the xref table says");
        std::string_view body = pdf_.substr(begin + 3, end - begin - 3);
        const std::size_t open = body.find("<<"), close = body.rfind(">>");
        if (open == std::string_view::npos || close == std::string_view::npos ||
            body.find("stream") != std::string_view::npos)
            unsupported("object " + std::to_string(number) + " is not a dictionary");
        return body.substr(open, close + 2 - open);
    }

private:
    // Reads one xref section (entries already known from a newer section win) and returns its trailer.
    std::string_view readSection(std::size_t offset) {
        if (offset >= pdf_.size() || pdf_.compare(offset, 4, "xref") != 0)
            unsupported("no classic cross-reference table (a cross-reference stream?)");
        std::size_t at = skipSpace(pdf_, offset + 4);
        while (at < pdf_.size() && std::isdigit(static_cast<unsigned char>(pdf_[at]))) {
            const long long first = integerAt(pdf_, at, "xref section"), count = integerAt(pdf_, at, "xref section");
            for (long long i = 0; i < count; ++i) {
                const long long where = integerAt(pdf_, at, "xref entry");
                integerAt(pdf_, at, "xref entry");
                if (at < pdf_.size() && pdf_[at] == 'n') offsets_.emplace(static_cast<int>(first + i), where);
                at = skipSpace(pdf_, at + 1);
            }
        }
        if (pdf_.compare(at, 7, "trailer") != 0) unsupported("no trailer after the xref table");
        const std::size_t open = pdf_.find("<<", at), end = pdf_.find("startxref", at);
        if (open == std::string_view::npos || end == std::string_view::npos) unsupported("malformed trailer");
        return pdf_.substr(open, end - open);
    }

    std::string_view pdf_;
    std::size_t last_xref_ = 0;
    std::string_view trailer_;
    std::map<int, std::size_t> offsets_;
};

int firstPage(const ClassicPdf& pdf, int catalog) {
    int node = referenceOf(pdf.dictionary(catalog), "Pages");
    for (int depth = 0; depth < 32; ++depth) {
        const std::string_view dictionary = pdf.dictionary(node);
        const std::size_t kids = valueOf(dictionary, "Kids");
        if (kids == std::string_view::npos) return node;
        const std::string_view list = balancedAt(dictionary, kids, '[', ']', "/Kids array");
        node = referenceAt(list, skipSpace(list, 1), "first page");
    }
    unsupported("page tree too deep");
}

// `dictionary` with `entries` added before its closing ">>".
std::string withEntries(std::string_view dictionary, const std::string& entries) {
    std::string out(dictionary.substr(0, dictionary.size() - 2));
    return out + entries + ">>";
}

std::string pageWithAnnotation(std::string_view page, int widget) {
    const std::string reference = std::to_string(widget) + " 0 R";
    const std::size_t annots = valueOf(page, "Annots");
    if (annots == std::string_view::npos) return withEntries(page, "/Annots[" + reference + "]");
    if (page[annots] != '[') unsupported("the first page's /Annots is not a direct array");
    return std::string(page.substr(0, annots + 1)) + reference + " " + std::string(page.substr(annots + 1));
}

std::string catalogWithForm(std::string_view catalog, int widget) {
    if (valueOf(catalog, "AcroForm") != std::string_view::npos) unsupported("it already has a form");
    return withEntries(catalog, "/AcroForm<</Fields[" + std::to_string(widget) + " 0 R]/SigFlags 3>>");
}

std::string object(int number, const std::string& body) {
    return std::to_string(number) + " 0 obj\n" + body + "\nendobj\n";
}

std::string xrefSection(const std::map<int, std::size_t>& offsets) {
    std::string out = "xref\n";
    for (auto it = offsets.begin(); it != offsets.end();) {
        auto end = it;
        int next = it->first;
        while (end != offsets.end() && end->first == next) ++end, ++next;
        out += std::to_string(it->first) + " " + std::to_string(next - it->first) + "\n";
        for (; it != end; ++it) {
            char entry[32];
            std::snprintf(entry, sizeof entry, "%010llu 00000 n \n", static_cast<unsigned long long>(it->second));
            out += entry;
        }
    }
    return out;
}

std::string trailerOf(std::string_view old_trailer, int size, int catalog, std::size_t prev) {
    std::string out = "<</Size " + std::to_string(size) + "/Root " + std::to_string(catalog) + " 0 R";
    if (valueOf(old_trailer, "Info") != std::string_view::npos)
        out += "/Info " + std::to_string(referenceOf(old_trailer, "Info")) + " 0 R";
    if (const std::size_t id = valueOf(old_trailer, "ID"); id != std::string_view::npos)
        out += "/ID" + std::string(balancedAt(old_trailer, id, '[', ']', "/ID"));
    return out + "/Prev " + std::to_string(prev) + ">>";
}

// The signature's /M: the document's /CreationDate, a literal string copied as it is.
std::string creationDate(const ClassicPdf& pdf) {
    const std::string_view trailer = pdf.trailer();
    if (valueOf(trailer, "Info") == std::string_view::npos) unsupported("no /Info to date the signature with");
    const std::string_view info = pdf.dictionary(referenceOf(trailer, "Info"));
    return std::string(balancedAt(info, valueOf(info, "CreationDate"), '(', ')', "/CreationDate"));
}

// `dictionary` with the array value of /key ending in `item`; empty when /key is not a direct array.
std::string withArrayItem(std::string_view dictionary, std::string_view key, const std::string& item) {
    const std::size_t at = valueOf(dictionary, key);
    if (at == std::string_view::npos || dictionary[at] != '[') return {};
    const std::string_view list = balancedAt(dictionary, at, '[', ']', "/" + std::string(key));
    const std::size_t close = at + list.size() - 1;
    return std::string(dictionary.substr(0, close)) + (list.size() > 2 ? " " : "") + item +
           std::string(dictionary.substr(close));
}

// The objects that put the signature widget in the structure tree of a tagged PDF (PDF/UA): a
// Form element holding an object reference to the widget, as the last kid of the document's first
// element, and the widget's /StructParent entry in the parent tree. Empty when the PDF has no
// structure tree this writer can extend (then the widget stays outside it).
struct TaggedWidget {
    std::map<int, std::string> objects;  // rewritten or new objects by number
    std::string widget_entries;          // added to the widget dictionary
};

TaggedWidget tagWidget(const ClassicPdf& pdf, int catalog, int page, int widget, int element) {
    TaggedWidget tagged;
    const std::string_view catalog_dictionary = pdf.dictionary(catalog);
    if (valueOf(catalog_dictionary, "StructTreeRoot") == std::string_view::npos) return tagged;
    const int root = referenceOf(catalog_dictionary, "StructTreeRoot");
    const std::string_view root_dictionary = pdf.dictionary(root);
    std::size_t next_at = valueOf(root_dictionary, "ParentTreeNextKey");
    const std::size_t kids_at = valueOf(root_dictionary, "K");
    if (next_at == std::string_view::npos || kids_at == std::string_view::npos || root_dictionary[kids_at] != '[' ||
        valueOf(root_dictionary, "ParentTree") == std::string_view::npos)
        return tagged;
    const std::size_t key_begin = next_at;
    const long long key = integerAt(root_dictionary, next_at, "/ParentTreeNextKey");
    const int parent_tree = referenceOf(root_dictionary, "ParentTree");
    const int document = referenceAt(root_dictionary, skipSpace(root_dictionary, kids_at + 1), "document element");
    const std::string tree = withArrayItem(pdf.dictionary(parent_tree), "Nums",
                                           std::to_string(key) + " " + std::to_string(element) + " 0 R");
    const std::string parent = withArrayItem(pdf.dictionary(document), "K", std::to_string(element) + " 0 R");
    if (tree.empty() || parent.empty()) return tagged;
    std::string number = std::to_string(key + 1);
    const std::size_t key_end = key_begin + std::to_string(key).size();
    tagged.objects[root] = std::string(root_dictionary.substr(0, key_begin)) + number +
                           std::string(root_dictionary.substr(key_end));
    tagged.objects[parent_tree] = tree;
    tagged.objects[document] = parent;
    const std::string page_reference = std::to_string(page) + " 0 R";
    tagged.objects[element] = "<</S/Form/P " + std::to_string(document) + " 0 R/Pg " + page_reference +
                              "/K<</Type/OBJR/Obj " + std::to_string(widget) + " 0 R/Pg " + page_reference +
                              ">>/Alt(Signature \\351lectronique du document)>>";
    tagged.widget_entries = "/StructParent " + std::to_string(key);
    return tagged;
}

constexpr std::string_view kByteRangeSlot = "[0 0000000000 0000000000 0000000000]";

}  // namespace

PreparedUpdate prepareSignatureUpdate(std::string_view pdf, std::size_t reserved) {
    const ClassicPdf parsed(pdf);
    const std::string_view trailer = parsed.trailer();
    const int catalog = referenceOf(trailer, "Root");
    const int page = firstPage(parsed, catalog);
    std::size_t at = valueOf(trailer, "Size");
    if (at == std::string_view::npos) unsupported("no /Size in the trailer");
    const int signature = static_cast<int>(integerAt(trailer, at, "/Size")), widget = signature + 1,
              appearance = signature + 2, form_element = signature + 3;
    const TaggedWidget tagged = tagWidget(parsed, catalog, page, widget, form_element);
    const int size = tagged.objects.empty() ? appearance + 1 : form_element + 1;

    PreparedUpdate update;
    update.bytes.reserve(pdf.size() + 2 * reserved + 4096);
    update.bytes.assign(pdf);
    if (update.bytes.back() != '\n') update.bytes += '\n';
    std::map<int, std::size_t> offsets;
    const auto append = [&](int number, const std::string& body) {
        offsets[number] = update.bytes.size();
        update.bytes += object(number, body);
    };
    append(catalog, catalogWithForm(parsed.dictionary(catalog), widget));
    append(page, pageWithAnnotation(parsed.dictionary(page), widget));
    // Invisible (/Rect of no area), printed and locked, with the empty appearance PDF/A asks of widgets.
    append(widget, "<</Type/Annot/Subtype/Widget/FT/Sig/T(Signature1)/F 132/Rect[0 0 0 0]/P " +
                       std::to_string(page) + " 0 R/V " + std::to_string(signature) + " 0 R/AP<</N " +
                       std::to_string(appearance) + " 0 R>>" + tagged.widget_entries + ">>");
    for (const auto& [number, body] : tagged.objects) append(number, body);
    append(appearance, "<</Type/XObject/Subtype/Form/BBox[0 0 0 0]/Resources<<>>/Length 0>>\nstream\n\nendstream");
    const std::string head = "<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/M" +
                             creationDate(parsed) + "/ByteRange";
    append(signature, head + std::string(kByteRangeSlot) + "/Contents<" + std::string(2 * reserved, '0') + ">>>");
    const std::size_t byte_range = offsets[signature] + std::to_string(signature).size() + 7 + head.size();
    update.contents_begin = byte_range + kByteRangeSlot.size() + 10;
    update.contents_digits = 2 * reserved;
    const std::size_t xref = update.bytes.size();
    update.bytes += xrefSection(offsets) + "trailer\n" + trailerOf(trailer, size, catalog, parsed.lastXref()) +
                    "\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";

    const std::size_t after = update.contents_begin + update.contents_digits + 1;
    char range[64];
    std::snprintf(range, sizeof range, "[0 %zu %zu %zu]", update.contents_begin - 1, after,
                  update.bytes.size() - after);
    std::string slot(range);
    slot.resize(kByteRangeSlot.size(), ' ');
    update.bytes.replace(byte_range, slot.size(), slot);
    return update;
}

}  // namespace ceres::sign
