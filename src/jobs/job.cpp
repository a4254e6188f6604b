#include "jobs/job.h"

#include <Poco/Exception.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/UTF8Encoding.h>

#include <cstdint>
#include <limits>
#include <set>
#include <vector>

#include "domain/outcome.h"

namespace ceres::jobs {
namespace {

Problem invalid(std::string pointer, std::string message) { return Problem{std::move(pointer), "", std::move(message)}; }

// Byte offset of the first invalid UTF-8 sequence, or npos.
std::size_t firstInvalidUtf8(std::string_view text) {
    std::size_t i = 0;
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    while (i < text.size()) {
        const unsigned char c = bytes[i];
        const int length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (length == 0 || i + length > text.size() ||
            !Poco::UTF8Encoding::isLegal(bytes + i, length))
            return i;
        i += length;
    }
    return std::string_view::npos;
}

// A parser message may quote the offending input byte: printable ASCII is kept, anything else
// is written \xNN, so that the error document stays valid UTF-8.
std::string printable(const std::string& text) {
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (const unsigned char c : text) {
        if (c >= 0x20 && c < 0x7f) {
            out += static_cast<char>(c);
        } else {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xf];
        }
    }
    return out;
}

struct DuplicateKey {
    std::string pointer;
    std::string key;
};
struct NumberOutOfRange {
    std::string pointer;
};

// Builds the document like Poco's handler and knows where the parser is: the JSON Pointer of
// the value being read, so that a syntax error, a number out of range or a key given twice in
// one object is reported at its field.
class TrackingHandler : public Poco::JSON::ParseHandler {
public:
    TrackingHandler() : Poco::JSON::ParseHandler(false) {}

    void reset() override {
        Poco::JSON::ParseHandler::reset();
        frames_.clear();
    }
    void startObject() override {
        beginValue();
        frames_.push_back(Frame{true});
        Poco::JSON::ParseHandler::startObject();
    }
    void endObject() override {
        frames_.pop_back();
        endValue();
        Poco::JSON::ParseHandler::endObject();
    }
    void startArray() override {
        beginValue();
        frames_.push_back(Frame{false});
        Poco::JSON::ParseHandler::startArray();
    }
    void endArray() override {
        frames_.pop_back();
        endValue();
        Poco::JSON::ParseHandler::endArray();
    }
    void key(const std::string& k) override {
        Frame& frame = frames_.back();
        frame.key = k;
        frame.expecting_key = false;
        if (!frame.keys.insert(k).second) throw DuplicateKey{pointer(), k};
        Poco::JSON::ParseHandler::key(k);
    }
    void value(int v) override { scalar([&] { Poco::JSON::ParseHandler::value(v); }); }
    void value(unsigned v) override { scalar([&] { Poco::JSON::ParseHandler::value(v); }); }
    void value(Poco::Int64 v) override { scalar([&] { Poco::JSON::ParseHandler::value(v); }); }
    // Beyond the signed 64-bit range no field of any schema holds it, and the schema's
    // comparisons would not see it: refused here.
    void value(Poco::UInt64 v) override {
        beginValue();
        if (v > static_cast<Poco::UInt64>(std::numeric_limits<Poco::Int64>::max())) throw NumberOutOfRange{pointer()};
        Poco::JSON::ParseHandler::value(v);
        endValue();
    }
    void value(const std::string& s) override { scalar([&] { Poco::JSON::ParseHandler::value(s); }); }
    void value(double d) override { scalar([&] { Poco::JSON::ParseHandler::value(d); }); }
    void value(bool b) override { scalar([&] { Poco::JSON::ParseHandler::value(b); }); }
    void null() override { scalar([&] { Poco::JSON::ParseHandler::null(); }); }

    // Where the parser is: the value being read, or the object whose next key it expects.
    std::string pointer() const {
        std::string out;
        for (const Frame& f : frames_) {
            if (f.object) {
                if (!f.expecting_key || &f != &frames_.back()) out += "/" + domain::jsonPointerToken(f.key);
            } else if (f.index >= 0) {
                out += "/" + std::to_string(f.index);
            }
        }
        return out;
    }

private:
    struct Frame {
        bool object;
        std::string key{};
        long index = -1;
        bool expecting_key = true;
        std::set<std::string> keys{};
    };

    template <typename F>
    void scalar(F&& base) {
        beginValue();
        base();
        endValue();
    }
    void beginValue() {
        if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
    }
    void endValue() {
        if (!frames_.empty() && frames_.back().object) frames_.back().expecting_key = true;
    }

    std::vector<Frame> frames_;
};

// Parses `text`; on failure, the pointer where the parser stopped and its message.
std::variant<Poco::Dynamic::Var, Problem> parse(const std::string& text) {
    Poco::SharedPtr<TrackingHandler> handler = new TrackingHandler;
    try {
        Poco::JSON::Parser parser(handler);
        parser.setDepth(kMaxJsonDepth);
        return parser.parse(text);
    } catch (const DuplicateKey& d) {
        return invalid(d.pointer, "the key '" + printable(d.key) +
                                      "' appears twice in one object: a JSON object's keys are unique");
    } catch (const NumberOutOfRange& n) {
        return invalid(n.pointer, "the number is out of range");
    } catch (const Poco::Exception& e) {
        const std::string detail = e.message().empty() ? e.displayText() : e.message();
        const std::string at = handler->pointer();
        if (detail.find("depth") != std::string::npos || detail.find("Depth") != std::string::npos)
            return invalid(at, "the job nests JSON deeper than " + std::to_string(kMaxJsonDepth) + " levels");
        if (detail.find("Not a valid") != std::string::npos && detail.find("number") != std::string::npos)
            return invalid(at, "the number is out of range: " + printable(detail));
        if (detail.find("Not a valid") != std::string::npos && detail.find("integer") != std::string::npos)
            return invalid(at, "the number is out of range: " + printable(detail));
        return invalid(at, "the job is not valid JSON" + std::string(at.empty() ? "" : " at " + at) + ": " +
                               printable(detail));
    }
}

std::string stringOr(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    return o && o->has(key) && o->get(key).isString() ? o->getValue<std::string>(key) : std::string();
}

}  // namespace

std::variant<Poco::JSON::Object::Ptr, Problem> parseJsonObject(std::string_view text, std::size_t max_bytes) {
    if (text.empty()) return invalid("", "the job is empty: expected a JSON object");
    if (text.size() > max_bytes)
        return invalid("", "the job is " + std::to_string(text.size()) + " bytes, over the limit of " +
                               std::to_string(max_bytes) + " bytes (max_job_bytes)");
    if (const auto at = firstInvalidUtf8(text); at != std::string_view::npos) {
        // The field it is in: where a parse of the text before it stops.
        std::string pointer;
        if (auto stopped = parse(std::string(text.substr(0, at))); std::holds_alternative<Problem>(stopped))
            pointer = std::get<Problem>(stopped).pointer;
        return invalid(pointer, "the job is not valid UTF-8 (byte offset " + std::to_string(at) + ")");
    }
    auto parsed = parse(std::string(text));
    if (auto* problem = std::get_if<Problem>(&parsed)) return *problem;
    const auto& value = std::get<Poco::Dynamic::Var>(parsed);
    if (value.type() != typeid(Poco::JSON::Object::Ptr)) return invalid("", "the job must be a JSON object");
    return value.extract<Poco::JSON::Object::Ptr>();
}

Job jobFromEnvelope(const Poco::JSON::Object::Ptr& envelope) {
    Job job;
    job.envelope = envelope;
    job.kind = stringOr(envelope, "kind");
    job.payload = envelope->getObject("payload");
    job.idempotency_key = stringOr(envelope, "idempotency_key");
    job.callback_url = stringOr(envelope, "callback_url");
    if (const auto by = envelope->getObject("requested_by")) {
        job.requested_by = {stringOr(by, "user"), stringOr(by, "profile"), stringOr(by, "perimeter")};
    }
    return job;
}

}  // namespace ceres::jobs
