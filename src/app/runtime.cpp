#include "app/runtime.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ceres::app {
namespace fs = std::filesystem;

Runtime::Runtime(const Config& config) : config_(config) {
    jobs::Context context;
    context.resources = config.resources;
    pipeline_ = std::make_unique<jobs::Pipeline>(std::move(context));
}

Runtime::~Runtime() = default;

namespace {

void writeAtomically(const fs::path& target, const std::string& bytes) {
    const fs::path temp = target.string() + ".part";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) throw std::runtime_error("cannot write " + temp.string());
    }
    fs::rename(temp, target);
}

}  // namespace

std::string writeDocuments(const std::vector<jobs::Document>& documents, const std::string& dir) {
    fs::create_directories(dir);
    Poco::JSON::Array manifest;
    for (const auto& d : documents) {
        const fs::path path = fs::path(dir) / d.file_name;
        writeAtomically(path, d.bytes);
        Poco::JSON::Object::Ptr entry = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        entry->set("kind", d.kind);
        entry->set("path", path.string());
        entry->set("mime", d.mime);
        if (d.mime == jobs::kPdfMime) entry->set("pages", d.pages);
        entry->set("sha256", d.sha256);
        if (d.unique_number) entry->set("unique_number", *d.unique_number);
        manifest.add(entry);
    }
    std::ostringstream out;
    manifest.stringify(out);
    return out.str();
}

}  // namespace ceres::app
