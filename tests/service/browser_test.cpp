// The verification page in a real browser: headless Chromium driven over WebDriver (Debian's
// chromium and chromium-driver) against a real `ceres-docs serve` on loopback. A visitor types a
// number, a holder's last name, uploads a scan of a rendered diploma; the test reads what the page
// shows (its text, not its HTML) and leaves a screenshot of each step in the build folder
// (CERES_SCREENSHOT_DIR/verify-*.png) for a person to look at.
#include <Poco/Base64Decoder.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "domain/parchemin_number.h"
#include "harness.h"

namespace ceres::service_test {
namespace {

using Poco::JSON::Object;

constexpr const char* kChromium = "/usr/bin/chromium";
constexpr const char* kChromeDriver = "/usr/bin/chromedriver";
constexpr const char* kElementKey = "element-6066-11e4-a52e-4f735466cecf";
constexpr Millis kPageBudget{15'000};

int freePort() {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    return socket.address().port();
}

std::string quoted(const std::string& text) {
    Poco::JSON::Object holder;
    holder.set("v", text);
    std::ostringstream out;
    holder.stringify(out);
    const std::string all = out.str();  // {"v":"..."}
    return all.substr(5, all.size() - 6);
}

// A WebDriver session of chromedriver: each call is one HTTP request; failures throw with the
// driver's answer.
class Browser {
public:
    Browser(int driver_port, const fs::path& profile_dir) : port_(driver_port) {
        const std::string capabilities =
            R"({"capabilities":{"alwaysMatch":{"browserName":"chrome","pageLoadStrategy":"normal",)"
            R"("goog:chromeOptions":{"binary":")" + std::string(kChromium) +
            R"(","args":["--headless=new","--no-sandbox","--disable-gpu","--disable-dev-shm-usage",)"
            R"("--window-size=1000,1100","--lang=fr","--no-first-run","--disable-extensions",)"
            R"("--user-data-dir=)" + profile_dir.string() + R"("]}}}})";
        const auto value = command("POST", "/session", capabilities);
        session_ = value->getObject("value")->getValue<std::string>("sessionId");
    }
    ~Browser() {
        try {
            call(port_, "DELETE", "/session/" + session_);
        } catch (const std::exception&) {
            // The driver is killed next anyway.
        }
    }

    void open(const std::string& url) { command("POST", path("/url"), R"({"url":)" + quoted(url) + "}"); }

    std::string element(const std::string& css) {
        const auto value = command("POST", path("/element"), R"({"using":"css selector","value":)" + quoted(css) + "}");
        return value->getObject("value")->getValue<std::string>(kElementKey);
    }
    void type(const std::string& css, const std::string& text) {
        const std::string id = element(css);
        command("POST", path("/element/" + id + "/clear"), "{}");
        command("POST", path("/element/" + id + "/value"), R"({"text":)" + quoted(text) + "}");
    }
    void click(const std::string& css) { command("POST", path("/element/" + element(css) + "/click"), "{}"); }
    // Presses Tab once, as a keyboard user would.
    void tab() {
        command("POST", path("/actions"),
                R"({"actions":[{"type":"key","id":"keyboard","actions":[{"type":"keyDown","value":"\uE004"},)"
                R"({"type":"keyUp","value":"\uE004"}]}]})");
    }

    // The value a script returns, as text.
    std::string script(const std::string& body) {
        const auto value = command("POST", path("/execute/sync"), R"({"script":)" + quoted(body) + R"(,"args":[]})");
        return value->get("value").isEmpty() ? "" : value->get("value").convert<std::string>();
    }
    std::string text() { return script("return document.body.innerText;"); }
    std::string heading() { return script("var h = document.querySelector('h1'); return h ? h.innerText : '';"); }

    // Until the page's h1 reads `expected` (a form submission navigates); the text seen last.
    std::string waitForHeading(const std::string& expected) {
        std::string seen;
        waitUntil(kPageBudget, [&] { return (seen = heading()) == expected; }, Millis{50});
        return seen;
    }

    // Until the page's text holds `part`; the text seen last.
    std::string waitForText(const std::string& part) {
        std::string seen;
        waitUntil(kPageBudget, [&] { return (seen = text()).find(part) != std::string::npos; }, Millis{50});
        return seen;
    }

    void screenshot(const fs::path& file) {
        const auto value = command("GET", path("/screenshot"), "");
        std::istringstream encoded(value->getValue<std::string>("value"));
        Poco::Base64Decoder decoder(encoded);
        std::ofstream out(file, std::ios::binary);
        Poco::StreamCopier::copyStream(decoder, out);
    }

private:
    std::string path(const std::string& tail) const { return "/session/" + session_ + tail; }

    Object::Ptr command(const std::string& method, const std::string& url, const std::string& body) {
        const HttpResponse r = call(port_, method, url, std::nullopt, body);
        if (r.status != 200)
            throw std::runtime_error("WebDriver " + method + " " + url + " answered " + std::to_string(r.status) + ": " +
                                     r.body.substr(0, 2000));
        return r.json();
    }

    int port_;
    std::string session_;
};

class VerifyPageInBrowser : public ServiceTest {
protected:
    void SetUp() override {
        ServiceTest::SetUp();
        screenshots_ = fs::path(CERES_SCREENSHOT_DIR);
        fs::create_directories(screenshots_);
    }
    void TearDown() override {
        browser_.reset();
        if (driver_) {
            driver_->signal(SIGTERM);
            if (!driver_->waitForExit(Millis{5000})) driver_.reset();  // SIGKILL
        }
        if (HasFailure() && driver_) std::fprintf(stderr, "%s", driver_->report().c_str());
        driver_.reset();
        ServiceTest::TearDown();
    }

    Browser& startBrowser() {
        const int driver_port = freePort();
        driver_ = std::make_unique<CeresProcess>("chromedriver", std::vector<std::string>{"--port=" + std::to_string(driver_port)},
                                                 Env{{"LANGUAGE", "fr"}}, dir(), kChromeDriver);  // a French visitor's browser
        if (!driver_->waitForOutput("started successfully", kStartBudget))
            throw std::runtime_error("chromedriver did not start\n" + driver_->report());
        browser_ = std::make_unique<Browser>(driver_port, dir() / "chromium-profile");
        return *browser_;
    }

    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port()) + path; }

    void shoot(const std::string& name) { browser_->screenshot(screenshots_ / ("verify-" + name + ".png")); }

    fs::path screenshots_;
    std::unique_ptr<CeresProcess> driver_;
    std::unique_ptr<Browser> browser_;
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST_F(VerifyPageInBrowser, AVisitorChecksANumberAHolderAScanAndAWithdrawnDiploma) {
    // The seal keys of a real deployment, not the built-in development pair; the public burst is
    // raised so that this visitor's few dozen requests are never the rate limit's business.
    useDeploymentSealKeys();
    startServe("serve", 1, {{"CERES_PUBLIC_BURST", "1000"}});
    const std::string token = serviceToken();
    const std::string job = submit(token, sampleJob("session-results.json"));
    waitForDone(token, {job});
    std::map<std::string, std::string> numbers, urls;  // by candidate id
    for (const auto& [candidate, d] : parcheminsByCandidate(token, job)) {
        numbers[candidate] = d->getValue<std::string>("unique_number");
        urls[candidate] = d->getValue<std::string>("url");
    }
    ASSERT_EQ(numbers.size(), 3u) << jsonText(jobStatus(token, job));

    // A scan of Смирнов's diploma, as `pdftoppm -r 150` renders its page.
    const HttpResponse pdf = call(port(), "GET", urls.at("C-900003"), bearer(token));
    ASSERT_EQ(pdf.status, 200);
    std::ofstream(dir() / "parchemin.pdf", std::ios::binary) << pdf.body;
    const std::string scan = (dir() / "scan").string();
    ASSERT_EQ(std::system(("pdftoppm -r 150 -png -singlefile -f 1 -l 1 '" + (dir() / "parchemin.pdf").string() + "' '" +
                           scan + "'")
                              .c_str()),
              0);

    const HttpResponse withdrawn =
        call(port(), "POST", "/v1/parchemins/" + numbers.at("C-900005") + "/withdraw", bearer(token),
             R"({"date":"2026-07-03","reason":"Fraude constatée lors de l’examen"})");
    ASSERT_EQ(withdrawn.status, 201) << withdrawn.body;

    Browser& browser = startBrowser();

    // The home page: French, headed, its fields labelled, the focus visible when tabbing.
    browser.open(url("/verify"));
    EXPECT_EQ(browser.heading(), "Vérifier un titre professionnel");
    EXPECT_FALSE(contains(browser.text(), "Vérifier un autre diplôme")) << "the home page does not link to itself";
    EXPECT_EQ(browser.script("return document.documentElement.lang;"), "fr");
    EXPECT_EQ(browser.script("return document.querySelectorAll('input:not([type=hidden])').length === "
                             "document.querySelectorAll('input[id]').length && "
                             "[...document.querySelectorAll('input')].every(i => document.querySelector("
                             "'label[for=\"' + i.id + '\"]'));"),
              "true")
        << "every field has its label";
    browser.tab();
    EXPECT_EQ(browser.script("return document.activeElement.textContent;"), "Aller au contenu");
    browser.tab();
    EXPECT_EQ(browser.script("return document.activeElement.id;"), "numero");
    EXPECT_EQ(browser.script("return getComputedStyle(document.activeElement).outlineStyle;"), "solid")
        << "the keyboard focus is visible";
    shoot("1-home-focus");

    // A genuine number.
    browser.type("#numero", numbers.at("C-900001"));
    browser.click("form[action='/verify'] button");
    EXPECT_EQ(browser.waitForHeading("Diplôme authentique"), "Diplôme authentique");
    std::string text = browser.text();
    EXPECT_TRUE(contains(text, "Le numéro " + numbers.at("C-900001") + " est celui d’un titre professionnel authentique"))
        << text;
    EXPECT_TRUE(contains(text, "Titre professionnel")) << text;
    EXPECT_FALSE(contains(text, "LEFÈVRE") || contains(text, "Lefèvre")) << "the holder's name is never shown\n" << text;
    shoot("2-genuine");

    // The holder's last name, typed without accent nor capitals, then someone else's.
    browser.type("#nom", "lefevre");
    browser.click("form[method='post'] button");
    text = browser.waitForText("Résultat pour le titulaire saisi");
    EXPECT_EQ(browser.heading(), "Diplôme authentique");
    EXPECT_TRUE(contains(text, "Les informations saisies correspondent au titulaire de ce diplôme.")) << text;
    EXPECT_FALSE(contains(text, "LEFÈVRE")) << text;
    shoot("3-holder-matches");
    browser.type("#nom", "Martin");
    browser.click("form[method='post'] button");
    text = browser.waitForText("ne correspondent pas");
    EXPECT_TRUE(contains(text, "Les informations saisies ne correspondent pas au titulaire de ce diplôme.")) << text;
    shoot("4-holder-does-not-match");

    // A scan of the paper diploma: every signed field.
    browser.open(url("/verify"));
    browser.type("#photo", scan + ".png");
    browser.click("form[enctype='multipart/form-data'] button");
    EXPECT_EQ(browser.waitForHeading("Diplôme authentique"), "Diplôme authentique");
    text = browser.text();
    EXPECT_TRUE(contains(text, "La signature du code 2D est valide")) << text;
    EXPECT_TRUE(contains(text, "Informations signées")) << text;
    for (const std::string& field : {numbers.at("C-900003"), std::string("СМИРНОВ"), std::string("Дмитрий"),
                                    std::string("28 février 1979"), std::string("TA01")}) {
        EXPECT_TRUE(contains(text, field)) << field << "\n" << text;
    }
    shoot("5-scan");

    // A withdrawn diploma.
    browser.open(url("/verify"));
    browser.type("#numero", numbers.at("C-900005"));
    browser.click("form[action='/verify'] button");
    EXPECT_EQ(browser.waitForHeading("Diplôme retiré"), "Diplôme retiré");
    text = browser.text();
    EXPECT_TRUE(contains(text, "Ce diplôme a été retiré le 3 juillet 2026. Il n’est plus valable.")) << text;
    EXPECT_TRUE(contains(text, "Motif : Fraude constatée lors de l’examen")) << text;
    shoot("6-withdrawn");

    // A number never issued, and one whose check digit is wrong.
    browser.open(url("/verify"));
    const std::string unknown = *domain::formatParcheminNumber(999'999);
    browser.type("#numero", unknown);
    browser.click("form[action='/verify'] button");
    EXPECT_EQ(browser.waitForHeading("Numéro inconnu"), "Numéro inconnu");
    text = browser.text();
    EXPECT_TRUE(contains(text, "Aucun titre professionnel portant le numéro " + unknown + " n’a été délivré")) << text;
    shoot("7-unknown");

    std::string mistyped = numbers.at("C-900001");
    mistyped.back() = mistyped.back() == '0' ? '1' : '0';
    browser.open(url("/verify"));
    browser.type("#numero", mistyped);
    browser.click("form[action='/verify'] button");
    EXPECT_EQ(browser.waitForHeading("Numéro erroné"), "Numéro erroné");
    text = browser.text();
    EXPECT_TRUE(contains(text, "un caractère a été mal saisi. Vérifiez la saisie.")) << text;
    EXPECT_EQ(browser.script("return document.querySelector('#numero').value;"), mistyped) << "to be corrected";
    shoot("8-wrong-check-digit");
    // Corrected in place.
    browser.type("#numero", numbers.at("C-900001"));
    browser.click("form[action='/verify'] button");
    EXPECT_EQ(browser.waitForHeading("Diplôme authentique"), "Diplôme authentique");
}

}  // namespace
}  // namespace ceres::service_test
