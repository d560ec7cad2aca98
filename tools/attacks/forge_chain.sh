#!/usr/bin/env bash
# Builds the test PKI for Pecat's attack files with the openssl CLI only.
#
# usage: forge_chain.sh OUTDIR
#
# Writes PEM certificates (*.pem) and unencrypted PKCS#8 keys (*.key):
#   root      self-signed root CA (the document trust anchor)
#   ca        intermediate CA under root (issues the end-entities below)
#   good      end-entity: cA=false, keyUsage digitalSignature+nonRepudiation, QcCompliance
#   forged    end-entity whose issuer is *good* (signed with good.key: an end-entity acting as CA)
#   sha1      end-entity under ca whose certificate signature is sha1WithRSAEncryption
#   ec        EC P-256 end-entity under ca (positive control for ECDSA)
#   critical  end-entity under ca carrying an unknown critical extension 1.2.3.4.5.6.7
#   expired   end-entity under ca that expired 30 days ago
#   twin      second certificate for good.key's public key (other serial + CN), under ca
#   pathlen   CA under root with pathLenConstraint 0;  sub: CA under pathlen;  deep: end-entity under sub
#   webroot   a separate "system bundle" root;  web: TLS server certificate (EKU serverAuth) under webroot
#   chain-*.pem bundles (issuer chains without the anchor, and with it: *-full.pem)
#
# All RSA 2048 except ec. End-entity certificates are valid from yesterday for
# 2 years (expired: from 400 days ago until 30 days ago). CA certificates are
# valid from 3 years ago for 10 years so that they cover expired.pem's lifetime
# (the only defect of expired.pem is then its own expiry).
set -euo pipefail

if [ $# -ne 1 ]; then echo "usage: $0 OUTDIR" >&2; exit 2; fi
out=$1
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

d() { date -u -d "$1" +%Y%m%d%H%M%SZ; }
EE_START=$(d "yesterday"); EE_END=$(d "yesterday + 730 days")
CA_START=$(d "3 years ago"); CA_END=$(d "7 years")
OLD_START=$(d "400 days ago"); OLD_END=$(d "30 days ago")

mkdir -p "$work/newcerts"
: > "$work/index.txt"
echo 1000 > "$work/serial"
cat > "$work/ca.cnf" <<CNF
[ ca ]
default_ca = CA_default
[ CA_default ]
dir = $work
database = $work/index.txt
new_certs_dir = $work/newcerts
serial = $work/serial
default_md = sha256
policy = policy_any
unique_subject = no
email_in_dn = no
copy_extensions = none
preserve = yes
[ policy_any ]
countryName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied
[ req ]
distinguished_name = req_dn
prompt = no
[ req_dn ]
CN = placeholder
CNF

cat > "$work/ext.cnf" <<'CNF'
[ v3_ca ]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ v3_pathlen0 ]
basicConstraints = critical,CA:true,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ v3_ee ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
1.3.6.1.5.5.7.1.3 = DER:300A3008060604008E460101

[ v3_ee_critical ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
1.3.6.1.5.5.7.1.3 = DER:300A3008060604008E460101
1.2.3.4.5.6.7 = critical,DER:0500

[ v3_web ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = DNS:pecat-web.example.test
CNF

rsakey() { openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$out/$1.key" 2>/dev/null \
  || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$out/$1.key" 2>/dev/null; }
eckey() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$out/$1.key"; }

# csr NAME KEYNAME "/subject"
csr() { openssl req -new -config "$work/ca.cnf" -key "$out/$2.key" -subj "$3" -out "$work/$1.csr"; }

# sign NAME ISSUER EXTSECTION START END [MD]   (ISSUER = self for a self-signed root)
sign() {
  local name=$1 issuer=$2 ext=$3 start=$4 end=$5 md=${6:-sha256}
  local args=(-batch -config "$work/ca.cnf" -notext -rand_serial -md "$md"
              -extfile "$work/ext.cnf" -extensions "$ext"
              -startdate "$start" -enddate "$end"
              -in "$work/$name.csr" -out "$out/$name.pem")
  if [ "$issuer" = self ]; then
    args+=(-selfsign -keyfile "$out/$name.key")
  else
    args+=(-cert "$out/$issuer.pem" -keyfile "$out/$issuer.key")
  fi
  openssl ca "${args[@]}" 2>"$work/$name.log" || { cat "$work/$name.log" >&2; return 1; }
}

O="/O=Pecat Attack Test PKI"

rsakey root;    csr root root "$O/CN=Pecat Attack Root CA";            sign root self v3_ca "$CA_START" "$CA_END"
rsakey ca;      csr ca ca "$O/CN=Pecat Attack Issuing CA";             sign ca root v3_ca "$CA_START" "$CA_END"
rsakey good;    csr good good "$O/CN=Good Signer";                     sign good ca v3_ee "$EE_START" "$EE_END"
rsakey forged;  csr forged forged "$O/CN=Forged Signer";               sign forged good v3_ee "$EE_START" "$EE_END"
rsakey sha1;    csr sha1 sha1 "$O/CN=SHA1 Signer";                     sign sha1 ca v3_ee "$EE_START" "$EE_END" sha1
eckey ec;       csr ec ec "$O/CN=EC Signer";                           sign ec ca v3_ee "$EE_START" "$EE_END"
rsakey critical; csr critical critical "$O/CN=Critical Ext Signer";    sign critical ca v3_ee_critical "$EE_START" "$EE_END"
rsakey expired; csr expired expired "$O/CN=Expired Signer";            sign expired ca v3_ee "$OLD_START" "$OLD_END"
                csr twin good "$O/CN=Twin Of Good Signer";             sign twin ca v3_ee "$EE_START" "$EE_END"
rsakey pathlen; csr pathlen pathlen "$O/CN=PathLen0 CA";               sign pathlen root v3_pathlen0 "$CA_START" "$CA_END"
rsakey sub;     csr sub sub "$O/CN=Sub CA Under PathLen0";             sign sub pathlen v3_ca "$CA_START" "$CA_END"
rsakey deep;    csr deep deep "$O/CN=Deep Signer";                     sign deep sub v3_ee "$EE_START" "$EE_END"
rsakey webroot; csr webroot webroot "/O=Pecat Web PKI/CN=Pecat Web Root (system bundle)"; sign webroot self v3_ca "$CA_START" "$CA_END"
rsakey web;     csr web web "/O=Pecat Web PKI/CN=pecat-web.example.test"; sign web webroot v3_web "$EE_START" "$EE_END"

cd "$out"
cat ca.pem > chain-ca.pem                       # issuer chain of good/sha1/ec/critical/expired/twin
cat ca.pem root.pem > chain-ca-full.pem
cat good.pem ca.pem > chain-forged.pem          # issuer chain claimed by forged
cat good.pem ca.pem root.pem > chain-forged-full.pem
cat sub.pem pathlen.pem > chain-deep.pem
cat sub.pem pathlen.pem root.pem > chain-deep-full.pem
cat webroot.pem > chain-web.pem
chmod 600 ./*.key
echo "PKI written to $out"
