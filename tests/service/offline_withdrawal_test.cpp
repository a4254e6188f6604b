// Online and offline agree: a parchemin withdrawn through the service is reported withdrawn by
// `ceres-docs verify` given the signed list the service serves (GET /v1/withdrawals), the code
// read off a 150 dpi scan of the rendered diploma by libdmtx (python3-pylibdmtx), as an
// employer's own tool would read it.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

#include "harness.h"

namespace ceres::service_test {
namespace {

class OfflineWithdrawal : public ServiceTest {
protected:
    void SetUp() override {
        ServiceTest::SetUp();
        useDeploymentSealKeys();
    }

    // The DataMatrix content of the parchemin's first page, scanned at 150 dpi.
    std::string codeOf(const std::string& pdf_bytes, const std::string& name) {
        const fs::path pdf = dir() / (name + ".pdf"), png = dir() / (name + ".png"), code = dir() / (name + ".code");
        std::ofstream(pdf, std::ios::binary) << pdf_bytes;
        const std::string scan = "pdftoppm -r 150 -png -singlefile -f 1 -l 1 '" + pdf.string() + "' '" +
                                 (dir() / name).string() + "'";
        EXPECT_EQ(std::system(scan.c_str()), 0) << scan;
        const std::string read = "/usr/bin/python3 -c 'import sys; from PIL import Image; "
                                 "from pylibdmtx.pylibdmtx import decode; "
                                 "r = decode(Image.open(sys.argv[1]), max_count=1, timeout=20000); "
                                 "open(sys.argv[2], \"wb\").write(r[0].data if r else b\"\")' '" +
                                 png.string() + "' '" + code.string() + "'";
        EXPECT_EQ(std::system(read.c_str()), 0) << read;
        return readText(code);
    }
};

TEST_F(OfflineWithdrawal, TheServedListMakesTheCommandLineSayWithdrawn) {
    startServe("serve", 1);
    const std::string token = serviceToken();
    const std::string job = submit(token, sampleJob("session-results.json"));
    waitForDone(token, {job});
    std::map<std::string, std::string> numbers, codes;  // by candidate id
    for (const auto& [candidate, d] : parcheminsByCandidate(token, job)) {
        if (candidate != "C-900001" && candidate != "C-900005") continue;
        numbers[candidate] = d->getValue<std::string>("unique_number");
        codes[candidate] = codeOf(call(port(), "GET", d->getValue<std::string>("url"), bearer(token)).body, candidate);
        ASSERT_EQ(codes[candidate].rfind("DC04CE00TA01", 0), 0u) << candidate << ": " << codes[candidate];
    }
    ASSERT_EQ(codes.size(), 2u);

    const HttpResponse withdrawn = call(port(), "POST", "/v1/parchemins/" + numbers.at("C-900005") + "/withdraw",
                                        bearer(token), R"({"date":"2026-07-03","reason":"Fraude à l’examen"})");
    ASSERT_EQ(withdrawn.status, 201) << withdrawn.body;
    const HttpResponse list = call(port(), "GET", "/v1/withdrawals");
    ASSERT_EQ(list.status, 200);
    const fs::path list_file = dir() / "withdrawals.json";
    std::ofstream(list_file, std::ios::binary) << list.body;

    std::string out;
    ExitStatus status = runCommand("verify-withdrawn", {"verify", codes.at("C-900005"), "--withdrawals", list_file.string()}, out);
    EXPECT_TRUE(status.exited && status.code == 3) << status.describe() << "\n" << reports();
    auto result = Poco::JSON::Parser().parse(out).extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(result->getValue<std::string>("status"), "withdrawn");
    EXPECT_EQ(result->getObject("withdrawal")->getValue<std::string>("date"), "2026-07-03");
    EXPECT_EQ(result->getObject("withdrawal")->getValue<std::string>("reason"), "Fraude à l’examen");

    status = runCommand("verify-valid", {"verify", codes.at("C-900001"), "--withdrawals", list_file.string()}, out);
    EXPECT_TRUE(status.exited && status.code == 0) << status.describe() << "\n" << reports();
    result = Poco::JSON::Parser().parse(out).extract<Poco::JSON::Object::Ptr>();
    EXPECT_TRUE(result->getValue<bool>("valid"));
    EXPECT_TRUE(result->getObject("withdrawal_check")->getValue<bool>("checked"));

    // Without the list, the same withdrawn diploma reads as intact, and the command says it cannot know.
    status = runCommand("verify-offline", {"verify", codes.at("C-900005")}, out);
    EXPECT_TRUE(status.exited && status.code == 0) << status.describe();
    EXPECT_NE(reports().find("offline verification cannot know whether this parchemin was withdrawn"), std::string::npos);
}

}  // namespace
}  // namespace ceres::service_test
