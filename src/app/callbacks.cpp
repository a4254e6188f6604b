#include "app/callbacks.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/URI.h>

#include <iostream>
#include <memory>
#include <sstream>

#include "queue/job_queue.h"

namespace ceres::app {

CallbackNotifier::CallbackNotifier(CallbackPolicy policy) : policy_(policy), thread_([this] { loop(); }) {}

CallbackNotifier::~CallbackNotifier() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

std::string CallbackNotifier::body(const queue::Job& job) {
    Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
    out.set("id", job.id);
    out.set("status", std::string(queue::toString(job.status)));
    out.set("attempts", job.attempts);
    out.set("lease_losses", job.lease_losses);
    Poco::JSON::Array::Ptr errors = new Poco::JSON::Array;
    if (!job.last_error.empty() && job.status != queue::JobStatus::Done) {
        try {
            errors = Poco::JSON::Parser().parse(job.last_error).extract<Poco::JSON::Object::Ptr>()->getArray("errors");
        } catch (const Poco::Exception&) {
        }
    }
    out.set("errors", errors);
    Poco::JSON::Array::Ptr warnings = new Poco::JSON::Array;
    for (const auto& warning : job.warnings) warnings->add(warning);
    out.set("warnings", warnings);
    Poco::JSON::Array::Ptr documents = new Poco::JSON::Array;
    for (const auto& id : job.document_ids) documents->add("/v1/documents/" + id);
    out.set("documents", documents);
    std::ostringstream text;
    out.stringify(text);
    return text.str();
}

void CallbackNotifier::notify(const queue::Job& job) {
    if (job.callback_url.empty() || job.status == queue::JobStatus::Queued || job.status == queue::JobStatus::Running)
        return;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        pending_.push_back({job.callback_url, body(job)});
    }
    wake_.notify_one();
}

void CallbackNotifier::loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
        wake_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
        if (pending_.empty()) return;
        const Delivery d = pending_.front();
        pending_.pop_front();
        lock.unlock();
        auto delay = policy_.first_delay;
        for (int attempt = 1; attempt <= policy_.attempts && !deliverOnce(d); ++attempt) {
            if (attempt == policy_.attempts) {
                std::cerr << "callback to " << d.url << " failed after " << attempt << " attempts\n";
                break;
            }
            std::unique_lock<std::mutex> pause(mutex_);
            wake_.wait_for(pause, delay, [this] { return stopping_; });
            delay *= 2;
        }
        lock.lock();
    }
}

bool CallbackNotifier::deliverOnce(const Delivery& d) const {
    try {
        const Poco::URI uri(d.url);
        std::unique_ptr<Poco::Net::HTTPClientSession> session;
        if (uri.getScheme() == "https")
            session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort());
        else
            session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
        session->setTimeout(Poco::Timespan(policy_.timeout.count() * 1000));
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathAndQuery(),
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        request.setContentType("application/json");
        request.setContentLength(static_cast<std::streamsize>(d.body.size()));
        session->sendRequest(request) << d.body;
        Poco::Net::HTTPResponse response;
        session->receiveResponse(response);
        return response.getStatus() < 300;
    } catch (const Poco::Exception&) {
        return false;
    }
}

}  // namespace ceres::app
