// Render speed: PV général of 400 candidates (target <= 50 ms, < 64 MiB peak) and 500 convocations
// merged into one PDF (target <= 0.5 s). Fonts and templates load once, outside the timing, as in
// the service.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <fstream>
#include <sstream>

#include "render/engine.h"

namespace {

using ceres::render::Engine;
using ceres::render::PdfBatch;
using ceres::render::PdfMeta;
using Poco::JSON::Array;
using Poco::JSON::Object;

const Engine& engine() {
    static const Engine instance(CERES_SOURCE_DIR);
    return instance;
}

Object::Ptr sample(const std::string& name) {
    std::ifstream stream(std::string(CERES_SOURCE_DIR) + "/tests/render/data/" + name + ".json");
    std::ostringstream content;
    content << stream.rdbuf();
    Poco::JSON::Parser parser;
    return parser.parse(content.str()).extract<Object::Ptr>();
}

const char* const kLastNames[] = {"Lefèvre", "N'Diaye", "Смирнов", "Jean-Baptiste", "Παπαδόπουλος",
                                  "Martin",  "Bernard", "Dubois",  "Moreau",        "Laurent"};
const char* const kFirstNames[] = {"Hélène", "Aminata", "Дмитрий", "Marie-Ève, Françoise",
                                   "Αθηνά",  "Lucas",   "Chloé",   "Noël",
                                   "Inès",   "François"};

Object::Ptr pvData(int candidates) {
    Object::Ptr data = sample("pv_general");
    Array::Ptr rows = new Array;
    for (int i = 0; i < candidates; ++i) {
        Object::Ptr row = new Object;
        row->set("number", std::to_string(i + 1));
        row->set("last_name", std::string(kLastNames[i % 10]) + " " + std::to_string(i + 1));
        row->set("first_name", kFirstNames[(i / 10) % 10]);
        row->set("birth_date", "12/04/1991");
        row->set("vae", i % 4 == 0 ? "oui" : "non");
        Array::Ptr results = new Array;
        results->add("Acquis");
        results->add(i % 6 == 0 ? "Non acquis" : "Acquis");
        row->set("results", results);
        row->set("decision", i % 6 == 0 ? "Ajourné" : "Admis");
        row->set("observations", i % 13 == 0 ? "Absent à l'entretien final" : "");
        rows->add(row);
    }
    data->set("candidates", rows);
    return data;
}

PdfMeta meta() {
    return {"PV général", "DDETS de la Gironde", "Session TITRE_T_2026_299045",
            "ceres-docs", "ceres-docs",          "2026-05-29",
            "bench"};
}

// Peak resident size of the whole process (fonts and templates included).
double peakMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void BM_PvGeneral400(benchmark::State& state) {
    const Object::Ptr data = pvData(400);
    int pages = 0;
    size_t bytes = 0;
    for (auto _ : state) {
        auto pdf = engine().render("pv_general", data, meta());
        pages = pdf.pages;
        bytes = pdf.bytes.size();
        benchmark::DoNotOptimize(pdf.bytes.data());
    }
    state.counters["pages"] = pages;
    state.counters["pdf_KiB"] = static_cast<double>(bytes) / 1024.0;
    state.counters["peak_rss_MiB"] = peakMiB();
}
BENCHMARK(BM_PvGeneral400)->Unit(benchmark::kMillisecond);

void BM_Convocations500Merged(benchmark::State& state) {
    std::vector<Object::Ptr> letters;
    for (int i = 0; i < 500; ++i) {
        Object::Ptr data = sample("convocation");
        Object::Ptr recipient = data->getObject("recipient");
        recipient->set("name", std::string(kFirstNames[i % 10]) + " " + kLastNames[(i / 10) % 10] + " " +
                                   std::to_string(i));
        recipient->set("postal_code", std::to_string(33000 + i));
        data->getObject("candidate")->set("id", "C-" + std::to_string(900000 + i));
        letters.push_back(data);
    }
    int pages = 0;
    size_t bytes = 0;
    for (auto _ : state) {
        PdfBatch batch(engine());
        for (const auto& letter : letters) batch.add("convocation", letter);
        auto pdf = batch.write(meta());
        pages = pdf.pages;
        bytes = pdf.bytes.size();
        benchmark::DoNotOptimize(pdf.bytes.data());
    }
    state.counters["pages"] = pages;
    state.counters["pdf_KiB"] = static_cast<double>(bytes) / 1024.0;
}
BENCHMARK(BM_Convocations500Merged)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
