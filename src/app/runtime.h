#pragma once
// Everything a command needs, built once from the configuration: the pipeline and what it uses.
#include <memory>
#include <string>
#include <vector>

#include "app/config.h"
#include "jobs/document.h"
#include "jobs/pipeline.h"

namespace ceres::app {

class Runtime {
public:
    explicit Runtime(const Config& config);
    ~Runtime();
    const jobs::Pipeline& pipeline() const { return *pipeline_; }
    const Config& config() const { return config_; }

private:
    Config config_;
    std::unique_ptr<jobs::Pipeline> pipeline_;
};

// Writes each document into `dir` (temp name, then rename: never a half file) and returns the
// manifest of CONTRACT.md as JSON text.
std::string writeDocuments(const std::vector<jobs::Document>& documents, const std::string& dir);

}  // namespace ceres::app
