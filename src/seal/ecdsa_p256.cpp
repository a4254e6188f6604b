#include "seal/ecdsa_p256.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/params.h>
#include <openssl/pem.h>

#include <array>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <type_traits>

#include "files/sha256.h"
#include "seal/key_error.h"

namespace ceres::seal {
namespace {

constexpr std::size_t kScalarSize = 32;
using Block = std::array<unsigned char, kScalarSize>;

template <auto free_fn>
struct Deleter {
    template <typename T>
    void operator()(T* p) const { free_fn(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BN_clear_free>>;
using BnCtxPtr = std::unique_ptr<BN_CTX, Deleter<BN_CTX_free>>;
using PointPtr = std::unique_ptr<EC_POINT, Deleter<EC_POINT_free>>;
using GroupPtr = std::unique_ptr<EC_GROUP, Deleter<EC_GROUP_free>>;
using MacPtr = std::unique_ptr<EVP_MAC, Deleter<EVP_MAC_free>>;
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, Deleter<EVP_MAC_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using SigPtr = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG_free>>;

void freeOpenSslBuffer(unsigned char* buffer) { OPENSSL_free(buffer); }
using BufferPtr = std::unique_ptr<unsigned char, Deleter<freeOpenSslBuffer>>;

std::string openSslError() {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) return "no detail";
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return text;
}

template <typename T>
T* check(T* pointer, const char* what) {
    if (pointer == nullptr) throw std::runtime_error(std::string(what) + ": " + openSslError());
    return pointer;
}

void check(int status, const char* what) {
    if (status <= 0) throw std::runtime_error(std::string(what) + ": " + openSslError());
}

BioPtr memoryBio(std::string_view text) {
    return BioPtr(check(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())), "BIO_new_mem_buf"));
}

// An encrypted key is refused instead of prompting on a terminal nobody watches.
int refusePassphrase(char*, int, int, void*) { return -1; }

void requireP256(const EVP_PKEY& key, const char* what) {
    char group[64] = {};
    const bool is_p256 =
        EVP_PKEY_is_a(&key, "EC") &&
        EVP_PKEY_get_utf8_string_param(&key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, nullptr) &&
        std::string_view(group) == SN_X9_62_prime256v1;
    if (!is_p256) throw KeyError(std::string(what) + " is not a P-256 (prime256v1) EC key");
}

const EC_GROUP& p256() {
    static const GroupPtr group(check(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1), "P-256 group"));
    return *group;
}

Block sha256(std::string_view message) {
    static_assert(std::is_same_v<Block, files::Sha256Digest>);
    return files::sha256(message);
}

void toBlock(const BIGNUM& number, Block& out) {
    check(BN_bn2binpad(&number, out.data(), static_cast<int>(out.size())), "BN_bn2binpad");
}

BnPtr fromBlock(const Block& bytes) {
    return BnPtr(check(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr), "BN_bin2bn"));
}

BnPtr newNumber() { return BnPtr(check(BN_secure_new(), "BN_secure_new")); }

// HMAC-SHA-256 as RFC 6979 uses it: re-keyed at every step.
class Hmac {
public:
    Hmac() : ctx_(check(EVP_MAC_CTX_new(mac()), "EVP_MAC_CTX_new")) {
        char digest_name[] = "SHA256";
        const OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0), OSSL_PARAM_END};
        check(EVP_MAC_CTX_set_params(ctx_.get(), params), "HMAC digest");
    }

    Block operator()(const Block& key, std::initializer_list<std::string_view> parts) {
        check(EVP_MAC_init(ctx_.get(), key.data(), key.size(), nullptr), "EVP_MAC_init");
        for (std::string_view part : parts) {
            check(EVP_MAC_update(ctx_.get(), reinterpret_cast<const unsigned char*>(part.data()), part.size()),
                  "EVP_MAC_update");
        }
        Block out{};
        std::size_t size = 0;
        check(EVP_MAC_final(ctx_.get(), out.data(), &size, out.size()), "EVP_MAC_final");
        return out;
    }

private:
    static EVP_MAC* mac() {
        static const MacPtr fetched(check(EVP_MAC_fetch(nullptr, "HMAC", nullptr), "HMAC"));
        return fetched.get();
    }
    MacCtxPtr ctx_;
};

std::string_view view(const Block& block) {
    return {reinterpret_cast<const char*>(block.data()), block.size()};
}

// The nonce sequence of RFC 6979 section 3.2 for P-256/SHA-256 (qlen = hlen = 256 bits).
class NonceGenerator {
public:
    NonceGenerator(const Block& private_octets, const Block& reduced_digest) {
        value_.fill(0x01);
        key_.fill(0x00);
        for (const char separator : {'\x00', '\x01'}) {
            key_ = hmac_(key_, {view(value_), {&separator, 1}, view(private_octets), view(reduced_digest)});
            value_ = hmac_(key_, {view(value_)});
        }
    }

    // The next candidate k, in [1, n-1].
    BnPtr next(const BIGNUM& order) {
        for (;;) {
            if (started_) {
                key_ = hmac_(key_, {view(value_), std::string_view("\x00", 1)});
                value_ = hmac_(key_, {view(value_)});
            }
            started_ = true;
            value_ = hmac_(key_, {view(value_)});
            BnPtr k = fromBlock(value_);
            if (!BN_is_zero(k.get()) && BN_cmp(k.get(), &order) < 0) return k;
        }
    }

private:
    Hmac hmac_;
    Block key_{};
    Block value_{};
    bool started_ = false;
};

}  // namespace

std::string readPemFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) throw KeyError("cannot read key file " + path.string());
    return text.str();
}

struct P256Signer::Impl {
    PkeyPtr key;
    BnPtr private_scalar;
    Block private_octets{};

    // s = k^-1 (e + r d) mod n; empty when r or s is zero and the next nonce must be tried.
    std::string signWithNonce(BIGNUM& k, const BIGNUM& e, BN_CTX& ctx) const {
        const EC_GROUP& group = p256();
        const BIGNUM& order = *EC_GROUP_get0_order(&group);
        BN_set_flags(&k, BN_FLG_CONSTTIME);
        PointPtr point(check(EC_POINT_new(&group), "EC_POINT_new"));
        check(EC_POINT_mul(&group, point.get(), &k, nullptr, nullptr, &ctx), "k*G");
        BnPtr r = newNumber(), s = newNumber(), k_inverse = newNumber(), exponent = newNumber();
        check(EC_POINT_get_affine_coordinates(&group, point.get(), r.get(), nullptr, &ctx), "affine x");
        check(BN_nnmod(r.get(), r.get(), &order, &ctx), "r mod n");
        if (BN_is_zero(r.get())) return {};
        // Fermat inversion k^(n-2) runs in constant time, unlike the extended Euclid of BN_mod_inverse.
        // The group's Montgomery form of n spares setting one up at every signature.
        check(BN_sub(exponent.get(), &order, BN_value_one()), "n-1");
        check(BN_sub_word(exponent.get(), 1), "n-2");
        check(BN_mod_exp_mont_consttime(k_inverse.get(), &k, exponent.get(), &order, &ctx,
                                        EC_GROUP_get_mont_data(&group)),
              "k^-1");
        check(BN_mod_mul(s.get(), r.get(), private_scalar.get(), &order, &ctx), "r*d");
        check(BN_mod_add(s.get(), s.get(), &e, &order, &ctx), "e+r*d");
        check(BN_mod_mul(s.get(), s.get(), k_inverse.get(), &order, &ctx), "s");
        if (BN_is_zero(s.get())) return {};
        Block r_bytes{}, s_bytes{};
        toBlock(*r, r_bytes);
        toBlock(*s, s_bytes);
        return std::string(view(r_bytes)) + std::string(view(s_bytes));
    }
};

P256Signer::P256Signer(std::string_view private_key_pem) : impl_(std::make_unique<Impl>()) {
    BioPtr bio = memoryBio(private_key_pem);
    impl_->key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, refusePassphrase, nullptr));
    if (!impl_->key) throw KeyError("private key is not an unencrypted PEM key: " + openSslError());
    requireP256(*impl_->key, "private key");
    BIGNUM* scalar = nullptr;
    if (!EVP_PKEY_get_bn_param(impl_->key.get(), OSSL_PKEY_PARAM_PRIV_KEY, &scalar)) {
        throw KeyError("private key holds no private scalar: " + openSslError());
    }
    impl_->private_scalar.reset(scalar);
    BN_set_flags(scalar, BN_FLG_CONSTTIME);
    toBlock(*scalar, impl_->private_octets);
}

P256Signer::~P256Signer() = default;
P256Signer::P256Signer(P256Signer&&) noexcept = default;
P256Signer& P256Signer::operator=(P256Signer&&) noexcept = default;

std::string P256Signer::sign(std::string_view message) const {
    const BIGNUM& order = *EC_GROUP_get0_order(&p256());
    BnCtxPtr ctx(check(BN_CTX_secure_new(), "BN_CTX_secure_new"));
    const Block digest = sha256(message);
    BnPtr e = fromBlock(digest);
    check(BN_nnmod(e.get(), e.get(), &order, ctx.get()), "e mod n");
    Block reduced_digest{};
    toBlock(*e, reduced_digest);
    NonceGenerator nonces(impl_->private_octets, reduced_digest);
    for (;;) {
        BnPtr k = nonces.next(order);
        std::string signature = impl_->signWithNonce(*k, *e, *ctx);
        if (!signature.empty()) return signature;
    }
}

std::string P256Signer::publicKeyPem() const {
    BioPtr bio(check(BIO_new(BIO_s_mem()), "BIO_new"));
    check(PEM_write_bio_PUBKEY(bio.get(), impl_->key.get()), "PEM_write_bio_PUBKEY");
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

struct P256PublicKey::Impl {
    PkeyPtr key;
};

P256PublicKey::P256PublicKey(std::string_view public_key_pem) : impl_(std::make_unique<Impl>()) {
    BioPtr bio = memoryBio(public_key_pem);
    impl_->key.reset(PEM_read_bio_PUBKEY(bio.get(), nullptr, refusePassphrase, nullptr));
    if (!impl_->key) throw KeyError("public key is not a PEM public key: " + openSslError());
    requireP256(*impl_->key, "public key");
}

P256PublicKey::~P256PublicKey() = default;
P256PublicKey::P256PublicKey(P256PublicKey&&) noexcept = default;
P256PublicKey& P256PublicKey::operator=(P256PublicKey&&) noexcept = default;

bool P256PublicKey::verify(std::string_view message, std::string_view signature) const {
    if (signature.size() != 2 * kScalarSize) return false;
    const auto* raw = reinterpret_cast<const unsigned char*>(signature.data());
    SigPtr sig(check(ECDSA_SIG_new(), "ECDSA_SIG_new"));
    BIGNUM* r = check(BN_bin2bn(raw, kScalarSize, nullptr), "BN_bin2bn");
    BIGNUM* s = check(BN_bin2bn(raw + kScalarSize, kScalarSize, nullptr), "BN_bin2bn");
    ECDSA_SIG_set0(sig.get(), r, s);
    unsigned char* der = nullptr;
    const int der_size = i2d_ECDSA_SIG(sig.get(), &der);
    check(der_size, "i2d_ECDSA_SIG");
    const BufferPtr der_owner(der);
    MdCtxPtr ctx(check(EVP_MD_CTX_new(), "EVP_MD_CTX_new"));
    check(EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, impl_->key.get()),
          "EVP_DigestVerifyInit");
    const int verdict = EVP_DigestVerify(ctx.get(), der, static_cast<std::size_t>(der_size),
                                         reinterpret_cast<const unsigned char*>(message.data()),
                                         message.size());
    ERR_clear_error();
    return verdict == 1;
}

}  // namespace ceres::seal
