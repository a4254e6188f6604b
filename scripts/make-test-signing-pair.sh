#!/usr/bin/env bash
# Makes a test CA and a PDF signing certificate it issues, for tests and trials only:
#   DIR/ca.pem           the CA certificate (to trust, e.g. in an NSS database for pdfsig)
#   DIR/signer.pem       the signing certificate followed by the CA's (pdf_signing_cert)
#   DIR/signer-key.pem   its unencrypted private key (pdf_signing_key)
# KEY: rsa (RSA 2048, deterministic PKCS#1 v1.5 signatures, the default) or ec (P-256).
set -euo pipefail
dir=${1:?usage: make-test-signing-pair.sh DIR [rsa|ec]}
key=${2:-rsa}
mkdir -p "$dir"
cd "$dir"
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -keyout ca-key.pem -out ca.pem \
  -subj "/C=FR/O=CERES test/CN=CERES test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
case "$key" in
  rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out signer-key.pem 2>/dev/null ;;
  ec) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out signer-key.pem 2>/dev/null ;;
  *) echo "make-test-signing-pair: KEY is rsa or ec, not '$key'" >&2; exit 2 ;;
esac
openssl req -new -key signer-key.pem -subj "/C=FR/O=CERES test/CN=CERES test PV signer" -out signer.csr
printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,nonRepudiation" \
  "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid" >signer.ext
openssl x509 -req -in signer.csr -CA ca.pem -CAkey ca-key.pem -set_serial 2 -sha256 -days 3650 \
  -extfile signer.ext -out signer-cert.pem 2>/dev/null
cat signer-cert.pem ca.pem >signer.pem
rm -f signer.csr signer.ext signer-cert.pem
