#include "render/pdf_writer.h"

#include <openssl/evp.h>
#include <podofo/podofo.h>

#include <algorithm>
#include <stdexcept>

#include "render/font_subset.h"
#include "render/pdf_content.h"
#include "render/utf8.h"

namespace ceres::render {
namespace {

using namespace PoDoFo;

PdfObject rawPdf(const std::string& syntax) {
    return PdfObject(PdfVariant(PdfData(syntax.c_str(), syntax.size())));
}

PdfObject integer(pdf_int64 value) {
    return PdfObject(value);
}

// ASCII stays a plain string; anything else becomes UTF-16 with a byte order mark.
PdfString textString(const std::string& utf8) {
    bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    return ascii ? PdfString(utf8) : PdfString(reinterpret_cast<const pdf_utf8*>(utf8.c_str()));
}

std::string formatNumber(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", value);
    std::string text(buffer);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text;
}

std::string hexDigest(const std::string& data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned length = 0;
    EVP_Digest(data.data(), data.size(), digest, &length, EVP_md5(), nullptr);
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string hex;
    for (unsigned i = 0; i < length; ++i) {
        hex.push_back(kDigits[digest[i] >> 4]);
        hex.push_back(kDigits[digest[i] & 0xF]);
    }
    return hex;
}

struct Timestamp {
    std::string pdf;  // D:YYYYMMDDHHmmSSZ
    std::string xmp;  // YYYY-MM-DDTHH:MM:SSZ
};

Timestamp timestampOf(const std::string& iso) {
    std::string digits;
    for (char c : iso)
        if (c >= '0' && c <= '9') digits.push_back(c);
    digits.resize(14, '0');
    if (digits.compare(0, 8, "00000000") == 0) digits.replace(0, 8, "20000101");
    Timestamp stamp;
    stamp.pdf = "D:" + digits + "Z";
    stamp.xmp = digits.substr(0, 4) + "-" + digits.substr(4, 2) + "-" + digits.substr(6, 2) + "T" +
                digits.substr(8, 2) + ":" + digits.substr(10, 2) + ":" + digits.substr(12, 2) + "Z";
    return stamp;
}

std::string xmlEscape(const std::string& text) {
    std::string escaped;
    for (char c : text) {
        switch (c) {
            case '&':
                escaped += "&amp;";
                break;
            case '<':
                escaped += "&lt;";
                break;
            case '>':
                escaped += "&gt;";
                break;
            case '"':
                escaped += "&quot;";
                break;
            default:
                escaped.push_back(c);
        }
    }
    return escaped;
}

std::string xmpPacket(const PdfMeta& meta, const Timestamp& stamp) {
    return "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
           "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
           "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
           "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
           "<dc:format>application/pdf</dc:format>"
           "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
           xmlEscape(meta.title) +
           "</rdf:li></rdf:Alt></dc:title>"
           "<dc:creator><rdf:Seq><rdf:li>" +
           xmlEscape(meta.author) +
           "</rdf:li></rdf:Seq></dc:creator>"
           "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
           xmlEscape(meta.subject) +
           "</rdf:li></rdf:Alt></dc:description>"
           "</rdf:Description>\n"
           "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">"
           "<xmp:CreatorTool>" +
           xmlEscape(meta.creator) +
           "</xmp:CreatorTool>"
           "<xmp:CreateDate>" +
           stamp.xmp + "</xmp:CreateDate><xmp:ModifyDate>" + stamp.xmp +
           "</xmp:ModifyDate>"
           "<xmp:MetadataDate>" +
           stamp.xmp +
           "</xmp:MetadataDate></rdf:Description>\n"
           "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">"
           "<pdf:Producer>" +
           xmlEscape(meta.producer) +
           "</pdf:Producer></rdf:Description>\n"
           "</rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>";
}

// "ABCDEF+" from the glyph set, so equal subsets get equal names and renders stay byte-stable.
std::string subsetTag(const GlyphUsage& usage) {
    std::uint32_t hash = 2166136261u;
    for (const auto& entry : usage.text_of_glyph) hash = (hash ^ entry.first) * 16777619u;
    std::string tag;
    for (int i = 0; i < 6; ++i) {
        tag.push_back(static_cast<char>('A' + hash % 26));
        hash /= 26;
    }
    return tag + "+";
}

std::string widthArray(const FontFace& face, const GlyphUsage& usage) {
    std::string widths = "[";
    std::uint32_t previous = 0;
    bool open = false;
    for (const auto& entry : usage.text_of_glyph) {
        if (!open || entry.first != previous + 1) {
            if (open) widths += "] ";
            widths += std::to_string(entry.first) + " [";
            open = true;
        } else {
            widths.push_back(' ');
        }
        widths += formatNumber(face.defaultAdvance(entry.first) * 1000.0 / face.unitsPerEm());
        previous = entry.first;
    }
    if (open) widths += "]";
    return widths + "]";
}

std::string toUnicodeCMap(const GlyphUsage& usage) {
    std::string cmap =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    std::vector<std::pair<std::uint32_t, std::string>> entries;
    for (const auto& entry : usage.text_of_glyph)
        if (!entry.second.empty()) entries.emplace_back(entry.first, utf16BeHex(entry.second));
    for (size_t start = 0; start < entries.size(); start += 100) {
        size_t end = std::min(entries.size(), start + 100);
        cmap += std::to_string(end - start) + " beginbfchar\n";
        for (size_t i = start; i < end; ++i) {
            char code[8];
            std::snprintf(code, sizeof code, "%04X", entries[i].first);
            cmap += "<" + std::string(code) + "> <" + entries[i].second + ">\n";
        }
        cmap += "endbfchar\n";
    }
    return cmap + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
}

class PdfBuilder {
public:
    PdfBuilder(const FontSet& fonts, const PdfMeta& meta) : fonts_(fonts), meta_(meta), content_(fonts) {
        objects_.SetAutoDelete(true);
        catalog_ = objects_.CreateObject("Catalog");
        pages_ = objects_.CreateObject("Pages");
        resources_ = objects_.CreateObject();
        catalog_->GetDictionary().AddKey("Pages", pages_->Reference());
        catalog_->GetDictionary().AddKey("Lang", textString(meta.language));
    }

    void addPage(const Page& page) {
        PdfObject* object = objects_.CreateObject("Page");
        PdfObject* contents = objects_.CreateObject();
        std::string operators = content_.page(page);
        contents->GetStream()->Set(operators.data(), static_cast<pdf_long>(operators.size()));
        PdfDictionary& dictionary = object->GetDictionary();
        dictionary.AddKey("Parent", pages_->Reference());
        dictionary.AddKey("MediaBox",
                          rawPdf("[0 0 " + formatNumber(page.width) + " " + formatNumber(page.height) + "]"));
        dictionary.AddKey("Resources", resources_->Reference());
        dictionary.AddKey("Contents", contents->Reference());
        kids_ += std::to_string(object->Reference().ObjectNumber()) + " 0 R ";
        ++page_count_;
    }

    RenderedPdf finish(const std::string& srgb_icc) {
        pages_->GetDictionary().AddKey("Kids", rawPdf("[" + kids_ + "]"));
        pages_->GetDictionary().AddKey("Count", integer(page_count_));
        PdfDictionary resources;
        resources.AddKey("Font", embedFonts());
        if (!content_.images().empty()) resources.AddKey("XObject", embedImages());
        resources_->GetDictionary() = resources;
        Timestamp stamp = timestampOf(meta_.creation_date);
        addMetadata(stamp);
        if (!srgb_icc.empty()) addOutputIntent(srgb_icc);
        PdfObject* info = addInfo(stamp);
        return write(info);
    }

private:
    PdfDictionary embedFonts() {
        PdfDictionary fonts;
        const auto& usage = content_.glyphUsage();
        for (size_t id = 0; id < usage.size(); ++id) {
            if (usage[id].text_of_glyph.empty()) continue;
            PdfObject* font = embedFont(fonts_.face(static_cast<FontId>(id)), usage[id]);
            fonts.AddKey(PdfName("F" + std::to_string(id)), font->Reference());
        }
        return fonts;
    }

    PdfObject* embedFont(const FontFace& face, const GlyphUsage& usage) {
        std::vector<std::uint32_t> glyphs;
        for (const auto& entry : usage.text_of_glyph) glyphs.push_back(entry.first);
        const std::string program = subsetFont(face, glyphs);
        const std::string name = subsetTag(usage) + face.postscriptName();
        const double scale = 1000.0 / face.unitsPerEm();

        PdfObject* file = objects_.CreateObject();
        file->GetDictionary().AddKey("Length1", integer(static_cast<pdf_int64>(program.size())));
        file->GetStream()->Set(program.data(), static_cast<pdf_long>(program.size()));

        PdfObject* descriptor = objects_.CreateObject("FontDescriptor");
        PdfDictionary& d = descriptor->GetDictionary();
        const auto& box = face.boundingBox();
        d.AddKey("FontName", PdfName(name));
        d.AddKey("Flags", integer(4));
        d.AddKey("FontBBox",
                 rawPdf("[" + formatNumber(box[0] * scale) + " " + formatNumber(box[1] * scale) + " " +
                        formatNumber(box[2] * scale) + " " + formatNumber(box[3] * scale) + "]"));
        d.AddKey("ItalicAngle", integer(0));
        d.AddKey("Ascent", face.ascender() * scale);
        d.AddKey("Descent", face.descender() * scale);
        d.AddKey("CapHeight", face.capHeight() * scale);
        d.AddKey("StemV", integer(80));
        d.AddKey("FontFile2", file->Reference());

        PdfObject* cid_font = objects_.CreateObject("Font");
        PdfDictionary& c = cid_font->GetDictionary();
        c.AddKey("Subtype", PdfName("CIDFontType2"));
        c.AddKey("BaseFont", PdfName(name));
        c.AddKey("CIDSystemInfo", rawPdf("<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"));
        c.AddKey("FontDescriptor", descriptor->Reference());
        c.AddKey("W", rawPdf(widthArray(face, usage)));
        c.AddKey("CIDToGIDMap", PdfName("Identity"));

        PdfObject* to_unicode = objects_.CreateObject();
        const std::string cmap = toUnicodeCMap(usage);
        to_unicode->GetStream()->Set(cmap.data(), static_cast<pdf_long>(cmap.size()));

        PdfObject* font = objects_.CreateObject("Font");
        PdfDictionary& f = font->GetDictionary();
        f.AddKey("Subtype", PdfName("Type0"));
        f.AddKey("BaseFont", PdfName(name));
        f.AddKey("Encoding", PdfName("Identity-H"));
        f.AddKey("DescendantFonts",
                 rawPdf("[" + std::to_string(cid_font->Reference().ObjectNumber()) + " 0 R]"));
        f.AddKey("ToUnicode", to_unicode->Reference());
        return font;
    }

    PdfDictionary embedImages() {
        PdfDictionary images;
        const auto& pictures = content_.images();
        for (size_t i = 0; i < pictures.size(); ++i) {
            const Image& picture = *pictures[i];
            PdfObject* object = objects_.CreateObject("XObject");
            PdfDictionary& d = object->GetDictionary();
            d.AddKey("Subtype", PdfName("Image"));
            d.AddKey("Width", integer(picture.pixel_width));
            d.AddKey("Height", integer(picture.pixel_height));
            d.AddKey("ColorSpace", PdfName("DeviceRGB"));
            d.AddKey("BitsPerComponent", integer(8));
            object->GetStream()->Set(reinterpret_cast<const char*>(picture.rgb.data()),
                                     static_cast<pdf_long>(picture.rgb.size()));
            images.AddKey(PdfName("Im" + std::to_string(i)), object->Reference());
        }
        return images;
    }

    void addMetadata(const Timestamp& stamp) {
        PdfObject* metadata = objects_.CreateObject("Metadata");
        metadata->GetDictionary().AddKey("Subtype", PdfName("XML"));
        const std::string packet = xmpPacket(meta_, stamp);
        // PDF/A wants the XMP packet readable without decoding.
        metadata->GetStream()->Set(packet.data(), static_cast<pdf_long>(packet.size()), TVecFilters());
        catalog_->GetDictionary().AddKey("Metadata", metadata->Reference());
    }

    void addOutputIntent(const std::string& icc) {
        PdfObject* profile = objects_.CreateObject();
        profile->GetDictionary().AddKey("N", integer(3));
        profile->GetStream()->Set(icc.data(), static_cast<pdf_long>(icc.size()));
        PdfObject* intent = objects_.CreateObject("OutputIntent");
        PdfDictionary& d = intent->GetDictionary();
        d.AddKey("S", PdfName("GTS_PDFA1"));
        d.AddKey("OutputConditionIdentifier", PdfString("sRGB IEC61966-2.1"));
        d.AddKey("Info", PdfString("sRGB IEC61966-2.1"));
        d.AddKey("DestOutputProfile", profile->Reference());
        catalog_->GetDictionary().AddKey(
            "OutputIntents", rawPdf("[" + std::to_string(intent->Reference().ObjectNumber()) + " 0 R]"));
    }

    PdfObject* addInfo(const Timestamp& stamp) {
        PdfObject* info = objects_.CreateObject();
        PdfDictionary& d = info->GetDictionary();
        d.AddKey("Title", textString(meta_.title));
        d.AddKey("Author", textString(meta_.author));
        d.AddKey("Subject", textString(meta_.subject));
        d.AddKey("Creator", textString(meta_.creator));
        d.AddKey("Producer", textString(meta_.producer));
        d.AddKey("CreationDate", PdfString(stamp.pdf));
        d.AddKey("ModDate", PdfString(stamp.pdf));
        return info;
    }

    RenderedPdf write(PdfObject* info) {
        PdfObject trailer;
        trailer.GetDictionary().AddKey("Root", catalog_->Reference());
        trailer.GetDictionary().AddKey("Info", info->Reference());
        PdfWriter writer(&objects_, &trailer);
        writer.SetPdfVersion(ePdfVersion_1_7);
        writer.SetWriteMode(ePdfWriteMode_Compact);
        PdfRefCountedBuffer buffer(1 << 16);
        PdfOutputDevice device(&buffer);
        writer.Write(&device);
        RenderedPdf result;
        result.bytes.assign(buffer.GetBuffer(), device.GetLength());
        result.pages = page_count_;
        replaceIdentifier(result.bytes);
        return result;
    }

    // PoDoFo derives /ID from the Info dictionary; ours comes from the job's seed instead, so two
    // documents with equal metadata still get different identifiers. Same length, same offsets.
    void replaceIdentifier(std::string& bytes) const {
        size_t at = bytes.rfind("/ID");
        if (at == std::string::npos) throw std::runtime_error("PDF trailer without /ID");
        const std::string id = hexDigest(meta_.document_id_seed);
        for (int i = 0; i < 2; ++i) {
            size_t open = bytes.find('<', at);
            size_t close = bytes.find('>', open);
            if (open == std::string::npos || close - open - 1 != id.size())
                throw std::runtime_error("unexpected PDF trailer /ID");
            bytes.replace(open + 1, id.size(), id);
            at = close;
        }
    }

    const FontSet& fonts_;
    const PdfMeta& meta_;
    ContentWriter content_;
    PdfVecObjects objects_;
    PdfObject* catalog_ = nullptr;
    PdfObject* pages_ = nullptr;
    PdfObject* resources_ = nullptr;
    std::string kids_;
    int page_count_ = 0;
};

}  // namespace

RenderedPdf writePdf(const std::vector<const Document*>& documents, const FontSet& fonts,
                     const std::string& srgb_icc, const PdfMeta& meta) {
    PdfBuilder builder(fonts, meta);
    for (const Document* document : documents)
        for (const Page& page : document->pages) builder.addPage(page);
    return builder.finish(srgb_icc);
}

}  // namespace ceres::render
