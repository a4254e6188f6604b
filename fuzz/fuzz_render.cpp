// A valid session_results job (one ADMIS candidate: PV général, PV individuel, parchemin) whose
// printed names come from the input, split at 0x1F: last name, first names, birth commune, juror's
// last name, UD commune. Contract: what validation accepts renders (never Failed: a name that
// passes the checks must print and seal); what it refuses comes back Invalid or Refused.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "domain/parchemin_number.h"
#include "jobs/parchemin_registry.h"
#include "seal/sealer.h"
#include "support.h"

namespace {

using namespace ceres;

// Numbers from a counter, nothing kept: each run issues afresh.
class MemoryRegistry : public jobs::ParcheminRegistry {
public:
    jobs::ParcheminRecord issue(const jobs::ParcheminKey& key, const std::string& ud_code, const std::string& issued_on,
                                const std::string& postal_code, const std::string& data_json) override {
        return {*domain::formatParcheminNumber(++sequence_), key, ud_code, issued_on, postal_code, data_json};
    }
    std::optional<jobs::ParcheminRecord> find(const jobs::ParcheminKey&) override { return std::nullopt; }
    std::optional<jobs::ParcheminRecord> findByNumber(const std::string&) override { return std::nullopt; }
    std::optional<domain::Withdrawal> withdrawalOf(const std::string&) override { return std::nullopt; }
    jobs::PrintBatch openBatch(const std::string&, const std::string&, const std::string&) override { return {}; }
    void forEachInBatch(const std::string&, const jobs::ParcheminVisitor&) override {}
    std::optional<jobs::PrintBatch> findBatch(const std::string&) override { return std::nullopt; }
    bool acknowledgeBatch(const std::string&) override { return false; }

private:
    std::int64_t sequence_ = 0;
};

std::string sampleJob() {
    std::ifstream in(fuzz::resources() + "/samples/session-results.json", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto job = Poco::JSON::Parser().parse(text.str()).extract<Poco::JSON::Object::Ptr>();
    auto candidates = job->getObject("payload")->getArray("candidates");
    while (candidates->size() > 1) candidates->remove(static_cast<unsigned>(candidates->size() - 1));
    std::ostringstream out;
    job->stringify(out);
    return out.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static MemoryRegistry registry;
    static const seal::Sealer sealer =
        seal::Sealer::fromFile(fuzz::resources() + "/samples/keys/dev-seal-private.pem", "DEV1");
    static const jobs::Pipeline pipeline([] {
        jobs::Context c;
        c.resources = fuzz::resources();
        c.registry = &registry;
        c.sealer = &sealer;
        c.specimen = true;
        return c;
    }());
    static const std::string base = sampleJob();

    std::vector<std::string> names{""};
    for (std::size_t i = 0; i < size && names.size() <= 5; ++i) {
        if (data[i] == 0x1f) names.emplace_back();
        else names.back() += static_cast<char>(data[i]);
    }
    auto job = Poco::JSON::Parser().parse(base).extract<Poco::JSON::Object::Ptr>();
    auto payload = job->getObject("payload");
    auto candidate = payload->getArray("candidates")->getObject(0);
    const std::string fields[] = {"last_name", "first_name", "birth_commune"};
    for (std::size_t i = 0; i < 3 && i < names.size(); ++i) candidate->set(fields[i], names[i]);
    if (names.size() > 3) payload->getArray("jury")->getObject(0)->set("last_name", names[3]);
    if (names.size() > 4) payload->getObject("ud")->set("commune", names[4]);
    std::ostringstream text;
    job->stringify(text);
    fuzz::checkOutcome(pipeline.render(text.str()), true);
    return 0;
}
