//! Reading certificate and key objects (PKCS#11 v2.40 §4.6–4.9) into [`TokenObjects`].

use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::Session;
use pecat_pki::{PublicKeyMaterial, parse_certificates};

use crate::token::{CertificateObject, KeyClass, KeyObject, TokenObjects};

/// DER-encoded curve OIDs as they appear in `CKA_EC_PARAMS` (RFC 5480 §2.1.1.1).
const CURVES: &[(&[u8], &str)] = &[
    (&[0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07], "P-256"),
    (&[0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22], "P-384"),
    (&[0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x23], "P-521"),
];

/// Reads every certificate and key object the session can see.
pub(crate) fn read(session: &Session, token: &str) -> cryptoki::error::Result<TokenObjects> {
    let mut objects = TokenObjects::default();
    for handle in session.find_objects(&[Attribute::Class(ObjectClass::CERTIFICATE)])? {
        objects.certificates.push(certificate(session, handle, token)?);
    }
    for (class, ck) in [(KeyClass::Private, ObjectClass::PRIVATE_KEY), (KeyClass::Public, ObjectClass::PUBLIC_KEY)] {
        for handle in session.find_objects(&[Attribute::Class(ck)])? {
            objects.keys.push(key(session, handle, class)?);
        }
    }
    objects.certificates.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.label.cmp(&b.label)));
    objects.keys.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| (a.class as u8).cmp(&(b.class as u8))));
    Ok(objects)
}

fn certificate(session: &Session, handle: ObjectHandle, token: &str) -> cryptoki::error::Result<CertificateObject> {
    let attrs = session.get_attributes(handle, &[AttributeType::Id, AttributeType::Label, AttributeType::Value])?;
    let (mut id, mut label, mut value) = (String::new(), String::new(), Vec::new());
    for a in attrs {
        match a {
            Attribute::Id(v) => id = hex::encode(v),
            Attribute::Label(v) => label = String::from_utf8_lossy(&v).into_owned(),
            Attribute::Value(v) => value = v,
            _ => {}
        }
    }
    let what = format!("certificate object {} on {token}", if id.is_empty() { &label } else { &id });
    let (certificate, error) = match parse_certificates(&value, &what) {
        Ok(mut certs) if certs.len() == 1 => (certs.pop(), None),
        Ok(_) => (None, Some(format!("{what} holds more than one certificate"))),
        Err(e) => (None, Some(e.to_string())),
    };
    Ok(CertificateObject { id, label, certificate, error })
}

fn key(session: &Session, handle: ObjectHandle, class: KeyClass) -> cryptoki::error::Result<KeyObject> {
    let usage = if class == KeyClass::Private { AttributeType::Sign } else { AttributeType::Verify };
    let mut wanted = vec![
        AttributeType::Id,
        AttributeType::Label,
        AttributeType::KeyType,
        usage,
        AttributeType::Modulus,
        AttributeType::EcParams,
    ];
    if class == KeyClass::Private {
        wanted.push(AttributeType::AlwaysAuthenticate);
    } else {
        wanted.push(AttributeType::EcPoint);
    }
    let attrs = session.get_attributes(handle, &wanted)?;
    let mut k = KeyObject {
        id: String::new(),
        label: String::new(),
        class,
        algorithm: "unknown".into(),
        can_sign: None,
        always_authenticate: None,
        public_key: None,
    };
    let (mut key_type, mut modulus, mut curve, mut point) = (None, None, None, None);
    for a in attrs {
        match a {
            Attribute::Id(v) => k.id = hex::encode(v),
            Attribute::Label(v) => k.label = String::from_utf8_lossy(&v).into_owned(),
            Attribute::KeyType(t) => key_type = Some(t),
            Attribute::Sign(b) | Attribute::Verify(b) => k.can_sign = Some(b),
            Attribute::AlwaysAuthenticate(b) => k.always_authenticate = Some(b),
            Attribute::Modulus(m) => modulus = Some(PublicKeyMaterial::normalise_modulus(&m)),
            Attribute::EcParams(p) => curve = CURVES.iter().find(|(der, _)| *der == p.as_slice()).map(|(_, n)| *n),
            Attribute::EcPoint(p) => point = Some(ec_point(&p)),
            _ => {}
        }
    }
    match key_type {
        Some(KeyType::RSA) => {
            k.algorithm = modulus.as_ref().map_or_else(|| "RSA".to_owned(), |m| format!("RSA-{}", m.len() * 8));
            k.public_key = modulus.map(|modulus| PublicKeyMaterial::Rsa { modulus });
        }
        Some(KeyType::EC) => {
            k.algorithm = format!("EC {}", curve.unwrap_or("(unnamed curve)"));
            k.public_key = point.map(|point| PublicKeyMaterial::Ec { point });
        }
        Some(other) => k.algorithm = other.to_string(),
        None => {}
    }
    Ok(k)
}

/// `CKA_EC_POINT` is a DER OCTET STRING per the spec (v2.40 §2.3.3); some modules return the raw
/// point. Returns the raw uncompressed point either way.
pub(crate) fn ec_point(value: &[u8]) -> Vec<u8> {
    let raw_len = |n: usize| n % 2 == 1 && [65, 97, 133].contains(&n);
    if value.first() == Some(&0x04) && raw_len(value.len()) {
        // Quirk(several modules): raw point without the OCTET STRING wrapper.
        return value.to_vec();
    }
    let (len, header) = match value {
        [0x04, n, ..] if *n < 0x80 => (*n as usize, 2),
        [0x04, 0x81, n, ..] => (*n as usize, 3),
        _ => return value.to_vec(),
    };
    if value.len() == header + len { value[header..].to_vec() } else { value.to_vec() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ec_point_wrapped_or_raw() {
        let mut raw = vec![0x04];
        raw.extend([0xAB; 64]);
        let mut wrapped = vec![0x04, 65];
        wrapped.extend(&raw);
        assert_eq!(ec_point(&wrapped), raw);
        assert_eq!(ec_point(&raw), raw);
        let mut p521 = vec![0x04, 0x81, 133, 0x04];
        p521.extend([0x11; 132]);
        assert_eq!(ec_point(&p521).len(), 133);
    }
}
