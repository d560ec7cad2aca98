//! Chain building (RFC 5280 §6 path construction, without policy processing): from a
//! certificate up through the issuers found in a pool (the token's CA objects, files the user
//! supplies, bundled CA certificates), each link checked by name and signature.

use crate::cert::Certificate;

/// Longest chain followed; qualified hierarchies are three or four deep.
const MAX_DEPTH: usize = 8;

/// How the chain ends.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ChainEnd {
    /// Reached a self-signed root.
    Root,
    /// The issuer of the last certificate was not in the pool.
    IssuerMissing { issuer: String },
    /// The chain grew past the depth limit or looped.
    TooLong,
}

/// A certificate and its issuers, leaf first.
#[derive(Debug, Clone)]
pub struct Chain {
    /// Leaf first, then each issuer.
    pub certificates: Vec<Certificate>,
    /// Why the chain stops where it does.
    pub end: ChainEnd,
}

impl Chain {
    /// The certificate that issued the leaf, when found.
    pub fn issuer(&self) -> Option<&Certificate> {
        self.certificates.get(1)
    }

    /// True when the chain reaches a self-signed root.
    pub fn is_complete(&self) -> bool {
        self.end == ChainEnd::Root
    }
}

/// Builds the chain of `leaf` from the certificates in `pool`.
pub fn build_chain(leaf: &Certificate, pool: &[Certificate]) -> Chain {
    let mut certificates = vec![leaf.clone()];
    let mut current = leaf.clone();
    loop {
        if current.is_self_signed() {
            return Chain { certificates, end: ChainEnd::Root };
        }
        if certificates.len() >= MAX_DEPTH {
            return Chain { certificates, end: ChainEnd::TooLong };
        }
        let aki = current.summary().authority_key_id.clone();
        let mut candidates: Vec<&Certificate> = pool
            .iter()
            .filter(|c| c.subject_der() == current.issuer_der())
            .filter(|c| !certificates.contains(c))
            .collect();
        // Prefer the candidate whose key identifier matches, then the newest.
        candidates.sort_by_key(|c| {
            let ski_match = aki.is_some() && c.summary().subject_key_id == aki;
            (std::cmp::Reverse(ski_match), std::cmp::Reverse(c.summary().not_after))
        });
        match candidates.into_iter().find(|c| current.is_issued_by(c)) {
            Some(issuer) => {
                current = issuer.clone();
                certificates.push(current.clone());
            }
            None => {
                let issuer = current.summary().issuer.clone();
                return Chain { certificates, end: ChainEnd::IssuerMissing { issuer } };
            }
        }
    }
}
