//! A PKCS#11 token as a [`CredentialStore`]: its credentials are the certificates paired with
//! private keys; authorising checks the PIN state without sending anything (locked, last try
//! unconfirmed, empty PIN) and grants the PIN to the slot's worker, which logs in, signs every
//! digest and logs out in one job (PKCS#11 v2.40 §5.6: a login is shared by every session of
//! the slot in the process, so it is never left open between calls).

use pecat_pki::{Certificate, KeyAlgorithm, build_chain};
use secrecy::{ExposeSecret, SecretString};

use super::Pkcs11Token;
use crate::error::{Error, Result};
use crate::pin::{PinOptions, PinOutcome, PinState, SecretKind};
use crate::pin_policy::PolicyViolation;
use crate::store::{
    AuthRequirement, Authorisation, Capabilities, CredentialStore, Grant, Secrets, StoreCredential, StoreId,
};
use crate::token::{HashAlgorithm, KeyClass, KeyManagement, PinManagement, SignAlgorithm, Token, TokenObjects, pair};

/// What a key of `certificate`'s algorithm can sign, and how large a signature gets.
pub(crate) fn capabilities_of(certificate: &Certificate, pin_per_signature: bool) -> Capabilities {
    let (algorithms, signature_size) = match certificate.summary().key {
        KeyAlgorithm::Rsa { bits } => (
            vec![
                SignAlgorithm::RsaPkcs1(HashAlgorithm::Sha256),
                SignAlgorithm::RsaPkcs1(HashAlgorithm::Sha384),
                SignAlgorithm::RsaPkcs1(HashAlgorithm::Sha512),
            ],
            bits.div_ceil(8),
        ),
        // DER Ecdsa-Sig-Value: two INTEGERs of up to n+1 bytes, headers included.
        KeyAlgorithm::Ec { bits, .. } => (
            vec![SignAlgorithm::Ecdsa(HashAlgorithm::Sha256), SignAlgorithm::Ecdsa(HashAlgorithm::Sha384)],
            2 * (bits.div_ceil(8) + 1) + 8,
        ),
        KeyAlgorithm::Other { .. } => (Vec::new(), 0),
    };
    Capabilities {
        algorithms,
        signature_size,
        max_digests_per_call: None,
        max_signatures_per_authorisation: None,
        pin_per_signature,
    }
}

/// The signing credentials among `objects`: non-CA certificates with a key, their chains from
/// the token's CA certificates.
pub(crate) fn credentials_from(objects: &TokenObjects, pin_pad: bool) -> Vec<StoreCredential> {
    let cas: Vec<Certificate> =
        objects.certificates.iter().filter(|c| c.is_ca()).filter_map(|c| c.certificate.clone()).collect();
    pair(objects)
        .into_iter()
        .filter_map(|cred| {
            let key_id = cred.pairing.key_id()?.to_owned();
            let certificate = cred.certificate.certificate.clone()?;
            let always_authenticate = objects
                .keys
                .iter()
                .find(|k| k.class == KeyClass::Private && k.id == key_id)
                .and_then(|k| k.always_authenticate)
                .unwrap_or(false);
            let chain = build_chain(&certificate, &cas)
                .certificates
                .into_iter()
                .skip(1)
                .filter(|c| !c.is_self_signed())
                .collect();
            Some(StoreCredential {
                id: cred.certificate.id.clone(),
                label: cred.certificate.label.clone(),
                capabilities: capabilities_of(&certificate, always_authenticate),
                certificate,
                chain,
                requirement: if pin_pad { AuthRequirement::PinPad } else { AuthRequirement::Pin },
            })
        })
        .collect()
}

impl Pkcs11Token {
    /// The `CKA_ID` of the private key that signs for certificate `certificate_id`.
    fn key_for(&self, certificate_id: &str) -> Result<String> {
        let objects = self.objects()?;
        pair(&objects)
            .into_iter()
            .find(|c| c.certificate.id == certificate_id)
            .and_then(|c| c.pairing.key_id().map(str::to_owned))
            .ok_or_else(|| Error::NoSuchKey { token: self.id().serial.clone(), id: certificate_id.to_owned() })
    }
}

impl CredentialStore for Pkcs11Token {
    fn store_id(&self) -> StoreId {
        StoreId::Hardware { module: self.id().module.clone(), serial: self.id().serial.clone() }
    }

    fn store_label(&self) -> String {
        self.label().to_owned()
    }

    fn signing_credentials(&self) -> Result<Vec<StoreCredential>> {
        let (info, _) = self.info_and_pins()?;
        Ok(credentials_from(&self.objects()?, info.flags.protected_authentication_path))
    }

    fn authorise(
        &self,
        credential: &StoreCredential,
        digests: &[Vec<u8>],
        secrets: Secrets,
        options: PinOptions,
    ) -> Result<PinOutcome<Authorisation>> {
        // What can be known without sending anything: the slot's worker checks again, under
        // the same guard, when it logs in.
        let status = self.pin_status()?;
        match status.user.state {
            PinState::Locked => return Ok(PinOutcome::Locked { secret: SecretKind::Pin }),
            PinState::MustChange => return Ok(PinOutcome::MustChange),
            PinState::FinalTry if !options.confirm_last_try => {
                return Ok(PinOutcome::NeedsConfirmation { secret: SecretKind::Pin });
            }
            _ => {}
        }
        let grant = match secrets.pin {
            _ if status.pin_pad => Grant::PinPad { options },
            Some(pin) if !pin.expose_secret().is_empty() => Grant::Pin { pin, options },
            _ => return Ok(PinOutcome::Policy { violation: PolicyViolation::Empty }),
        };
        Ok(PinOutcome::done(Authorisation {
            credential: credential.id.clone(),
            digests: digests.to_vec(),
            expires: None,
            grant,
        }))
    }

    fn sign(
        &self,
        credential: &StoreCredential,
        authorisation: &Authorisation,
        algorithm: SignAlgorithm,
        digests: &[Vec<u8>],
    ) -> Result<PinOutcome<Vec<Vec<u8>>>> {
        authorisation.check(credential, digests)?;
        let key_id = self.key_for(&credential.id)?;
        let outcome = match &authorisation.grant {
            Grant::Pin { pin, options } => self.sign_digests(&key_id, algorithm, digests, pin, *options)?,
            Grant::PinPad { options } => {
                self.sign_digests(&key_id, algorithm, digests, &SecretString::from(String::new()), *options)?
            }
            Grant::Sad(_) => return Err(Error::NotAuthorised { credential: credential.id.clone() }),
        };
        if let PinOutcome::Done { value } = &outcome
            && value.len() != digests.len()
        {
            return Err(Error::SignatureCount { expected: digests.len(), got: value.len() });
        }
        Ok(outcome)
    }

    fn pin_management(&self) -> Option<&dyn PinManagement> {
        Some(self)
    }

    fn key_management(&self) -> Option<&dyn KeyManagement> {
        Some(self)
    }
}
