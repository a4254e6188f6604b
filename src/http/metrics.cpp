#include "http/metrics.h"

#include <cmath>
#include <iomanip>
#include <locale>
#include <sstream>

namespace ceres::http {
namespace {

constexpr JobStatus kStatuses[] = {JobStatus::Queued, JobStatus::Running, JobStatus::Done, JobStatus::Failed,
                                   JobStatus::Dead};

std::string labelValue(const std::string& value) {
    std::string escaped;
    for (const char c : value) {
        if (c == '\\' || c == '"') escaped += '\\';
        if (c == '\n') {
            escaped += "\\n";
            continue;
        }
        escaped += c;
    }
    return escaped;
}

std::string number(double value) {
    if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
    std::ostringstream out;
    out.imbue(std::locale::classic());
    out << std::setprecision(15) << value;
    return out.str();
}

void header(std::ostream& out, const char* name, const char* type, const char* help) {
    out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
}

void writeJobs(std::ostream& out, const QueueMetrics& queue) {
    header(out, "ceres_jobs", "gauge", "Jobs in the queue by state.");
    for (const auto status : kStatuses) {
        const auto found = queue.jobs_by_status.find(status);
        const auto value = found == queue.jobs_by_status.end() ? 0 : found->second;
        out << "ceres_jobs{state=\"" << toString(status) << "\"} " << value << '\n';
    }
    header(out, "ceres_queue_depth", "gauge", "Queued jobs due now.");
    out << "ceres_queue_depth " << queue.queue_depth << '\n';
    header(out, "ceres_pages_rendered_total", "counter", "Pages of the documents stored by done jobs.");
    out << "ceres_pages_rendered_total " << queue.pages_rendered << '\n';
}

void writeRenderDurations(std::ostream& out, const QueueMetrics& queue) {
    header(out, "ceres_render_duration_seconds", "histogram",
           "Time from claim to completion (render and store) of done jobs, by kind.");
    for (const auto& [kind, histogram] : queue.render_seconds_by_kind) {
        const std::string kind_label = "kind=\"" + labelValue(kind) + "\"";
        for (std::size_t i = 0; i < histogram.upper_bounds.size() && i < histogram.counts.size(); ++i) {
            out << "ceres_render_duration_seconds_bucket{" << kind_label << ",le=\""
                << number(histogram.upper_bounds[i]) << "\"} " << histogram.counts[i] << '\n';
        }
        out << "ceres_render_duration_seconds_bucket{" << kind_label << ",le=\"+Inf\"} " << histogram.count << '\n';
        out << "ceres_render_duration_seconds_sum{" << kind_label << "} " << number(histogram.sum) << '\n';
        out << "ceres_render_duration_seconds_count{" << kind_label << "} " << histogram.count << '\n';
    }
}

}  // namespace

void RequestMetrics::count(const std::string& method, const std::string& route, int status) {
    std::lock_guard lock(mutex_);
    ++requests_[{method, route, status}];
}

std::string RequestMetrics::render(const QueueMetrics& queue) const {
    std::ostringstream out;
    out.imbue(std::locale::classic());
    writeJobs(out, queue);
    writeRenderDurations(out, queue);
    header(out, "ceres_http_requests_total", "counter", "HTTP requests answered, by route and status.");
    std::lock_guard lock(mutex_);
    for (const auto& [key, value] : requests_) {
        const auto& [method, route, status] = key;
        out << "ceres_http_requests_total{method=\"" << labelValue(method) << "\",route=\"" << labelValue(route)
            << "\",status=\"" << status << "\"} " << value << '\n';
    }
    return out.str();
}

}  // namespace ceres::http
