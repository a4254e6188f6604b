#pragma once
// The entry point the jobs layer calls: templates and fonts loaded once, documents rendered to
// PDF bytes, alone or many into one file.
#include <Poco/JSON/Object.h>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

#include "render/fonts.h"
#include "render/layout.h"
#include "render/pdf_writer.h"
#include "render/text.h"

namespace ceres::render {

// Immutable after construction but for its idle typesetters, so one instance serves every thread.
class Engine {
public:
    // `resources` holds fonts/ and templates/ (every templates/*.json is loaded, plus the sRGB
    // profile templates/color/sRGB.icc for the PDF/A output intent).
    explicit Engine(const std::filesystem::path& resources);

    const Template& templateNamed(const std::string& name) const;
    const FontSet& fonts() const { return *fonts_; }
    const std::string& srgbProfile() const { return srgb_icc_; }

    // One document laid out, on any thread, to be added to a PdfBatch later.
    LayoutResult layout(const std::string& template_name, const Poco::JSON::Object::Ptr& data,
                        const Slots& slots = {}) const;

    // One document, one PDF.
    RenderedPdf render(const std::string& template_name, const Poco::JSON::Object::Ptr& data,
                       const PdfMeta& meta, const Slots& slots = {}) const;

    // A typesetter for one thread's use until it is given back; its cache of shaped words outlives
    // the document, so the wording every document of a job shares is shaped once per thread.
    class Lease {
    public:
        explicit Lease(const Engine& engine);
        ~Lease();
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Typesetter& get() const { return *typesetter_; }

    private:
        const Engine& engine_;
        std::unique_ptr<Typesetter> typesetter_;
    };

private:
    std::unique_ptr<FontSet> fonts_;
    std::map<std::string, Template> templates_;
    std::string srgb_icc_;
    mutable std::mutex idle_mutex_;
    mutable std::vector<std::unique_ptr<Typesetter>> idle_;
};

// Many documents into one PDF (convocations for printing, print batches): shaping is cached,
// each document's pages are written out as soon as it is laid out, and fonts are subsetted once
// for the whole file at the end. No laid-out document is kept, so memory does not grow with the
// number of documents.
class PdfBatch {
public:
    // In memory: write() returns the whole file.
    explicit PdfBatch(const Engine& engine);
    // Streamed: the file goes to `output` as it grows; write() only ends it.
    PdfBatch(const Engine& engine, PdfOutput& output);
    ~PdfBatch();
    PdfBatch(const PdfBatch&) = delete;
    PdfBatch& operator=(const PdfBatch&) = delete;

    // Lays out one more document; its "page X / Y" counts its own pages. Returns its page count.
    int add(const std::string& template_name, const Poco::JSON::Object::Ptr& data, const Slots& slots = {});
    // The same with a document laid out already (Engine::layout of that template).
    int add(const std::string& template_name, LayoutResult laid_out);
    // Each distinct warning once, in the order first met.
    const std::vector<std::string>& warnings() const { return warnings_; }
    int pageCount() const { return writer_.pageCount(); }
    // Ends the file. `bytes` holds it in memory mode and is empty when it was streamed.
    RenderedPdf write(const PdfMeta& meta);

private:
    PdfBatch(const Engine& engine, PdfOutput* output);

    const Engine& engine_;
    Engine::Lease typesetter_;
    std::unique_ptr<PdfBytes> memory_;
    PdfStreamWriter writer_;
    std::vector<std::string> warnings_;
    std::unordered_set<std::string> warned_;
};

}  // namespace ceres::render
