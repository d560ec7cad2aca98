//! [`CscClient`] as a [`CredentialStore`]: the credentials it lists, the one-time code it asks
//! the service to send, the authorisation (`credentials/authorize`) and the signing
//! (`signatures/signHash`) of a batch.

use super::algorithms::*;
use super::*;

impl CredentialStore for CscClient {
    fn store_id(&self) -> StoreId {
        StoreId::Cloud { service: self.http.service().to_owned(), account: self.account.clone() }
    }

    fn store_label(&self) -> String {
        if let Some(label) = &self.label {
            return label.clone();
        }
        if self.info.name.is_empty() { self.http.service().to_owned() } else { self.info.name.clone() }
    }

    fn signing_credentials(&self) -> Result<Vec<StoreCredential>> {
        let mut out = Vec::new();
        for id in self.credential_ids()? {
            let (credential, meta) = self.describe(&id)?;
            lock(&self.credentials).insert(id, meta);
            out.push(credential);
        }
        Ok(out)
    }

    fn request_code(&self, credential: &StoreCredential) -> Result<PinOutcome<()>> {
        let meta = self.meta(&credential.id)?;
        if meta.disabled {
            return Ok(PinOutcome::Locked { secret: SecretKind::Pin });
        }
        if self.info.version != ApiVersion::V1 || !meta.otp_sent {
            return Ok(PinOutcome::done(()));
        }
        let body = api::SendOtp { credential_id: &credential.id };
        match self.call::<IgnoredAny>("credentials/sendOTP", &body, Retry::Never)? {
            Ok(_) => Ok(PinOutcome::done(())),
            Err(e) => match Refusal::of(&e).outcome(0) {
                Some(outcome) => Ok(outcome),
                None => Err(self.refused(e)),
            },
        }
    }

    fn authorise(
        &self,
        credential: &StoreCredential,
        digests: &[Vec<u8>],
        secrets: Secrets,
        _options: PinOptions,
    ) -> Result<PinOutcome<Authorisation>> {
        let meta = self.meta(&credential.id)?;
        if meta.disabled {
            return Ok(PinOutcome::Locked { secret: SecretKind::Pin });
        }
        let Some(first) = digests.first() else {
            return Err(Error::Unsupported { what: "authorising no digests".into() });
        };
        let hash = hash_of_len(first.len()).ok_or(Error::BadDigest { expected: 32, got: first.len() })?;
        if let Some(odd) = digests.iter().find(|d| d.len() != first.len()) {
            return Err(Error::BadDigest { expected: first.len(), got: odd.len() });
        }
        if let Some(allowed) = credential.capabilities.max_signatures_per_authorisation.filter(|n| digests.len() > *n) {
            // CSC §11.5: numSignatures SHALL NOT exceed multisign — refused here, before anything is sent.
            let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            return Ok(PinOutcome::TooManySignatures { allowed: count(allowed), asked: count(digests.len()) });
        }
        let present = |s: &Option<SecretString>| s.as_ref().is_some_and(|s| !s.expose_secret().is_empty());
        let requirement = credential.requirement;
        if requirement.needs_pin() && !present(&secrets.pin) {
            return Ok(PinOutcome::Policy { violation: PolicyViolation::Empty });
        }
        if requirement.needs_code() && !present(&secrets.code) {
            return Err(self.http.fail(CloudFailure::CodeMissing));
        }
        let pin = secrets.pin.as_ref().filter(|_| requirement.needs_pin());
        let code = secrets.code.as_ref().filter(|_| requirement.needs_code());
        let now = SystemTime::now();
        let answer: std::result::Result<api::AuthorizeResponse, ApiError> = match self.info.version {
            ApiVersion::V1 => {
                let body = api::AuthorizeV1 {
                    credential_id: &credential.id,
                    num_signatures: digests.len(),
                    hash: encode_all(digests),
                    pin: pin.map(Secret),
                    otp: code.map(Secret),
                };
                self.call("credentials/authorize", &body, Retry::Never)?
            }
            ApiVersion::V2 => {
                let mut auth_data = Vec::new();
                if let Some(pin) = pin {
                    auth_data.push(api::AuthDatum { id: &meta.pin_id, value: Secret(pin) });
                }
                if let Some(code) = code {
                    auth_data.push(api::AuthDatum { id: &meta.otp_id, value: Secret(code) });
                }
                let body = api::AuthorizeV2 {
                    credential_id: &credential.id,
                    num_signatures: digests.len(),
                    hashes: encode_all(digests),
                    hash_algorithm: hash_oid(hash),
                    auth_data,
                };
                self.call("credentials/authorize", &body, Retry::Never)?
            }
        };
        match answer {
            Ok(grant) => {
                let seconds = api::number(grant.expires_in.as_ref()).unwrap_or(DEFAULT_SAD_SECONDS);
                log::info!("credential {} authorised for {} signatures", credential.id, digests.len());
                let (lifetime, expires) = (Duration::from_secs(seconds), Some(now + Duration::from_secs(seconds)));
                self.transactions.set(&grant.sad, Live { sad: grant.sad.clone(), expires, lifetime: Some(lifetime) });
                Ok(PinOutcome::done(Authorisation {
                    credential: credential.id.clone(),
                    digests: digests.to_vec(),
                    expires,
                    grant: Grant::Sad(grant.sad),
                }))
            }
            Err(e) => {
                let refusal = Refusal::of(&e);
                if matches!(
                    refusal,
                    Refusal::Locked
                        | Refusal::WrongPin { tries_left: Some(0) }
                        | Refusal::WrongCode { tries_left: Some(0) }
                ) {
                    self.mark_locked(&credential.id);
                }
                match refusal.outcome(digests.len()) {
                    Some(outcome) => Ok(outcome),
                    None => Err(self.refused(e)),
                }
            }
        }
    }

    fn sign(
        &self,
        credential: &StoreCredential,
        authorisation: &Authorisation,
        algorithm: SignAlgorithm,
        digests: &[Vec<u8>],
    ) -> Result<PinOutcome<Vec<Vec<u8>>>> {
        authorisation.check(credential, digests)?;
        let not_authorised = || Error::NotAuthorised { credential: credential.id.clone() };
        let Grant::Sad(original) = &authorisation.grant else { return Err(not_authorised()) };
        let mut live = self.transactions.current(original, authorisation.expires);
        let extendable = self.info.offers("credentials/extendTransaction");
        let meta = self.meta(&credential.id)?;
        let (hash, sign_algo, ecdsa_field) = match algorithm {
            SignAlgorithm::Ecdsa(hash) => {
                let bits = match &credential.certificate.summary().key {
                    KeyAlgorithm::Ec { bits, .. } => *bits,
                    _ => 0,
                };
                (hash, ecdsa_oid(hash), Some(bits.div_ceil(8)))
            }
            SignAlgorithm::RsaPkcs1(hash) => {
                (hash, if meta.rsa_encryption { RSA_ENCRYPTION } else { rsa_oid(hash) }, None)
            }
        };
        if let Some(odd) = digests.iter().find(|d| d.len() != hash.output_len()) {
            return Err(Error::BadDigest { expected: hash.output_len(), got: odd.len() });
        }
        let chunk = credential.capabilities.max_digests_per_call.unwrap_or(digests.len()).max(1);
        let mut signatures = Vec::with_capacity(digests.len());
        for part in digests.chunks(chunk) {
            // Extended at most once per signHash call: a refused extension is not asked again.
            let mut tried = false;
            if extendable && live.expiring(SystemTime::now()) {
                tried = true;
                match self.extend_transaction(&credential.id, original, &live)? {
                    Ok(fresh) => live = fresh,
                    Err(e) => log::info!("extendTransaction refused ({}); trying the SAD as it is", e.error),
                }
            }
            let mut answer = self.sign_hash(credential, &live.sad, part, hash, sign_algo)?;
            // The SAD expired on the service's clock before ours: extend it once and try again.
            if extendable
                && !tried
                && let Err(e) = &answer
                && Refusal::of(e) == Refusal::SadExpired
                && let Ok(fresh) = self.extend_transaction(&credential.id, original, &live)?
            {
                live = fresh;
                answer = self.sign_hash(credential, &live.sad, part, hash, sign_algo)?;
            }
            let answer = match answer {
                Ok(answer) => answer,
                Err(e) => {
                    let refusal = match Refusal::of(&e) {
                        Refusal::HashNotAuthorised => return Err(not_authorised()),
                        Refusal::TooMany { allowed: None } => {
                            Refusal::TooMany { allowed: Some(u32::try_from(chunk).unwrap_or(u32::MAX)) }
                        }
                        other => other,
                    };
                    return match refusal.outcome(part.len()) {
                        Some(outcome) => Ok(outcome),
                        None => Err(self.refused(e)),
                    };
                }
            };
            if answer.signatures.len() != part.len() {
                return Err(Error::SignatureCount { expected: part.len(), got: answer.signatures.len() });
            }
            for (i, text) in answer.signatures.iter().enumerate() {
                let malformed = |what: &str| {
                    self.http.fail(CloudFailure::Malformed(format!("signature {} {what}", signatures.len() + i)))
                };
                let bytes = decode_b64(text).ok_or_else(|| malformed("is not base64"))?;
                let bytes = match ecdsa_field {
                    Some(field) => {
                        raw_signature(&bytes, field).ok_or_else(|| malformed("is not an ECDSA signature"))?
                    }
                    None => bytes,
                };
                signatures.push(bytes);
            }
        }
        log::info!("credential {} signed {} digests", credential.id, signatures.len());
        Ok(PinOutcome::done(signatures))
    }
}
