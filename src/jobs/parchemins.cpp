#include "jobs/parchemins.h"

#include <Poco/JSON/Parser.h>

#include <future>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <type_traits>
#include <utility>

#include "domain/documents.h"
#include "domain/job_checks.h"
#include "domain/parchemin_number.h"
#include "files/transient.h"
#include "jobs/bind.h"
#include "jobs/parallel.h"
#include "jobs/parchemin_registry.h"
#include "jobs/payload.h"
#include "jobs/pdf_document.h"
#include "seal/barcode.h"
#include "seal/code_format.h"
#include "seal/sealer.h"
#include "xlsx/print_manifest.h"

namespace ceres::jobs {
namespace {

using bind::Obj;

// What is kept in the registry at issue time: everything needed to print the same diploma again.
struct ParcheminDraft {
    Obj data;             // the parchemin template's data, without number and duplicata mention
    seal::ParcheminFields fields;  // without number
    Obj recipient;        // the holder's postal address, for print batches
};

// The address that answers GET /v1/verify/{number} for this parchemin, or "" without a public URL.
std::string verificationUrl(const Toolkit& kit, const std::string& number) {
    std::string base = kit.context.public_url;
    if (base.empty()) return "";
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/v1/verify/" + number;
}

// The fields the 2D code signs, but the number.
seal::ParcheminFields sealedFieldsFor(const domain::SessionPayload& p, const domain::Candidate& c) {
    seal::ParcheminFields fields;
    fields.last_name = bind::upperCase(c.last_name);  // printed in capitals, signed as printed
    fields.first_names = c.first_name;
    fields.birth_date = c.birth_date.iso();
    fields.title_code = p.title.code;
    fields.level = p.title.level;
    fields.issued_on = p.session.validated_on->iso();
    fields.ud_code = p.ud.code;
    fields.signed_on = fields.issued_on;  // from the job, so a re-render signs the same bytes
    return fields;
}

ParcheminDraft draftFor(const domain::SessionPayload& p, const domain::Candidate& c, const PrintedFields& printed) {
    ParcheminDraft d;
    d.data = bind::parchemin(p, c, printed);
    d.fields = sealedFieldsFor(p, c);

    d.recipient = bind::object();
    d.recipient->set("name", bind::formalName(c.first_name, c.last_name));
    d.recipient->set("line1", c.address.line1);
    d.recipient->set("line2", c.address.line2.value_or(""));
    d.recipient->set("postal_code", c.address.postal_code);
    d.recipient->set("commune", c.address.commune);
    d.recipient->set("country", c.address.country.value_or(""));
    return d;
}

std::string toJson(const Obj& o) {
    std::ostringstream out;
    o->stringify(out);
    return out.str();
}

std::string storedJson(const ParcheminDraft& d) {
    Obj o = bind::object();
    o->set("data", d.data);
    Obj f = bind::object();
    f->set("last_name", d.fields.last_name);
    f->set("first_names", d.fields.first_names);
    f->set("birth_date", d.fields.birth_date);
    f->set("title_code", d.fields.title_code);
    f->set("level", d.fields.level);
    f->set("issued_on", d.fields.issued_on);
    f->set("ud_code", d.fields.ud_code);
    f->set("signed_on", d.fields.signed_on);
    o->set("fields", f);
    o->set("recipient", d.recipient);
    return toJson(o);
}

ParcheminDraft draftFromStored(const std::string& json) {
    const Obj o = Poco::JSON::Parser().parse(json).extract<Obj>();
    ParcheminDraft d;
    d.data = o->getObject("data");
    const Obj f = o->getObject("fields");
    d.fields.last_name = f->getValue<std::string>("last_name");
    d.fields.first_names = f->getValue<std::string>("first_names");
    d.fields.birth_date = f->getValue<std::string>("birth_date");
    d.fields.title_code = f->getValue<std::string>("title_code");
    d.fields.level = f->getValue<std::string>("level");
    d.fields.issued_on = f->getValue<std::string>("issued_on");
    d.fields.ud_code = f->getValue<std::string>("ud_code");
    d.fields.signed_on = f->getValue<std::string>("signed_on");
    d.recipient = o->getObject("recipient");
    return d;
}

render::ModuleMatrix modules(seal::Matrix m) {
    return render::ModuleMatrix{m.width, m.height, std::move(m.modules)};
}

const seal::Sealer& sealerOf(const Toolkit& kit) {
    if (!kit.context.sealer) throw std::runtime_error("no parchemin signing key is configured");
    return *kit.context.sealer;
}

ParcheminRegistry& registryOf(const Toolkit& kit) {
    if (!kit.context.registry) throw std::runtime_error("no parchemin registry (store) is configured");
    return *kit.context.registry;
}

// The template data and the sealed 2D code of one parchemin with its number.
struct Sealed {
    Obj data;
    render::Slots slots;
};

// Completes the draft's own data tree (each draft is built or parsed for one use only).
Sealed sealed(ParcheminDraft& draft, const std::string& number, const Toolkit& kit,
              const domain::Reprint* reprint = nullptr) {
    seal::ParcheminFields fields = draft.fields;
    fields.unique_number = number;
    Sealed s;
    s.data = draft.data;
    bind::ParcheminFace face;
    face.unique_number = number;
    // From the deployment, not from the registry: a reprint or a print batch shows today's address.
    face.verification_url = verificationUrl(kit, number);
    face.specimen = kit.context.specimen;
    if (reprint) {
        face.duplicata_on = reprint->date;
        face.duplicata_reason = reprint->reason;
    }
    bind::parcheminFace(s.data, face);
    s.slots.barcodes["seal"] = modules(seal::encodeDataMatrix(sealerOf(kit).seal(fields)));
    return s;
}

Document parcheminDocument(const Sealed& s, const std::string& file_name, const std::string& title,
                           const std::string& date_iso, const std::string& id_seed, const Toolkit& kit) {
    const auto pdf = kit.engine.render("parchemin", s.data, pdfMeta(title, "Ministère chargé de l'emploi", date_iso, id_seed),
                                       s.slots);
    Document d = pdfDocument("parchemin", file_name, pdf);
    d.unique_number = s.data->getValue<std::string>("unique_number");
    return d;
}

bool isAdmis(const domain::Candidate& c) { return c.decision == domain::Decision::Admis; }

// The address carrier put before each parchemin: the holder's address in the envelope window and
// the tracking Code 128 of the number.
Obj carrierData(ParcheminDraft& draft, const std::string& number, const std::string& batch_id,
                const std::string& sent_on_in_words) {
    Obj carrier = bind::object();
    // The letter opens with "Madame, Monsieur," on its own line and closes with the same words.
    const std::string salutation = bind::salutation("");
    draft.recipient->set("salutation", salutation);
    draft.recipient->set("addressed_as", salutation.substr(0, salutation.find_last_not_of(',') + 1));
    // In the envelope window the last lines are "postal code COMMUNE" and a foreign COUNTRY in
    // capitals (NF Z10-011); the manifest keeps the commune as the payload wrote it.
    Obj window = new Poco::JSON::Object(*draft.recipient);
    window->set("commune", bind::upperCase(draft.recipient->getValue<std::string>("commune")));
    window->set("country", bind::upperCase(draft.recipient->optValue<std::string>("country", "")));
    carrier->set("recipient", window);
    carrier->set("unique_number", number);
    carrier->set("ud", draft.data->getObject("ud"));
    carrier->set("title", draft.data->getObject("title"));
    carrier->set("issue", draft.data->getObject("issue"));
    carrier->set("sent_on", sent_on_in_words);
    Obj batch = bind::object();
    batch->set("id", batch_id);
    carrier->set("batch", batch);
    return carrier;
}

xlsx::ManifestEntry manifestEntry(int sequence, const std::string& number, const ParcheminDraft& draft,
                                  int first_page, int last_page) {
    xlsx::ManifestEntry entry;
    entry.sequence = sequence;
    entry.unique_number = number;
    entry.last_name = draft.fields.last_name;
    entry.first_names = draft.fields.first_names;
    entry.address_line = draft.recipient->getValue<std::string>("line1");
    entry.postal_code = draft.recipient->getValue<std::string>("postal_code");
    entry.commune = draft.recipient->getValue<std::string>("commune");
    entry.first_page = first_page;
    entry.last_page = last_page;
    return entry;
}

// Where the payload holds what a sealed field is made of.
std::string pointerOfSealedField(const std::string& message, const std::string& candidate) {
    static const std::pair<const char*, const char*> kFields[] = {
        {"cannot seal last_name", "/last_name"},
        {"cannot seal first_names", "/first_name"},
        {"cannot seal birth_date", "/birth_date"},
    };
    static const std::pair<const char*, const char*> kJobFields[] = {
        {"cannot seal title_code", "/payload/title/code"},   {"cannot seal level", "/payload/title/level"},
        {"cannot seal issued_on", "/payload/session/validated_on"},
        {"cannot seal signed_on", "/payload/session/validated_on"}, {"cannot seal ud_code", "/payload/ud/code"},
    };
    for (const auto& [prefix, pointer] : kJobFields)
        if (message.rfind(prefix, 0) == 0) return pointer;
    for (const auto& [prefix, pointer] : kFields)
        if (message.rfind(prefix, 0) == 0) return candidate + pointer;
    return candidate;
}

template <typename Payload>
std::vector<Problem> sealingProblemsOf(const Payload& p) {
    std::vector<Problem> problems;
    if (!p.session.validated_on) return problems;  // refused by the rules already (R-SES-4)
    // Any well-formed number: the registry's numbers always are, a reprint's own is checked apart.
    const std::string placeholder = domain::formatParcheminNumber(1).value_or("");
    for (std::size_t i = 0; i < p.candidates.size(); ++i) {
        const auto& c = p.candidates[i];
        if constexpr (std::is_same_v<Payload, domain::SessionResultsPayload>) {
            if (!isAdmis(c)) continue;
        }
        seal::ParcheminFields fields = sealedFieldsFor(p, c);
        fields.unique_number = placeholder;
        try {
            seal::composeSignedPart(fields, "CHEK");
        } catch (const std::invalid_argument& refused) {
            const std::string candidate = "/payload/candidates/" + std::to_string(i);
            problems.push_back({pointerOfSealedField(refused.what(), candidate), "",
                                "the parchemin of candidate " + c.id + " cannot be sealed: " + refused.what()});
        }
    }
    return problems;
}

}  // namespace

std::vector<Problem> sealingProblems(const Job& job) {
    if (job.kind == Kind::SessionResults) return sealingProblemsOf(payloadAs<domain::SessionResultsPayload>(job));
    if (job.kind == Kind::ParcheminsReprint) return sealingProblemsOf(payloadAs<domain::ParcheminsReprintPayload>(job));
    return {};
}

std::string parcheminRecordData(const domain::SessionPayload& p, const domain::Candidate& c,
                                const PrintedFields& printed) {
    return storedJson(draftFor(p, c, printed));
}

struct SessionParchemins::Reserved {
    const domain::Candidate* candidate;
    std::string number;
    // Completed by render(), which each parchemin gets once.
    mutable ParcheminDraft draft;
};

SessionParchemins::SessionParchemins(const domain::SessionResultsPayload& p, const PrintedFields& printed,
                                     const Toolkit& kit, std::vector<ParcheminRecord>& records)
    : payload_(p), toolkit_(kit) {
    for (const auto& c : p.candidates) {
        if (!isAdmis(c)) continue;
        ParcheminDraft draft = draftFor(p, c, printed);
        // Only the number is stored now; the record is issued with the documents, once every one
        // of them was rendered and sealed.
        const ParcheminRecord record = registryOf(kit).reserve({c.id, p.title.code, p.session.id}, p.ud.code,
                                                               draft.fields.issued_on, c.address.postal_code,
                                                               storedJson(draft));
        records.push_back(record);
        reserved_.push_back(Reserved{&c, record.unique_number, std::move(draft)});
    }
}

SessionParchemins::~SessionParchemins() = default;

std::size_t SessionParchemins::size() const { return reserved_.size(); }

Document SessionParchemins::render(std::size_t index) const {
    const Reserved& r = reserved_.at(index);
    const domain::SessionResultsPayload& p = payload_;
    const std::string name = "parchemin_" + safeFilePart(p.session.id) + "_" + safeFilePart(r.candidate->id) + ".pdf";
    Document d = parcheminDocument(sealed(r.draft, r.number, toolkit_), name, "Parchemin " + p.title.code + " " + r.number,
                                   r.draft.fields.issued_on, r.number, toolkit_);
    d.session_id = p.session.id;
    d.candidate_id = r.candidate->id;
    return d;
}

KindResult renderParcheminsReprint(const Job& job, const Toolkit& kit) {
    const auto& p = payloadAs<domain::ParcheminsReprintPayload>(job);
    const PrintedFields& printed = job.printed;
    KindResult result;
    for (std::size_t i = 0; i < p.candidates.size(); ++i) {
        const auto& c = p.candidates[i];
        const auto stored = registryOf(kit).find({c.id, p.title.code, p.session.id});
        const std::string number = stored ? stored->unique_number : c.unique_number.value_or("");
        if (number.empty()) {
            result.refusals.push_back({"/payload/candidates/" + std::to_string(i), "R-DOC-2",
                                       "no parchemin number is known for candidate " + c.id +
                                           ": none was issued by this service and the candidate has no unique_number"});
            continue;
        }
        if (!domain::hasValidCheckCharacter(number)) {
            result.refusals.push_back({"/payload/candidates/" + std::to_string(i) + "/unique_number", "R-DOC-2",
                                       "parchemin number " + number + " has a wrong check character"});
            continue;
        }
        const domain::Outcome reissue = domain::checkMayReissue(registryOf(kit).withdrawalOf(number));
        for (const auto& refusal : reissue.violations) {
            result.refusals.push_back({"/payload/candidates/" + std::to_string(i), refusal.rule,
                                       "parchemin " + number + ": " + refusal.message});
        }
        if (reissue.isRefused()) continue;
        // The diploma as issued when the store has it; otherwise as the payload describes it.
        ParcheminDraft draft = stored ? draftFromStored(stored->data_json) : draftFor(p, c, printed);
        const std::string name = "parchemin-duplicata_" + safeFilePart(p.session.id) + "_" + safeFilePart(c.id) + "_" +
                                 p.reprint.date.iso() + ".pdf";
        Document d = parcheminDocument(sealed(draft, number, kit, &p.reprint), name,
                                       "Duplicata " + p.title.code + " " + number, p.reprint.date.iso(),
                                       job.idempotency_key + "/" + name, kit);
        d.session_id = p.session.id;
        d.candidate_id = c.id;
        result.documents.push_back(std::move(d));
        if (kit.progress) kit.progress(static_cast<int>(i) + 1, static_cast<int>(p.candidates.size()));
    }
    if (!result.refusals.empty()) result.documents.clear();
    return result;
}

namespace {

// One stored parchemin of a print batch made ready on any thread: its record read back, sealed
// and laid out with its cover letter; or why it is left out.
struct PreparedParchemin {
    std::string number;
    std::string left_out;  // the reason its stored record cannot be printed, when it cannot
    ParcheminDraft draft;
    render::LayoutResult carrier, parchemin;
};

PreparedParchemin prepareStored(const ParcheminRecord& item, const Toolkit& kit, const std::string& batch_id,
                                const std::string& sent_on) {
    PreparedParchemin prepared;
    prepared.number = item.unique_number;
    // A record stored before validation checked everything (or altered since) that cannot be read
    // back or sealed is left out and named, instead of failing every batch for good.
    render::Slots tracking;
    Sealed s;
    try {
        prepared.draft = draftFromStored(item.data_json);
        tracking.barcodes["tracking"] = modules(seal::encodeCode128(item.unique_number));
        s = sealed(prepared.draft, item.unique_number, kit);
    } catch (const std::exception& e) {
        if (files::isTransient(e)) throw;
        prepared.left_out = e.what();
        return prepared;
    }
    prepared.carrier =
        kit.engine.layout("parchemin_envoi", carrierData(prepared.draft, item.unique_number, batch_id, sent_on), tracking);
    prepared.parchemin = kit.engine.layout("parchemin", s.data, s.slots);
    return prepared;
}

// A batch asked for again before its acknowledgement is answered as it was: the job says so,
// and how many parchemins issued since wait for the batch after it.
std::string reopenedBatchWarning(const PrintBatch& batch) {
    auto parchemins = [](std::size_t n) { return std::to_string(n) + (n == 1 ? " parchemin" : " parchemins"); };
    return "print batch " + batch.id + " is not acknowledged yet: this is that batch again (" +
           parchemins(batch.size) + "); " + parchemins(batch.waiting) + (batch.waiting == 1 ? " waits" : " wait") +
           " for the next batch, opened once it is acknowledged (POST /v1/print-batches/" + batch.id + "/ack)";
}

// Records are made ready a chunk at a time on the job's threads while the previous chunk is
// written, in the batch's order, into the one PDF: memory holds two chunks, whatever the batch.
constexpr std::size_t kPreparedChunk = 32;

}  // namespace

// The merged PDF and the CSV manifest are streamed into spool files, the XLSX manifest into a
// constant-memory workbook, as the registry hands the batch over: neither the records, nor the
// pages, nor the manifest lines of a batch are ever all in memory.
KindResult renderPrintBatch(const Job& job, const Toolkit& kit) {
    const auto& p = payloadAs<domain::PrintBatchPayload>(job);
    ParcheminRegistry& registry = registryOf(kit);
    const PrintBatch batch = registry.openBatch(p.ud, p.issued_from.iso(), p.issued_to.iso());
    SpoolWriter csv_spool(kit.context.spool_dir);
    xlsx::PrintManifestWriter manifest(p.ud, p.issued_from, p.issued_to,
                                       [&csv_spool](std::string_view bytes) { csv_spool.write(bytes); });
    const std::string base = "lot-impression_" + safeFilePart(p.ud) + "_" + p.issued_from.iso() + "_" +
                             p.issued_to.iso() + "_" + safeFilePart(batch.id);
    const std::string sent_on = bind::dateInWords(p.issued_to);
    KindResult result;
    if (batch.reopened) result.warnings.push_back(reopenedBatchWarning(batch));
    if (batch.size > 0) {
        SpoolWriter spool(kit.context.spool_dir);
        render::PdfBatch pdf(kit.engine, spool);
        int sequence = 0;
        int seen = 0;
        auto write = [&](PreparedParchemin& prepared) {
            ++seen;
            if (!prepared.left_out.empty()) {
                result.warnings.push_back("parchemin " + prepared.number +
                                          " left out of the print batch: its stored record cannot be printed (" +
                                          prepared.left_out + ")");
            } else {
                const int first_page = pdf.pageCount() + 1;
                pdf.add("parchemin_envoi", std::move(prepared.carrier));
                pdf.add("parchemin", std::move(prepared.parchemin));
                manifest.add(manifestEntry(++sequence, prepared.number, prepared.draft, first_page, pdf.pageCount()));
            }
            if (kit.progress) kit.progress(seen, static_cast<int>(batch.size));
        };
        const unsigned threads = kit.context.render_threads;
        auto prepareAll = [&kit, &batch, &sent_on, threads](std::vector<ParcheminRecord> records) {
            return inOrder<PreparedParchemin>(records.size(), threads, [&](std::size_t i) {
                return prepareStored(records[i], kit, batch.id, sent_on);
            });
        };
        std::vector<ParcheminRecord> chunk;
        std::future<std::vector<PreparedParchemin>> pending;
        auto writePending = [&] {
            if (!pending.valid()) return;
            std::vector<PreparedParchemin> ready = pending.get();
            for (PreparedParchemin& prepared : ready) write(prepared);
        };
        auto handOver = [&] {
            std::future<std::vector<PreparedParchemin>> next = std::async(std::launch::async, prepareAll, std::move(chunk));
            chunk.clear();
            writePending();
            pending = std::move(next);
        };
        registry.forEachInBatch(batch.id, [&](const ParcheminRecord& item) {
            if (threads <= 1) {
                PreparedParchemin prepared = prepareStored(item, kit, batch.id, sent_on);
                write(prepared);
                return;
            }
            chunk.push_back(item);
            if (chunk.size() == kPreparedChunk) handOver();
        });
        if (!chunk.empty()) handOver();
        writePending();
        const render::RenderedPdf written =
            pdf.write(pdfMeta("Lot d'impression " + batch.id, "Ministère chargé de l'emploi", p.issued_to.iso(), batch.id));
        Document merged;
        merged.kind = "print_batch";
        merged.file_name = base + ".pdf";
        merged.mime = kPdfMime;
        merged.pages = written.pages;
        merged.spool = spool.finish();
        merged.session_id = batch.id;
        result.documents.push_back(std::move(merged));
    }
    Document xlsx_manifest = fileDocument("print_manifest_xlsx", base + "_manifeste.xlsx", kXlsxMime, manifest.finish());
    Document csv_manifest = fileDocument("print_manifest_csv", base + "_manifeste.csv", kCsvMime, "");
    csv_manifest.spool = csv_spool.finish();
    xlsx_manifest.session_id = csv_manifest.session_id = batch.id;
    result.documents.push_back(std::move(xlsx_manifest));
    result.documents.push_back(std::move(csv_manifest));
    return result;
}

}  // namespace ceres::jobs
