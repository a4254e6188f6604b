#include "jobs/job.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <unordered_set>
#include <vector>

#include "domain/codes.h"
#include "domain/outcome.h"
#include "domain/utf8.h"
#include "jobs/kinds.h"

namespace ceres::jobs {
namespace {

Problem invalid(std::string pointer, std::string message) { return Problem{std::move(pointer), "", std::move(message)}; }

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

// Forwards the reader's events to the document being built and knows where the reader is: the
// JSON Pointer of the value being read, so that a syntax error, a number out of range or a key
// given twice in one object is reported at its field. Numbers arrive as their text, so that an
// integer beyond 64 bits is told apart from a double.
class TrackingHandler {
public:
    explicit TrackingHandler(rapidjson::Document& document) : doc_(document) {}

    bool Null() { return scalar([&] { return doc_.Null(); }); }
    bool Bool(bool b) { return scalar([&] { return doc_.Bool(b); }); }
    bool Int(int v) { return scalar([&] { return doc_.Int(v); }); }
    bool Uint(unsigned v) { return scalar([&] { return doc_.Uint(v); }); }
    bool Int64(std::int64_t v) { return scalar([&] { return doc_.Int64(v); }); }
    bool Uint64(std::uint64_t v) { return scalar([&] { return doc_.Uint64(v); }); }
    bool Double(double v) { return scalar([&] { return doc_.Double(v); }); }
    bool RawNumber(const char* text, rapidjson::SizeType length, bool) {
        beginValue();
        const std::string_view number(text, length);
        bool ok = false;
        if (number.find_first_of(".eE") != std::string_view::npos) {
            const std::string copy(number);
            char* end = nullptr;
            const double d = std::strtod(copy.c_str(), &end);
            if (!std::isfinite(d)) return outOfRange();
            ok = doc_.Double(d);
        } else if (number.front() == '-') {
            std::int64_t v = 0;
            const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), v);
            if (error != std::errc() || end != number.data() + number.size()) return outOfRange();
            ok = doc_.Int64(v);
        } else {
            // Beyond the signed 64-bit range no field of any schema holds it, and the schema's
            // comparisons would not see it: refused here.
            std::int64_t v = 0;
            const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), v);
            if (error != std::errc() || end != number.data() + number.size()) return outOfRange();
            ok = doc_.Int64(v);
        }
        endValue();
        return ok;
    }
    bool String(const char* text, rapidjson::SizeType length, bool copy) {
        beginValue();
        if (hasSurrogate(text, length)) return loneSurrogate();
        const bool ok = doc_.String(text, length, copy);
        endValue();
        return ok;
    }
    bool StartObject() {
        beginValue();
        if (depth_ >= kMaxJsonDepth) return tooDeep();
        push(true);
        return doc_.StartObject();
    }
    // The text is parsed in place: a key's bytes stay where they are as long as the document.
    bool Key(const char* text, rapidjson::SizeType length, bool copy) {
        Frame& frame = frames_[depth_ - 1];
        frame.key = std::string_view(text, length);
        frame.expecting_key = false;
        if (hasSurrogate(text, length)) return loneSurrogate();
        if (!frame.insertKey(frame.key)) {
            duplicate_ = true;
            duplicate_pointer_ = pointer();
            duplicate_key_ = std::string(frame.key);
            return false;
        }
        return doc_.Key(text, length, copy);
    }
    bool EndObject(rapidjson::SizeType members) {
        --depth_;
        endValue();
        return doc_.EndObject(members);
    }
    bool StartArray() {
        beginValue();
        if (depth_ >= kMaxJsonDepth) return tooDeep();
        push(false);
        return doc_.StartArray();
    }
    bool EndArray(rapidjson::SizeType elements) {
        --depth_;
        endValue();
        return doc_.EndArray(elements);
    }

    // Where the reader is: the value being read, or the object whose next key it expects.
    std::string pointer() const {
        std::string out;
        for (std::size_t i = 0; i < depth_; ++i) {
            const Frame& f = frames_[i];
            if (f.object) {
                if (!f.expecting_key || i + 1 != depth_) out += "/" + domain::jsonPointerToken(std::string(f.key));
            } else if (f.index >= 0) {
                out += "/" + std::to_string(f.index);
            }
        }
        return out;
    }

    // Why the handler stopped the reader, if it did.
    std::optional<Problem> stop() const {
        if (duplicate_)
            return invalid(duplicate_pointer_, "the key '" + printable(duplicate_key_) +
                                                   "' appears twice in one object: a JSON object's keys are unique");
        if (out_of_range_) return invalid(stop_pointer_, "the number is out of range");
        if (lone_surrogate_)
            return invalid(stop_pointer_, "the job is not valid JSON" +
                                              std::string(stop_pointer_.empty() ? "" : " at " + stop_pointer_) +
                                              ": a \\u escape names a lone UTF-16 surrogate");
        if (too_deep_)
            return invalid(stop_pointer_, "the job nests JSON deeper than " + std::to_string(kMaxJsonDepth) + " levels");
        return std::nullopt;
    }

private:
    struct Frame {
        bool object = false;
        std::string_view key{};
        long index = -1;
        bool expecting_key = true;
        std::vector<std::string_view> keys{};  // few per object: a linear search beats a set
        std::unordered_set<std::string_view> many{};

        bool insertKey(std::string_view k) {
            if (!many.empty()) return many.insert(k).second;
            for (const auto& seen : keys)
                if (seen == k) return false;
            keys.push_back(k);
            if (keys.size() > 32) many.insert(keys.begin(), keys.end());
            return true;
        }
    };

    void push(bool object) {
        if (frames_.size() <= depth_) frames_.emplace_back();
        Frame& f = frames_[depth_++];
        f.object = object;
        f.key = {};
        f.index = -1;
        f.expecting_key = true;
        f.keys.clear();
        f.many.clear();
    }
    template <typename F>
    bool scalar(F&& forward) {
        beginValue();
        const bool ok = forward();
        endValue();
        return ok;
    }
    void beginValue() {
        if (depth_ > 0 && !frames_[depth_ - 1].object) ++frames_[depth_ - 1].index;
    }
    void endValue() {
        if (depth_ > 0 && frames_[depth_ - 1].object) frames_[depth_ - 1].expecting_key = true;
    }
    bool outOfRange() {
        out_of_range_ = true;
        stop_pointer_ = pointer();
        return false;
    }
    // The input is valid UTF-8, so a surrogate (ED A0..BF) can only come from a backslash-u escape of a
    // lone one, which the reader lets through.
    static bool hasSurrogate(const char* text, rapidjson::SizeType length) {
        const char* end = text + length;
        for (const char* at = text; (at = static_cast<const char*>(std::memchr(at, '\xed', static_cast<std::size_t>(end - at))));) {
            if (++at < end && static_cast<unsigned char>(*at) >= 0xA0) return true;
        }
        return false;
    }
    bool loneSurrogate() {
        lone_surrogate_ = true;
        stop_pointer_ = pointer();
        return false;
    }
    bool tooDeep() {
        too_deep_ = true;
        stop_pointer_ = pointer();
        return false;
    }

    rapidjson::Document& doc_;
    std::vector<Frame> frames_;
    std::size_t depth_ = 0;
    bool duplicate_ = false, out_of_range_ = false, too_deep_ = false, lone_surrogate_ = false;
    std::string duplicate_pointer_, duplicate_key_, stop_pointer_;
};

constexpr unsigned kParseFlags =
    rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseIterativeFlag | rapidjson::kParseInsituFlag;

// A parsed job: the document's strings are in `text`, a copy of the job's bytes the reader
// decoded in place (no string is copied a second time).
struct Parsed {
    std::string text;
    rapidjson::Document document;
};

// Parses `text` into `parsed`; on failure, the pointer where the parser stopped and its message
// (offsets and quoted bytes are those of `text`, not of the copy decoded in place).
std::optional<Problem> parse(std::string_view text, Parsed& parsed) {
    parsed.text.assign(text);
    rapidjson::Document& document = parsed.document;
    std::optional<Problem> problem;
    auto generate = [&](rapidjson::Document&) {
        TrackingHandler handler(document);
        rapidjson::Reader reader;
        rapidjson::InsituStringStream bytes(parsed.text.data());
        const rapidjson::ParseResult result = reader.Parse<kParseFlags>(bytes, handler);
        if (result) return true;
        if (auto stopped = handler.stop()) {
            problem = std::move(stopped);
            return false;
        }
        const std::string at = handler.pointer();
        // The bytes where it stopped, quoted printable (the error document stays UTF-8).
        const std::size_t offset = result.Offset();
        const std::string near = offset < text.size() ? std::string(text.substr(offset, 8)) : std::string();
        problem = invalid(at, "the job is not valid JSON" + std::string(at.empty() ? "" : " at " + at) + ": " +
                                  rapidjson::GetParseError_En(result.Code()) + " (byte offset " +
                                  std::to_string(offset) +
                                  (near.empty() ? std::string(", at the end") : ", near '" + printable(near) + "'") +
                                  ")");
        return false;
    };
    document.Populate(generate);
    return problem;
}

std::string stringOr(const rapidjson::Value& o, const char* key) {
    if (!o.IsObject()) return {};
    const auto it = o.FindMember(key);
    return it != o.MemberEnd() && it->value.IsString()
               ? std::string(it->value.GetString(), it->value.GetStringLength())
               : std::string();
}

}  // namespace

std::variant<std::shared_ptr<const rapidjson::Document>, Problem> parseJsonObject(std::string_view text,
                                                                                    std::size_t max_bytes) {
    if (text.empty()) return invalid("", "the job is empty: expected a JSON object");
    if (text.size() > max_bytes)
        return invalid("", "the job is " + std::to_string(text.size()) + " bytes, over the limit of " +
                               std::to_string(max_bytes) + " bytes (max_job_bytes)");
    if (const auto at = domain::firstInvalidUtf8(text); at != std::string_view::npos) {
        // The field it is in: where a parse of the text before it stops.
        Parsed prefix;
        const auto stopped = parse(text.substr(0, at), prefix);
        return invalid(stopped ? stopped->pointer : std::string(),
                       "the job is not valid UTF-8 (byte offset " + std::to_string(at) + ")");
    }
    auto parsed = std::make_shared<Parsed>();
    if (auto problem = parse(text, *parsed)) return *problem;
    if (!parsed->document.IsObject()) return invalid("", "the job must be a JSON object");
    return std::shared_ptr<const rapidjson::Document>(parsed, &parsed->document);
}

const rapidjson::Value* Job::rawPayload() const {
    if (!envelope || !envelope->IsObject()) return nullptr;
    const auto it = envelope->FindMember("payload");
    return it == envelope->MemberEnd() ? nullptr : &it->value;
}

Claims claimsOf(const rapidjson::Value& root) {
    Claims claims;
    claims.kind = stringOr(root, "kind");
    if (const auto payload = root.FindMember("payload"); payload != root.MemberEnd() && payload->value.IsObject()) {
        if (const auto centre = payload->value.FindMember("centre"); centre != payload->value.MemberEnd())
            claims.centre_siret = stringOr(centre->value, "siret");
    }
    if (const auto it = root.FindMember("requested_by"); it != root.MemberEnd()) {
        claims.user = stringOr(it->value, "user");
        claims.profile = stringOr(it->value, "profile");
        claims.perimeter = stringOr(it->value, "perimeter");
    }
    return claims;
}

Job typedJob(std::shared_ptr<const rapidjson::Document> envelope) {
    const rapidjson::Value& root = *envelope;
    const std::string kind = stringOr(root, "kind");
    const auto named = kindNamed(kind);
    if (!named) throw std::logic_error("a schema-valid job has the unknown kind '" + kind + "'");
    Job job;
    job.kind = *named;
    job.envelope = std::move(envelope);
    const rapidjson::Value* payload = job.rawPayload();
    job.payload = specOf(job.kind).read(payload);
    job.printed = printedFields(payload);
    job.idempotency_key = stringOr(root, "idempotency_key");
    job.callback_url = stringOr(root, "callback_url");
    if (const auto it = root.FindMember("requested_by"); it != root.MemberEnd() && it->value.IsObject()) {
        const std::string profile = stringOr(it->value, "profile");
        const auto parsed = domain::parseProfile(profile);
        if (!parsed) throw std::logic_error("a schema-valid job has the unknown profile '" + profile + "'");
        job.requested_by = {stringOr(it->value, "user"), *parsed, stringOr(it->value, "perimeter")};
    }
    return job;
}

}  // namespace ceres::jobs
