//! Qualified status of a certificate: the QcStatements extension (ETSI EN 319 412-5, RFC 3739
//! §3.2.6) and the EU qualified certificate policies (ETSI EN 319 411-2 §5.3).

use der::asn1::ObjectIdentifier;
use der::{Decode, Sequence};

use crate::oid;

/// `QCStatement ::= SEQUENCE { statementId OBJECT IDENTIFIER, statementInfo ANY OPTIONAL }`
#[derive(Sequence)]
struct QcStatement {
    statement_id: ObjectIdentifier,
    #[asn1(optional = "true")]
    statement_info: Option<der::Any>,
}

/// The purposes a qualified certificate is issued for (`QcType`, ETSI EN 319 412-5 §4.2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QcType {
    /// Electronic signature of a natural person.
    Esign,
    /// Electronic seal of a legal person.
    Eseal,
    /// Website authentication.
    Web,
}

/// What a certificate says of itself about being qualified.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct QualifiedStatus {
    /// `QcCompliance`: issued as an EU qualified certificate.
    pub qc_compliance: bool,
    /// `QcSSCD`: the private key lives in a qualified signature/seal creation device.
    pub qc_sscd: bool,
    /// `QcType` values.
    pub qc_types: Vec<QcType>,
    /// Qualified certificate policies found (`QCP-n-qscd`, …).
    pub qualified_policies: Vec<String>,
    /// The QcStatements extension was present but could not be read.
    pub malformed: bool,
}

impl QualifiedStatus {
    /// Qualified per the certificate itself: `QcCompliance`, or a qualified policy.
    pub fn is_qualified(&self) -> bool {
        self.qc_compliance || !self.qualified_policies.is_empty()
    }

    /// The key is declared to be in a QSCD, by `QcSSCD` or a `-qscd` policy.
    pub fn is_qscd(&self) -> bool {
        self.qc_sscd
            || oid::QUALIFIED_POLICIES
                .iter()
                .any(|(_, name, _, qscd)| *qscd && self.qualified_policies.iter().any(|p| p == name))
    }

    /// A short label such as `qualified, QSCD, esign`, or `not qualified`.
    pub fn label(&self) -> String {
        if !self.is_qualified() {
            return "not qualified".to_owned();
        }
        let mut parts = vec!["qualified"];
        if self.is_qscd() {
            parts.push("QSCD");
        }
        for t in &self.qc_types {
            parts.push(match t {
                QcType::Esign => "esign",
                QcType::Eseal => "eseal",
                QcType::Web => "web",
            });
        }
        parts.join(", ")
    }

    /// Reads the status from the QcStatements extension value (the DER inside the OCTET STRING)
    /// and the certificate's policy OIDs.
    pub(crate) fn from_parts(qc_statements: Option<&[u8]>, policy_oids: &[String]) -> Self {
        let mut status = Self::default();
        if let Some(der) = qc_statements {
            match Vec::<QcStatement>::from_der(der) {
                Ok(statements) => status.apply(&statements),
                Err(_) => status.malformed = true,
            }
        }
        for (oid, name, _, _) in oid::QUALIFIED_POLICIES {
            if policy_oids.iter().any(|p| p == oid) {
                status.qualified_policies.push((*name).to_owned());
            }
        }
        status
    }

    fn apply(&mut self, statements: &[QcStatement]) {
        for st in statements {
            match st.statement_id.to_string().as_str() {
                oid::QC_COMPLIANCE => self.qc_compliance = true,
                oid::QC_SSCD => self.qc_sscd = true,
                oid::QC_TYPE => {
                    let types =
                        st.statement_info.as_ref().and_then(|info| info.decode_as::<Vec<ObjectIdentifier>>().ok());
                    match types {
                        Some(types) => {
                            self.qc_types.extend(types.iter().filter_map(|t| match t.to_string().as_str() {
                                oid::QCT_ESIGN => Some(QcType::Esign),
                                oid::QCT_ESEAL => Some(QcType::Eseal),
                                oid::QCT_WEB => Some(QcType::Web),
                                _ => None,
                            }))
                        }
                        None => self.malformed = true,
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // SEQUENCE { SEQUENCE { QcCompliance }, SEQUENCE { QcType, SEQUENCE { esign } }, SEQUENCE { QcSSCD } }
    const QC_ESIGN_SSCD: &[u8] = &[
        0x30, 0x29, 0x30, 0x08, 0x06, 0x06, 0x04, 0x00, 0x8e, 0x46, 0x01, 0x01, 0x30, 0x13, 0x06, 0x06, 0x04, 0x00,
        0x8e, 0x46, 0x01, 0x06, 0x30, 0x09, 0x06, 0x07, 0x04, 0x00, 0x8e, 0x46, 0x01, 0x06, 0x01, 0x30, 0x08, 0x06,
        0x06, 0x04, 0x00, 0x8e, 0x46, 0x01, 0x04,
    ];

    #[test]
    fn reads_compliance_sscd_and_type() {
        let s = QualifiedStatus::from_parts(Some(QC_ESIGN_SSCD), &[]);
        assert!(s.qc_compliance && s.qc_sscd && !s.malformed);
        assert_eq!(s.qc_types, vec![QcType::Esign]);
        assert_eq!(s.label(), "qualified, QSCD, esign");
    }

    #[test]
    fn policy_alone_makes_it_qualified() {
        let s = QualifiedStatus::from_parts(None, &["0.4.0.194112.1.2".to_owned()]);
        assert!(s.is_qualified() && s.is_qscd());
        assert_eq!(s.qualified_policies, vec!["QCP-n-qscd"]);
    }

    #[test]
    fn garbage_is_flagged_not_trusted() {
        let s = QualifiedStatus::from_parts(Some(&[0x30, 0x05, 0x01]), &[]);
        assert!(s.malformed && !s.is_qualified());
        assert_eq!(s.label(), "not qualified");
    }
}
