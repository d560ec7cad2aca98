//! Key pair generation (PKCS#11 v2.40 §5.14 `C_GenerateKeyPair`; §2.1.4 RSA, §2.3.3 EC) and
//! certificate objects (§4.6): write, read back, and only then remove what is replaced.

use cryptoki::mechanism::{Mechanism, MechanismType};
use cryptoki::object::{Attribute, AttributeType, CertificateType, ObjectClass, ObjectHandle};
use cryptoki::session::Session;
use pecat_pki::{CsrKey, PublicKeyMaterial};

use super::objects;
use super::secrets::OpError;
use super::worker::SlotContext;
use crate::error::Error;
use crate::keys::{GeneratedKey, ImportReport, ImportRequest, KeySpec};
use crate::token::KeyClass;

const P256: &[u8] = &[0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];
const P384: &[u8] = &[0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22];

/// The key specs the slot's mechanisms allow (`C_GetMechanismList`, `C_GetMechanismInfo`).
pub(crate) fn supported(cx: &SlotContext) -> cryptoki::error::Result<Vec<KeySpec>> {
    let list = cx.ctx.get_mechanism_list(cx.slot)?;
    let mut out = Vec::new();
    for (mech, specs) in [
        (MechanismType::RSA_PKCS_KEY_PAIR_GEN, &[KeySpec::Rsa2048, KeySpec::Rsa3072, KeySpec::Rsa4096][..]),
        (MechanismType::ECC_KEY_PAIR_GEN, &[KeySpec::P256, KeySpec::P384][..]),
    ] {
        if !list.contains(&mech) {
            continue;
        }
        let info = cx.ctx.get_mechanism_info(cx.slot, mech)?;
        for spec in specs {
            // Quirk(several modules): EC sizes are reported in bits by most, in bytes by a few
            // old ones, and 0 by some; only refuse what the range clearly excludes.
            let (min, max) = (info.min_key_size(), info.max_key_size());
            let fits = max == 0 || (spec.bits() >= min && spec.bits() <= max) || (!spec.is_rsa() && max < 128);
            if info.generate_key_pair() && fits {
                out.push(*spec);
            }
        }
    }
    Ok(out)
}

/// A `CKA_ID` not used by any object on the token: 8 bytes from the clock and a counter.
fn fresh_id(session: &Session) -> Result<Vec<u8>, OpError> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    for _ in 0..16 {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let mixed =
            (nanos as u64) ^ (u64::from(std::process::id()) << 32) ^ COUNTER.fetch_add(0x9E37_79B9, Ordering::Relaxed);
        let id = mixed.to_be_bytes().to_vec();
        if session.find_objects(&[Attribute::Id(id.clone())])?.is_empty() {
            return Ok(id);
        }
    }
    Err(OpError::Pecat(Error::Unsupported { what: "no free key id could be found".into() }))
}

/// Generates a key pair: private half sensitive and never extractable, both on the token.
pub(crate) fn generate(session: &Session, spec: KeySpec, label: &str) -> Result<GeneratedKey, OpError> {
    let id = fresh_id(session)?;
    let label_bytes = label.as_bytes().to_vec();
    let mut public = vec![
        Attribute::Token(true),
        Attribute::Private(false),
        Attribute::Verify(true),
        Attribute::Encrypt(false),
        Attribute::Wrap(false),
        Attribute::Id(id.clone()),
        Attribute::Label(label_bytes.clone()),
    ];
    let private = vec![
        Attribute::Token(true),
        Attribute::Private(true),
        Attribute::Sensitive(true),
        Attribute::Extractable(false),
        Attribute::Sign(true),
        // A signing key signs: no decryption, unwrapping or derivation.
        Attribute::Decrypt(false),
        Attribute::Unwrap(false),
        Attribute::Derive(false),
        Attribute::Id(id.clone()),
        Attribute::Label(label_bytes),
    ];
    let mechanism = if spec.is_rsa() {
        public.push(Attribute::ModulusBits((spec.bits() as u64).into()));
        public.push(Attribute::PublicExponent(vec![0x01, 0x00, 0x01]));
        Mechanism::RsaPkcsKeyPairGen
    } else {
        public.push(Attribute::EcParams(if spec == KeySpec::P256 { P256 } else { P384 }.to_vec()));
        Mechanism::EccKeyPairGen
    };
    let (public_handle, _) = session.generate_key_pair(&mechanism, &public, &private)?;
    let public_key = read_public(session, public_handle, spec)?;
    Ok(GeneratedKey { id: hex::encode(id), label: label.to_owned(), spec, public_key })
}

fn read_public(session: &Session, handle: ObjectHandle, spec: KeySpec) -> Result<CsrKey, OpError> {
    let wanted = if spec.is_rsa() {
        vec![AttributeType::Modulus, AttributeType::PublicExponent]
    } else {
        vec![AttributeType::EcPoint]
    };
    let (mut modulus, mut exponent, mut point) = (None, None, None);
    for a in session.get_attributes(handle, &wanted)? {
        match a {
            Attribute::Modulus(m) => modulus = Some(PublicKeyMaterial::normalise_modulus(&m)),
            Attribute::PublicExponent(e) => exponent = Some(e),
            Attribute::EcPoint(p) => point = Some(objects::ec_point(&p)),
            _ => {}
        }
    }
    let missing = || OpError::Pecat(Error::Unsupported { what: "the token did not return the public key".into() });
    Ok(match spec {
        KeySpec::P256 => CsrKey::P256 { point: point.ok_or_else(missing)? },
        KeySpec::P384 => CsrKey::P384 { point: point.ok_or_else(missing)? },
        _ => CsrKey::Rsa { modulus: modulus.ok_or_else(missing)?, exponent: exponent.ok_or_else(missing)? },
    })
}

/// The public key of key `id`, from its public key object (readable without login).
pub(crate) fn public_key(session: &Session, id: &[u8]) -> Result<Option<CsrKey>, OpError> {
    let found = session.find_objects(&[Attribute::Class(ObjectClass::PUBLIC_KEY), Attribute::Id(id.to_vec())])?;
    let Some(handle) = found.first() else { return Ok(None) };
    let attrs =
        session.get_attributes(*handle, &[AttributeType::KeyType, AttributeType::EcParams, AttributeType::Modulus])?;
    let mut spec = None;
    for a in attrs {
        match a {
            Attribute::KeyType(cryptoki::object::KeyType::RSA) => spec = Some(KeySpec::Rsa2048),
            Attribute::EcParams(p) if p == P256 => spec = Some(KeySpec::P256),
            Attribute::EcParams(p) if p == P384 => spec = Some(KeySpec::P384),
            _ => {}
        }
    }
    let Some(spec) = spec else {
        return Err(OpError::Pecat(Error::Unsupported {
            what: format!("key {} is neither RSA nor EC P-256/P-384", hex::encode(id)),
        }));
    };
    read_public(session, *handle, spec).map(Some)
}

fn certificate_template(cert: &pecat_pki::Certificate, id: &[u8], label: &str) -> Vec<Attribute> {
    vec![
        Attribute::Class(ObjectClass::CERTIFICATE),
        Attribute::CertificateType(CertificateType::X_509),
        Attribute::Token(true),
        Attribute::Private(false),
        Attribute::Id(id.to_vec()),
        Attribute::Label(label.as_bytes().to_vec()),
        Attribute::Subject(cert.subject_der().to_vec()),
        Attribute::Issuer(cert.issuer_der().to_vec()),
        Attribute::SerialNumber(cert.serial_der()),
        Attribute::Value(cert.der().to_vec()),
    ]
}

/// Stores a certificate and checks it reads back byte for byte; removes it again otherwise.
fn store(session: &Session, cert: &pecat_pki::Certificate, id: &[u8], label: &str) -> Result<ObjectHandle, OpError> {
    let handle = session.create_object(&certificate_template(cert, id, label))?;
    let back = session.get_attributes(handle, &[AttributeType::Value])?;
    if back.iter().any(|a| matches!(a, Attribute::Value(v) if v == cert.der())) {
        Ok(handle)
    } else {
        let _ = session.destroy_object(handle);
        Err(OpError::Pecat(Error::ReadBack { what: cert.display_name().to_owned() }))
    }
}

fn handles_with(session: &Session, class: ObjectClass, id: &[u8]) -> cryptoki::error::Result<Vec<ObjectHandle>> {
    session.find_objects(&[Attribute::Class(class), Attribute::Id(id.to_vec())])
}

/// Loads a certificate onto the token next to its key; see [`ImportRequest`].
pub(crate) fn import(session: &Session, token: &str, request: &ImportRequest) -> Result<ImportReport, OpError> {
    let pecat = |e: Error| OpError::Pecat(e);
    let objects = objects::read(session, token)?;
    let cert = &request.certificate;
    let mut keys: Vec<_> = objects.keys.iter().filter(|k| k.public_key.as_ref() == Some(cert.public_key())).collect();
    keys.sort_by_key(|k| k.class != KeyClass::Private);
    let Some(key) = keys.first() else {
        return Err(pecat(Error::NoMatchingKey { token: token.to_owned(), subject: cert.summary().subject.clone() }));
    };
    if objects.certificates.iter().any(|c| c.certificate.as_ref().is_some_and(|c| c.der() == cert.der())) {
        return Err(pecat(Error::AlreadyPresent { token: token.to_owned(), what: cert.display_name().to_owned() }));
    }
    let old = match &request.replace {
        Some(old_id) => {
            let old_id = old_id.to_ascii_lowercase();
            if !objects.certificates.iter().any(|c| c.id == old_id) {
                return Err(pecat(Error::NoSuchObject { token: token.to_owned(), id: old_id }));
            }
            Some(old_id)
        }
        None => None,
    };
    let id = hex::decode(&key.id).unwrap_or_default();
    let label = request
        .label
        .clone()
        .unwrap_or_else(|| if key.label.is_empty() { cert.display_name().to_owned() } else { key.label.clone() });
    store(session, cert, &id, &label)?;

    let mut ca_added = 0;
    for ca in &request.ca_certificates {
        let present = objects.certificates.iter().any(|c| c.certificate.as_ref().is_some_and(|c| c.der() == ca.der()));
        if !present && ca.der() != cert.der() {
            let ca_id = ca.summary().subject_key_id.as_deref().and_then(|s| hex::decode(s).ok()).unwrap_or_default();
            store(session, ca, &ca_id, ca.display_name())?;
            ca_added += 1;
        }
    }

    let (mut replaced, mut old_key_objects_removed) = (0, 0);
    if let Some(old_id) = old {
        let old_bytes = hex::decode(&old_id).unwrap_or_default();
        for h in handles_with(session, ObjectClass::CERTIFICATE, &old_bytes)? {
            let value = session.get_attributes(h, &[AttributeType::Value])?;
            if !value.iter().any(|a| matches!(a, Attribute::Value(v) if v == cert.der())) {
                session.destroy_object(h)?;
                replaced += 1;
            }
        }
        // Never the key the new certificate uses, even if asked.
        if request.delete_old_key && old_bytes != id {
            for class in [ObjectClass::PRIVATE_KEY, ObjectClass::PUBLIC_KEY] {
                for h in handles_with(session, class, &old_bytes)? {
                    session.destroy_object(h)?;
                    old_key_objects_removed += 1;
                }
            }
        }
    }
    Ok(ImportReport { id: hex::encode(&id), label, ca_added, replaced, old_key_objects_removed })
}
