#include "render/engine.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ceres::render {
namespace {

std::string readFile(const std::filesystem::path& file) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream) return {};
    std::ostringstream content;
    content << stream.rdbuf();
    return content.str();
}

}  // namespace

Engine::Engine(const std::filesystem::path& resources)
    : fonts_(std::make_unique<FontSet>(resources / "fonts")) {
    const auto templates = resources / "templates";
    for (const auto& entry : std::filesystem::directory_iterator(templates))
        if (entry.path().extension() == ".json")
            templates_.emplace(entry.path().stem().string(), Template::load(entry.path()));
    srgb_icc_ = readFile(templates / "color" / "sRGB.icc");
}

const Template& Engine::templateNamed(const std::string& name) const {
    auto found = templates_.find(name);
    if (found == templates_.end()) throw std::runtime_error("no template named \"" + name + "\"");
    return found->second;
}

RenderedPdf Engine::render(const std::string& template_name, const Poco::JSON::Object::Ptr& data,
                           const PdfMeta& meta, const Slots& slots) const {
    PdfBatch batch(*this);
    batch.add(template_name, data, slots);
    return batch.write(meta);
}

Engine::Lease::Lease(const Engine& engine) : engine_(engine) {
    std::lock_guard<std::mutex> lock(engine.idle_mutex_);
    if (!engine.idle_.empty()) {
        typesetter_ = std::move(engine.idle_.back());
        engine.idle_.pop_back();
    }
    if (!typesetter_) typesetter_ = std::make_unique<Typesetter>(engine.fonts());
}

Engine::Lease::~Lease() {
    std::lock_guard<std::mutex> lock(engine_.idle_mutex_);
    engine_.idle_.push_back(std::move(typesetter_));
}

PdfBatch::PdfBatch(const Engine& engine) : PdfBatch(engine, nullptr) {}

PdfBatch::PdfBatch(const Engine& engine, PdfOutput& output) : PdfBatch(engine, &output) {}

PdfBatch::PdfBatch(const Engine& engine, PdfOutput* output)
    : engine_(engine),
      typesetter_(engine),
      memory_(output ? nullptr : std::make_unique<PdfBytes>()),
      writer_(engine.fonts(), engine.srgbProfile(), output ? *output : *memory_) {}

PdfBatch::~PdfBatch() = default;

LayoutResult Engine::layout(const std::string& template_name, const Poco::JSON::Object::Ptr& data,
                            const Slots& slots) const {
    const Lease typesetter(*this);
    return layoutDocument(typesetter.get(), templateNamed(template_name), data, slots);
}

int PdfBatch::add(const std::string& template_name, const Poco::JSON::Object::Ptr& data, const Slots& slots) {
    return add(template_name, layoutDocument(typesetter_.get(), engine_.templateNamed(template_name), data, slots));
}

int PdfBatch::add(const std::string& template_name, LayoutResult laid_out) {
    for (std::string& warning : laid_out.warnings) {
        std::string named = template_name + ": " + warning;
        if (warned_.insert(named).second) warnings_.push_back(std::move(named));
    }
    writer_.addDocument(laid_out.model);
    return static_cast<int>(laid_out.model.pages.size());
}

RenderedPdf PdfBatch::write(const PdfMeta& meta) {
    writer_.finish(meta);
    return RenderedPdf{memory_ ? memory_->take() : std::string(), writer_.pageCount()};
}

}  // namespace ceres::render
