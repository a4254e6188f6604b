// The rate limit's trusted proxies as `ceres-docs serve` reads them: off by default, a bad entry
// refused at start naming the setting, and X-Forwarded-For believed only from a listed proxy.
#include <string>
#include <vector>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include "harness.h"

namespace ceres::service_test {
namespace {

// The seal keys of a deployment, so that nothing here depends on the development keys.
class PublicLimits : public ServiceTest {
protected:
    void SetUp() override {
        ServiceTest::SetUp();
        useDeploymentSealKeys();
    }
};

TEST_F(PublicLimits, ABadTrustedProxyIsRefusedAtStart) {
    env()["CERES_TRUSTED_PROXIES"] = "127.0.0.1,proxy.example";
    std::string out;
    const ExitStatus status = runCommand("serve", {"serve", "--port", "0"}, out);
    EXPECT_TRUE(status.exited && status.code == 1) << status.describe();
    EXPECT_NE(reports().find("setting trusted_proxies: 'proxy.example' is not an IP address or a CIDR range"),
              std::string::npos)
        << reports();
}

TEST_F(PublicLimits, ClientsBehindTheConfiguredProxyAreCountedApart) {
    startServe("serve", 0, {{"CERES_TRUSTED_PROXIES", "127.0.0.0/8"}, {"CERES_PUBLIC_BURST", "1"},
                            {"CERES_PUBLIC_RATE_PER_MINUTE", "1"}});
    const auto verify = [&](const std::string& forwarded) {
        Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port()));
        Poco::Net::HTTPRequest request("GET", "/v1/withdrawals", Poco::Net::HTTPMessage::HTTP_1_1);
        request.set("X-Forwarded-For", forwarded);
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        session.receiveResponse(response).ignore(1 << 20);
        return static_cast<int>(response.getStatus());
    };
    EXPECT_EQ(verify("203.0.113.7"), 200);
    EXPECT_EQ(verify("203.0.113.7"), 429);
    EXPECT_EQ(verify("203.0.113.8"), 200);
}

}  // namespace
}  // namespace ceres::service_test
