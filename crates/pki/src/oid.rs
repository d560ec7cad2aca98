//! Object identifiers Pecat names: distinguished-name attributes, QcStatements (ETSI EN 319 412-5),
//! EU qualified certificate policies (ETSI EN 319 411-2) and key algorithms.

/// id-etsi-qcs-QcCompliance (ETSI EN 319 412-5 §4.2.1).
pub const QC_COMPLIANCE: &str = "0.4.0.1862.1.1";
/// id-etsi-qcs-QcLimitValue (§4.3.2).
pub const QC_LIMIT_VALUE: &str = "0.4.0.1862.1.2";
/// id-etsi-qcs-QcRetentionPeriod (§4.3.3).
pub const QC_RETENTION_PERIOD: &str = "0.4.0.1862.1.3";
/// id-etsi-qcs-QcSSCD (§4.2.2): the private key is in a qualified signature creation device.
pub const QC_SSCD: &str = "0.4.0.1862.1.4";
/// id-etsi-qcs-QcPDS (§4.3.4).
pub const QC_PDS: &str = "0.4.0.1862.1.5";
/// id-etsi-qcs-QcType (§4.2.3).
pub const QC_TYPE: &str = "0.4.0.1862.1.6";
/// id-etsi-qct-esign.
pub const QCT_ESIGN: &str = "0.4.0.1862.1.6.1";
/// id-etsi-qct-eseal.
pub const QCT_ESEAL: &str = "0.4.0.1862.1.6.2";
/// id-etsi-qct-web.
pub const QCT_WEB: &str = "0.4.0.1862.1.6.3";
/// id-qcs-pkixQCSyntax-v2 (RFC 3739 §3.2.6), often carried next to the ETSI statements.
pub const QC_PKIX_SYNTAX_V2: &str = "1.3.6.1.5.5.7.11.2";
/// id-pe-qcStatements (RFC 3739 §3.2.6).
pub const EXT_QC_STATEMENTS: &str = "1.3.6.1.5.5.7.1.3";

/// EU qualified certificate policies, ETSI EN 319 411-2 §5.3: (OID, short name, for a natural
/// person, key in a QSCD).
pub const QUALIFIED_POLICIES: &[(&str, &str, bool, bool)] = &[
    ("0.4.0.194112.1.0", "QCP-n", true, false),
    ("0.4.0.194112.1.1", "QCP-l", false, false),
    ("0.4.0.194112.1.2", "QCP-n-qscd", true, true),
    ("0.4.0.194112.1.3", "QCP-l-qscd", false, true),
    ("0.4.0.194112.1.4", "QCP-w", false, false),
];

/// Short names of the distinguished-name attributes seen on qualified certificates
/// (RFC 4519, RFC 5280 appendix A, ETSI EN 319 412-1 for organizationIdentifier).
pub const NAME_ATTRIBUTES: &[(&str, &str)] = &[
    ("2.5.4.3", "CN"),
    ("2.5.4.4", "SN"),
    ("2.5.4.5", "serialNumber"),
    ("2.5.4.6", "C"),
    ("2.5.4.7", "L"),
    ("2.5.4.8", "ST"),
    ("2.5.4.9", "street"),
    ("2.5.4.10", "O"),
    ("2.5.4.11", "OU"),
    ("2.5.4.12", "title"),
    ("2.5.4.13", "description"),
    ("2.5.4.17", "postalCode"),
    ("2.5.4.42", "GN"),
    ("2.5.4.43", "initials"),
    ("2.5.4.44", "generationQualifier"),
    ("2.5.4.46", "dnQualifier"),
    ("2.5.4.65", "pseudonym"),
    ("2.5.4.97", "organizationIdentifier"),
    ("1.2.840.113549.1.9.1", "emailAddress"),
    ("0.9.2342.19200300.100.1.25", "DC"),
    ("0.9.2342.19200300.100.1.1", "UID"),
];

/// Named elliptic curves (RFC 5480 §2.1.1.1).
pub const CURVES: &[(&str, &str, usize)] = &[
    ("1.2.840.10045.3.1.7", "P-256", 256),
    ("1.3.132.0.34", "P-384", 384),
    ("1.3.132.0.35", "P-521", 521),
    ("1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1", 256),
    ("1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1", 384),
    ("1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1", 512),
];

/// Extended key usages worth naming (RFC 5280 §4.2.1.12 and vendors').
pub const EXTENDED_KEY_USAGES: &[(&str, &str)] = &[
    ("1.3.6.1.5.5.7.3.1", "serverAuth"),
    ("1.3.6.1.5.5.7.3.2", "clientAuth"),
    ("1.3.6.1.5.5.7.3.3", "codeSigning"),
    ("1.3.6.1.5.5.7.3.4", "emailProtection"),
    ("1.3.6.1.5.5.7.3.8", "timeStamping"),
    ("1.3.6.1.5.5.7.3.9", "OCSPSigning"),
    ("1.3.6.1.4.1.311.10.3.12", "documentSigning"),
    ("1.2.840.113583.1.1.5", "pdfAuthenticDocuments"),
    ("1.3.6.1.4.1.311.20.2.2", "smartcardLogon"),
    ("2.5.29.37.0", "anyExtendedKeyUsage"),
];

/// Looks an OID up in a (OID, name) table.
pub fn name_of<'t>(table: &'t [(&'t str, &'t str)], oid: &str) -> Option<&'t str> {
    table.iter().find(|(o, _)| *o == oid).map(|(_, n)| *n)
}
