# Pecat — English (the reference language: every other file has the same keys and placeables).

## The app
app-name = Pecat
app-title = Pecat — qualified-signature certificates
date = { $year }-{ $month }-{ $day }

## Navigation
nav-credentials = Credentials
nav-settings = Settings
nav-diagnostics = Diagnostics

## Common actions
action-back = ← Back
action-cancel = Cancel
action-copy = Copy
action-refresh = Refresh
action-remove = Remove
action-token-details = Token details and PINs

## Credentials list
credentials-title = Your credentials
credentials-loading = Looking for tokens and cloud credentials…
credentials-none = No token and no cloud credential found. Plug in your token, or add its PKCS#11 module in Settings; Diagnostics shows what was tried.
store-kind-hardware = Hardware token
store-kind-cloud = Cloud credential
store-kind-demo = Demo cloud credential
store-demo-badge = Demo — not a real certificate
store-no-certificate = No personal certificate

## Secrets and PIN states
secret-pin = PIN
puk-label-administrator = Administrator password
puk-label-so-pin = SO PIN
puk-label-puk = PUK
pin-state-ok = { $secret }: OK
pin-state-ok-tries = { $secret }: OK ({ $tries ->
        [one] { $tries } try
       *[other] { $tries } tries
    })
pin-state-count-low = { $secret }: wrong entry before
pin-state-count-low-tries = { $secret }: wrong entry before, { $tries ->
        [one] { $tries } try
       *[other] { $tries } tries
    } left
pin-state-final-try = { $secret }: last try before it locks
pin-state-locked = { $secret }: locked
pin-state-must-change = { $secret }: must be changed before use
pin-state-not-set = { $secret }: not set

## Certificate validity
expiry-valid = Valid until { $date }
expiry-renew-soon = Expires in { $days ->
        [one] { $days } day
       *[other] { $days } days
    } ({ $date }) — time to renew
expiry-urgent = Expires in { $days ->
        [one] { $days } day
       *[other] { $days } days
    } ({ $date }) — renew now
expiry-expired = Expired on { $date }
expiry-not-yet-valid = Not valid yet (starts in { $days ->
        [one] { $days } day
       *[other] { $days } days
    })

## Token screen
token-loading = Reading the token…
token-title = Token { $label }
token-details = Details
token-maker = Maker and model
token-serial = Serial number
token-kind = Token family
token-module = Driver (PKCS#11 module)
token-reader = Reader
token-firmware = Firmware
token-role = Role
token-pins = PIN and unblocking
token-pin-pad = This reader has a PIN pad: type the PIN on the reader when it asks.
token-dead = Both the PIN and the { $puk } are locked: the token cannot be used any more. Ask your certificate provider to revoke the certificate and issue a new one.
token-change-pin = Change PIN…
token-unblock = Unblock the PIN with the { $puk }…
token-change-puk = Change the { $puk }…
no-puk = This token has no PUK: only its issuer can unblock it.
no-puk-hint = This token has no PUK. { $hint }
no-puk-serbian-eid = The Serbian ID card has no PUK. After 3 wrong PINs it is blocked, and only a police (MUP) station can unblock it: take the card and your ID there.

## PIN dialog
pin-change-title = Change the PIN
pin-unblock-title = Unblock the PIN
pin-change-puk-title = Change the { $puk }
pin-unblock-explained = The { $puk } sets a new PIN. Keep it safe: a wrong { $puk } also counts, and when it locks the token cannot be unblocked.
pin-current = Current PIN
pin-puk-current = { $puk }
pin-new = New PIN
pin-puk-new = New { $puk }
pin-confirm = Type it again
pin-rules = From { $min } to { $max } characters.
pin-rules-min = At least { $min ->
        [one] { $min } character
       *[other] { $min } characters
    }.
pin-rules-digits = From { $min } to { $max } digits.
pin-rules-digits-min = At least { $min ->
        [one] { $min } digit
       *[other] { $min } digits
    }.
pin-macos-warning = This PIN is longer than 8 characters: macOS (Monterey, Ventura, Sonoma) cannot use it. Choose at most 8 if the token may be used on a Mac.
pin-macos-override = This token is never used on a Mac: allow the longer PIN
pin-final-try-warning = Last try: if this { $secret } is wrong, it locks.
pin-final-try-confirm = I understand; try it
pin-change-submit = Change
pin-unblock-submit = Unblock
pin-working = Working…

## PIN rules as the user types
rule-empty = Type the PIN.
rule-below-minimum = This is shorter than the token's minimum of { $min ->
        [one] { $min } character
       *[other] { $min } characters
    }, so it cannot be right.
rule-too-short = Too short: at least { $min ->
        [one] { $min } character
       *[other] { $min } characters
    }.
rule-too-long = Too long: at most { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }.
rule-digits-only = Digits only.
rule-same-as-old = The new one is the same as the current one: choose another.
rule-mismatch = The two entries differ: type the new one again.
rule-macos = macOS accepts token PINs of at most 8 characters; this one has { $length }.

## PIN operation outcomes
outcome-done = Done.
outcome-wrong = Wrong { $secret }. Check it and try again.
outcome-wrong-tries = Wrong { $secret }: { $tries ->
        [one] { $tries } try
       *[other] { $tries } tries
    } left.
outcome-wrong-last-try = Wrong { $secret }: one try left before it locks. Be sure before the next try.
outcome-wrong-now-locked = Wrong { $secret }: it is now locked.
outcome-pin-locked = The PIN is locked. Unblock it with the PUK (or ask your helpdesk).
outcome-puk-locked = The { $secret } is locked: the token cannot be unblocked. Ask your provider to revoke the certificate and issue a new one.
outcome-needs-confirmation = The { $secret } is at its last try: confirm that you want to try it.
outcome-must-change = The token asks for a new PIN before it can be used: change the PIN first.
outcome-rejected = The token refused the new { $secret }: it does not meet the token's own rules. Try another one.
outcome-cancelled = Cancelled: nothing was changed.
outcome-wrong-code = Wrong one-time code. Wait for the next code and try again.
outcome-wrong-code-tries = Wrong one-time code: { $tries ->
        [one] { $tries } try
       *[other] { $tries } tries
    } left.
outcome-code-expired = The one-time code expired: use the current one.
outcome-authorisation-expired = The authorisation expired: authorise again.
outcome-too-many-signatures = The service allows { $allowed } signatures per authorisation, and { $asked } were asked: sign in smaller batches.

## Certificate screen
certificate-loading = Reading the certificate…
certificate-details = Details
certificate-holder = Holder
certificate-issuer = Issued by
certificate-valid-from = Valid from
certificate-valid-until = Valid until
certificate-serial = Serial number
certificate-key = Key
certificate-key-on-token = the private key is on the token
certificate-key-missing = no private key found for it
certificate-key-elsewhere = the key is kept by the service
certificate-usage = Usage
certificate-sha256 = SHA-256 fingerprint
certificate-sha1 = SHA-1 fingerprint
certificate-qualified-claimed = Claims to be qualified
certificate-not-qualified = Not a qualified certificate
certificate-chain = Chain
chain-complete = Complete up to the root
chain-issuer-missing = The issuer { $issuer } was not found
chain-too-long = The chain is too long to follow
certificate-actions = Export and renew
certificate-export = Export…
certificate-export-title = Export the certificate
certificate-with-chain = Include the issuing CAs
certificate-customs = Export for customs…
certificate-customs-title = Choose the folder for the customs files
certificate-customs-explained = Your certificate and its issuing CA as two DER .cer files, as customs (AES/NCTS5) and tax platforms ask.
certificate-customs-done = Written: { $personal } and { $intermediate }
certificate-exported = Written: { $path }
certificate-copied = Copied to the clipboard.
certificate-renew = Renew…
certificate-renew-explained = A new key and request on this token, for your provider.
export-kind-der = DER (.{ $ext })
export-kind-pem = PEM (.pem)
export-kind-p7b = PKCS#7 (.p7b)
file-kind-certificates = Certificates
file-kind-csr = Certificate requests
usage-digital-signature = digital signature
usage-non-repudiation = non-repudiation (qualified signature)
usage-key-encipherment = key encipherment
usage-data-encipherment = data encipherment
usage-key-agreement = key agreement
usage-cert-sign = signs certificates
usage-crl-sign = signs revocation lists
usage-none = not stated

## Renewal wizard
renew-title = Renew the certificate
renew-planning = Checking the certificate and the token…
renew-window = When to renew
renew-rule = Providers remind you 45 and 15 days before expiry, and renew only while the current certificate is still valid: after it expires you must apply for a new one.
renew-from = Renewal reminders from
renew-urgent-from = Urgent from
renew-expires = Expires
renew-new-key = New key
renew-step-generate = 1. New key and request
renew-step-request = 2. Send the request to your provider
renew-step-import = 3. Load the issued certificate
renew-step-done = Done
renew-generate-explained = A new key pair of the same kind is made on this token and signs a request (CSR) with your current details. The old certificate and key stay until the new certificate is loaded.
renew-generate = Make the key and the request
renew-working = Working…
renew-have-issued = Already have the issued certificate?
renew-load-issued = Load the issued certificate…
renew-request-explained = Send this request to your provider as they ask (upload or e-mail). When they send the new certificate, load it here.
renew-save-csr = Save the request…
renew-copy-csr = Copy the request
renew-csr-saved = Request saved: { $path }
renew-csr-copied = The request is on the clipboard.
renew-issued-file = Issued certificate
renew-import-explained = The new certificate is stored next to its key and read back; then the old certificate is removed from the token.
renew-delete-old-key = Also remove the old key pair
renew-import = Load onto the token
renew-imported = Loaded as "{ $label }"; { $replaced ->
        [one] { $replaced } old certificate removed
       *[other] { $replaced } old certificates removed
    }.
renew-done = The renewed certificate is on the token.

## Settings
settings-title = Settings
settings-appearance = Language and appearance
settings-language = Language
settings-language-system = The system's language
settings-theme = Theme
settings-theme-system = As the system
settings-theme-light = Light
settings-theme-dark = Dark
settings-reminders = Remind me before certificates expire
settings-reminders-explained = A desktop notification 45 and 15 days before a certificate expires, once each.
settings-modules = Extra PKCS#11 modules
settings-modules-explained = Pecat finds the drivers of common tokens by itself. Add the driver file here if your token's is elsewhere.
settings-modules-none = No extra module.
settings-module-add = Add a module…
settings-module-pick = Choose the token's PKCS#11 driver
settings-anchors = Trusted certification authorities
settings-anchors-explained = Signatures are trusted when their chain ends at one of these. Mark only CAs you know as qualified.
settings-anchors-none = None added yet.
settings-anchors-no-folder = There is no folder for the trust store on this system.
settings-anchor-qualified = Qualified
settings-anchor-add = Add a CA…
settings-anchor-add-qualified = Add a qualified CA…
settings-anchor-pick = Choose a CA certificate

## Diagnostics
diagnostics-title = Diagnostics
diagnostics-copy = Copy report
diagnostics-copied = Report copied: paste it into your message to the helpdesk.
diagnostics-rescan = Look again
diagnostics-loading = Reading modules…
diagnostics-versions = Versions
diagnostics-version-pecat = Pecat
diagnostics-version-os = System
diagnostics-no-modules = No PKCS#11 module was found. Install your token's software (driver), or add its module in Settings.
diagnostics-path = File
diagnostics-found-by = Found
diagnostics-library = Library
diagnostics-why = Why it failed
diagnostics-token = Token
diagnostics-loaded = Loaded, { $tokens ->
        [one] { $tokens } token
       *[other] { $tokens } tokens
    }
diagnostics-modules = Token software (PKCS#11 modules)
diagnostics-no-token-in-slots = No token in any of its readers: plug it in.
diagnostics-reader = Reader
diagnostics-reader-slot = { $reader } (slot { $slot })
diagnostics-slot = Slot { $slot }
diagnostics-reader-unknown = A reader with no name
diagnostics-token-line = { $label } (serial { $serial })
diagnostics-no-label = (no label)
diagnostics-maker = Maker
diagnostics-maker-line = { $maker }, firmware { $firmware }, hardware { $hardware }
diagnostics-state = State
diagnostics-not-initialised = Not initialised: a blank card, or an empty slot of a soft token.
diagnostics-pins = PINs
diagnostics-no-puk = no { $puk }
diagnostics-pins-unreadable = Could not be read: { $reason }
diagnostics-token-unreadable = The token could not be read: { $reason }
diagnostics-profile = Profile
diagnostics-absent-heading = Known token software not installed
diagnostics-absent-line = looked for { $places }
diagnostics-card-service = Smart-card service
diagnostics-card-service-system = Part of the operating system (not checked).
diagnostics-socket-absent = Not running (no socket at { $path })
diagnostics-socket-accepting = Running ({ $path } accepts connections)
diagnostics-socket-refusing = { $path } exists but refuses connections: { $reason }
diagnostics-systemd-none = Not running here: no unit states.
diagnostics-unit = { $active }, { $enabled }
diagnostics-failure-missing = The file does not exist.
diagnostics-failure-not-loadable = The system could not load it: { $reason }
diagnostics-failure-initialize = It failed to start (C_Initialize returned { $rv }).
diagnostics-failure-pkcs11 = { $function } returned { $rv }.
diagnostics-failure-removed = The token was removed while it was read.
diagnostics-failure-not-answering = It did not answer ({ $operation } took longer than { $seconds } s).
diagnostics-advice-heading = No token could be read. Things to check:
diagnostics-advice-install = Install your token's software (its driver), or add its module in Settings.
diagnostics-advice-failed = A module below could not be loaded: reinstall that software, or remove it from Settings.
diagnostics-advice-pcscd = Start the smart-card service: sudo systemctl enable --now pcscd.socket
diagnostics-advice-replug = Plug the token in again, in another USB port, then press "Look again".
diagnostics-loaded-empty = Loaded, no token: plug it in
diagnostics-failed = Could not be loaded
diagnostics-source-command-line = named on the command line
diagnostics-source-environment = named in PECAT_MODULES
diagnostics-source-settings = added in Settings
diagnostics-source-known = a known driver location

## Errors (each says what to do next)
error-crashed = Something went wrong inside Pecat; nothing was changed. Try again, and if it repeats, send the Diagnostics report to the helpdesk.
error-preferences-unreadable = Your preferences could not be read ({ $reason }); the defaults are used.
error-preferences-unsaved = Your preferences could not be saved ({ $reason }).
error-demo-unavailable = The demo credential could not start ({ $reason }).
error-pdf = The PDF could not be processed: { $detail }
error-settings = The settings file { $path } is not valid ({ $reason }). Fix or remove it, then start Pecat again.
error-read = { $path } could not be read. Check that the file exists and that you may open it.
error-write = { $path } could not be written. Choose another place, or check that the disk has room.
error-exists = { $path } already exists. Choose another name.
error-no-such-credential = { $store } has no credential { $id }. Refresh the list and choose again.
error-not-a-ca = "{ $subject }" is not a certification authority: only CA certificates can be trusted.
error-fingerprint-short = Give at least 8 hexadecimal digits of the fingerprint.
error-bad-reference = "{ $text }" does not name a credential.
error-not-renewable-expired = The certificate expired { $days ->
        [one] { $days } day
       *[other] { $days } days
    } ago. Providers renew only valid certificates: apply for a new one.
error-not-renewable-future = The certificate is not valid yet (it starts in { $days ->
        [one] { $days } day
       *[other] { $days } days
    }): renew it later.
error-not-importable-expired = That certificate expired { $days ->
        [one] { $days } day
       *[other] { $days } days
    } ago: it was not loaded. Check that you chose the newly issued one.
error-not-importable-future = That certificate is not valid yet (it starts in { $days ->
        [one] { $days } day
       *[other] { $days } days
    }): it was not loaded.
error-key-not-generatable = This certificate's key ({ $key }) cannot be made on the token, so it cannot be renewed here. Ask your provider.
error-delete-without-replace = The old key can only be removed together with the certificate it replaces.
error-only-ca = { $what } holds only CA certificates: choose the file with your issued certificate.
error-chain-in-der = A DER file holds one certificate: choose PEM or PKCS#7 to include the chain.
error-not-personal = "{ $subject }" is a CA certificate, not yours: choose your personal certificate.
error-not-a-folder = { $path } is not a folder: choose a folder.
error-unreadable = The certificate on the token could not be read ({ $reason }).
error-insecure-url = { $url } uses plain http: cloud services must use https.
error-bad-url = { $url } is not a usable address for a signing service. Check it with your provider.
error-bad-account = The account "{ $name }" cannot be kept as given: check its name and user.
error-secret-store-unavailable = The system's password store is not available, so the login cannot be remembered: you will be asked again next time.
error-secret-store = The system's password store refused the request. Unlock it and try again.
error-other = Something failed: { $detail }
error-module-missing = The driver { $path } is not there. Reinstall the token's software, or remove the module from Settings.
error-module-load = The driver { $path } could not be loaded. It may be for another system or damaged: reinstall the token's software.
error-module-init = The driver { $path } failed to start ({ $rv }). Unplug and plug in the token, or restart the smart-card service.
error-token-removed = The token { $token } was pulled out. Plug it in again and retry; nothing was changed.
error-pkcs11 = The token { $token } refused { $function } ({ $rv }). Unplug and plug it in, then try again; if it repeats, copy the Diagnostics report for the helpdesk.
error-worker-gone = The connection to token { $token } stopped. Unplug and plug it in again.
error-not-answering = The token { $token } did not answer within { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    }. Unplug it, plug it in again and retry.
error-no-such-token = No token matches "{ $query }": it may have been pulled out. Refresh the list.
error-no-such-object = The token { $token } has no object { $id } any more. Refresh the list.
error-unsupported = The token cannot do this: { $what }.
error-read-back = { $what } did not read back the same after writing, so it was removed again. Try again; if it repeats, the token may be faulty.
error-no-matching-key = The token { $token } has no key for "{ $subject }": load the certificate onto the token that made its request.
error-already-present = The token { $token } already holds "{ $what }".
error-cloud-unreachable = The signing service { $service } could not be reached. Check your internet connection and try again.
error-cloud-timeout = The signing service { $service } did not answer in time. Try again in a moment.
error-cloud-tls = The secure connection to { $service } failed: its certificate was not accepted. Check the address, or your network's proxy.
error-cloud-login-refused = { $service } refused the user name or password. Check them and log in again.
error-cloud-login-required = { $service } needs you to log in again.
error-cloud-other = The signing service { $service } failed: { $detail }
error-issuer-missing = The issuing CA of "{ $subject }" was not found: add it as a CA certificate, or export without the chain.
error-file-too-large = { $what } is too large to be a certificate file.
error-not-regular-file = { $what } is not a regular file.
error-not-certificate = This is not a readable certificate: { $detail }

## Sign, Verify and Cloud accounts (G2)
nav-sign = Sign PDFs
nav-verify = Verify
nav-cloud = Cloud accounts

sign-title = Sign PDF documents
sign-drop-hint = Drop PDF files on this window, or pick them.
sign-add-files = Add PDFs…
sign-credential = Sign with
sign-credentials-loading = Reading the credentials of your tokens and cloud accounts…
sign-no-credentials = No credential can sign: plug in your token or add a cloud account.
sign-documents = Documents ({ $count })
sign-reading = Reading the document…
sign-document-summary = { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    }, { $fields ->
        [one] { $fields } empty signature field
       *[other] { $fields } empty signature fields
    }, { $signatures ->
        [one] { $signatures } signature
       *[other] { $signatures } signatures
    }
sign-certified-no-changes = Certified by its author with no changes allowed: a new signature would break the certification, so Pecat does not sign it.
sign-certified-forms = Certified by its author: filling in forms and signing are allowed.
sign-certified-annotate = Certified by its author: signing and comments are allowed.
sign-reason = Reason (e.g. I approve this document)
sign-location = Location (e.g. Bucharest)
sign-apply-to-all = Use this reason, location and place for every document
sign-placement-invisible = Invisible signature (not drawn on a page)
sign-placement-drawn = Visible on page { $page } at { $x }, { $y } ({ $width } × { $height } points)
sign-placement-field = Into the signature field “{ $name }”
sign-invisible = Invisible
sign-field-button = Field “{ $name }” (page { $page })
sign-field-button-invisible = Field “{ $name }” (invisible)
sign-page-of = Page { $page } of { $pages }
sign-drag-hint = To show the signature on the page, drag a rectangle on the page below.
sign-preview-loading = Drawing the page…
sign-preview-failed = The page cannot be shown ({ $reason }); you can still sign invisibly or into a field.
sign-start = Sign { $count ->
        [one] { $count } document
       *[other] { $count } documents
    }
sign-authorising = Asking the credential to authorise the signatures…
sign-progress = Signed { $done } of { $total }
sign-cancel = Cancel after this document
sign-store-gone = The credential's token or account is no longer available. Plug the token in again or log in, then try again.
sign-result-signed = ✔ { $name } signed → { $output }
sign-result-cancelled = { $name } was not signed: the batch was cancelled. Nothing was written.
sign-result-failed = { $name } was not signed: { $reason }
sign-verify-result = Verify
sign-open-folder = Open the folder
sign-auth-title = Authorise the signatures of { $holder }
sign-auth-pin = Type the PIN of the credential. It is not shown and is forgotten when this dialog closes.
sign-auth-pin-placeholder = PIN
sign-auth-code-app = Type the one-time code your authenticator app shows now.
sign-auth-code-sending = The service is sending you a one-time code…
sign-auth-code-sent = The service sent you a one-time code (SMS or e-mail); type it here.
sign-auth-code-placeholder = One-time code
sign-auth-confirm = Sign
sign-auth-cancel = Cancel
sign-error-read = { $path } cannot be read. Check that the file still exists and that you may read it.
sign-error-write = The signed copy cannot be written to { $path }. Check the folder's free space and permissions.
sign-error-not-pdf = This is not a PDF file.
sign-error-damaged = The PDF is damaged ({ $reason }). Ask the sender for a new copy.
sign-error-encrypted = The PDF is protected by a password. Remove the protection, then sign it.
sign-error-no-page = The document has no page { $page } (it has { $pages }). Choose another page.
sign-error-certified = The author certified this document with no changes allowed; a signature would break that certification.
sign-error-exists = { $path } exists already. Move or rename it, then sign again.
sign-error-same-file = The signed copy would replace the original. Choose another name.
sign-error-outside-page = The rectangle lies outside the page. Drag it again inside the page.
sign-error-no-field = The document has no empty signature field “{ $name }”.
sign-error-field-signed = The signature field “{ $name }” is signed already. Choose another field, or sign without one.
sign-error-other = Not signed: { $detail }
sign-error-too-large = The signature did not fit the space reserved for it. Try again; if it happens again, tell the helpdesk.
sign-error-image-too-large = The signature image is too large: at most { $max }×{ $max } pixels.
sign-error-image-file-too-large = The signature image file is too large: at most { $mib } MB.
sign-error-not-a-file = { $path } is not a file.
sign-error-signature-count = The service returned the wrong number of signatures: nothing was written. Try again.
sign-error-refused-mid-batch = The authorisation ran out partway through the batch: this document was not signed. Sign the remaining documents again.

verify-title = Verify a signed PDF
verify-drop-hint = Drop a signed PDF on this window, or pick it.
verify-pick = Choose a PDF…
verify-trust-heading = Whom Pecat trusts
verify-trust-store = The certification authorities in Pecat's trust store (Settings).
verify-trusting-file = Also trusted for now: { $file }
verify-trust-file = Trust a certificate file…
verify-trust-demo = Trust the demo certification authority (for documents signed with the demo credential)
verify-certificate-files = Certificates
verify-busy = Checking the signatures…
verify-no-signatures = This document has no signature.
verify-file-valid = Every signature ({ $count }) is valid.
verify-file-indeterminate = The signatures are intact, but not every signer could be trusted.
verify-file-invalid = At least one signature is not valid.
verify-uncovered = Bytes { $start }–{ $end } were added after the last signature and no signature covers them.
verify-signature-heading = Signature { $n } (field “{ $field }”)
verify-verdict-valid = Valid
verify-verdict-indeterminate = Intact, but not trusted
verify-verdict-invalid = Not valid
verify-who = Signed by
verify-unknown-signer = unknown (the signature names no readable certificate)
verify-when = When
verify-when-claimed = { $date } { $time } UTC — the time the signer's computer stated; no timestamp proves it
verify-when-unknown = The signature states no time.
verify-changes = Changes after signing
verify-unchanged = None: the document is exactly as it was signed.
verify-changed-permitted = Yes, allowed: { $class }
verify-changed-forbidden = Yes, not allowed: { $class }
verify-trust = Trusted
verify-trusted = Yes: the certificate chain ends at { $anchor }, which you trust.
verify-not-trusted = No: see why below.
verify-qualification = Qualified
verify-qualified = Yes: a qualified electronic signature (the chain ends at a CA you trust as qualified).
verify-claims-qualified = The certificate claims to be qualified, but no CA you trust as qualified confirms it.
verify-not-qualified = No: the certificate does not say it is qualified.
verify-certification = Certification
verify-certification-level = The author certified the document (DocMDP P={ $p }).

problem-signature-unreadable = The signature cannot be read ({ $reason }).
problem-byte-range-malformed = The signature does not say correctly which bytes it covers.
problem-contents-malformed = The signature value is not stored as the PDF standard requires.
problem-byte-range-gap = The signature leaves part of its revision uncovered: something could be hidden there.
problem-digest-mismatch = The document was altered after it was signed: its bytes no longer match the signature.
problem-unsupported-digest = The signature uses a hash function Pecat does not check ({ $algorithm }).
problem-cms-unreadable = The signature container cannot be read ({ $reason }).
problem-no-signed-attributes = The signature has no signed attributes, so nothing binds it to the document.
problem-unsupported-algorithm = The signature uses an algorithm Pecat does not check ({ $algorithm }).
problem-signature-does-not-verify = The signature value does not match the signer's key: it is forged or damaged.
problem-signer-certificate-missing = The signer's certificate is not in the signature.
problem-signing-certificate-mismatch = The signature names a different certificate than the one used: the certificate was substituted.
problem-signing-certificate-not-bound = The signature does not bind its certificate (no signing-certificate attribute).
problem-no-trust-anchors = You trust no certification authority yet, so no signer can be trusted. Add your provider's CA in Settings, or trust a certificate file here.
problem-claimed-time-outside = The time the signer states ({ $claimed }) lies outside the certificate's validity.
problem-timestamp-not-validated = The signature carries a timestamp, which Pecat does not check yet.
problem-modified-after = The document was changed after this signature ({ $class }), which an uncertified document does not allow.
problem-certification-forbids = The document was changed after this signature ({ $class }); its certification (P={ $permission }) forbids that.
problem-certification-not-first = A certification signature must be the document's first signature; this one is not.

path-issuer-missing = The certificate of the CA that issued “{ $subject }” ({ $issuer }) is missing: it is neither in the document nor among the CAs you trust.
path-untrusted-root = The chain ends at “{ $root }”, which you do not trust.
path-issuer-not-ca = “{ $subject }” was issued by a certificate that is not a certification authority.
path-issuer-cannot-sign = The issuer of “{ $subject }” may not issue certificates.
path-length-exceeded = The chain of “{ $subject }” is longer than its CA allows.
path-not-yet-valid = “{ $subject }” is valid only from { $date }.
path-expired = “{ $subject }” expired on { $date }.
path-unknown-critical-extension = “{ $subject }” has a critical extension Pecat does not know ({ $oid }), so it cannot be trusted.
path-weak-algorithm = “{ $subject }” is signed with { $algorithm }, which no longer proves anything.
path-signer-key-usage = The certificate of “{ $subject }” is not meant for signatures.
path-signer-extended-key-usage = The certificate of “{ $subject }” is not meant for signing documents.
path-too-long = The certificate chain is too long to check.

change-class-none = nothing
change-class-signatures = new signatures and validation data only
change-class-form-filling = form fields filled in
change-class-annotations = comments or drawings added
change-class-other = the document's content changed
change-signature-added = A signature was added in field “{ $field }”.
change-timestamp-added = A document timestamp was added in field “{ $field }”.
change-validation-data = Validation data (certificates, revocation) was added.
change-metadata = The document's properties (title, author…) were updated.
change-field-filled = Form field “{ $field }” was filled in.
change-annotation-added = A { $subtype } annotation was added on page { $page }.
change-annotation-changed = A { $subtype } annotation was changed on page { $page }.
change-page-changed = Page { $page } changed ({ $key }).
change-pages-changed = Pages were added, removed or reordered.
change-catalog-changed = The document's catalog changed ({ $key }).
change-form-changed = The form changed ({ $key }).
change-field-added = Form field “{ $field }” was added.
change-field-changed = Form field “{ $field }” was redefined ({ $key }).
change-signature-replaced = The signature in field “{ $field }” was replaced.
change-object-rewritten = Object { $object } ({ $what }) was rewritten.
change-object-deleted = Object { $object } was deleted.
change-dangling-filled = Object { $object }, referred to but missing when signed, was filled in later.
change-root-replaced = The document's catalog was replaced.
change-trailing-data = Bytes { $start }–{ $end } belong to no revision.
change-not-in-history = The signed revision is not part of the document's history.
change-too-large = The document is too large to analyse its changes.

cloud-title = Cloud signing accounts
cloud-demo-heading = The demo credential
cloud-demo-code = Current one-time code
cloud-demo-left = Valid for
cloud-demo-seconds = { $seconds } s
cloud-demo-explained = The demo signs with a throwaway certificate, not a qualified one. Its PIN is { $pin }; its code changes every 30 seconds, like an authenticator app.
cloud-accounts-heading = Your accounts
cloud-loading = Reading your accounts…
cloud-no-accounts = No cloud account yet. Add the one your provider gave you below.
cloud-account-line = { $user } at { $url }
cloud-state-logged-in = Logged in
cloud-state-needs-login = Needs login
cloud-login = Log in
cloud-remove = Remove
cloud-cancel = Cancel
cloud-add-heading = Add an account
cloud-name = Name (e.g. certSIGN)
cloud-url = Service address (https://…)
cloud-user = User name
cloud-password = Password
cloud-add = Add and log in
cloud-adding = Logging in…
cloud-browser = Log in on the provider's web page (your browser opens) instead of typing the password here
cloud-login-browser = Log in in the browser
cloud-browser-waiting = Finish logging in on the provider's page in your browser
cloud-browser-page = Pecat waits up to 5 minutes. If no page opened, open this address in your browser:
cloud-added = Account “{ $name }” added; its credentials are in the list.
cloud-logged-in = Logged in to “{ $name }”.
cloud-removed = Account “{ $name }” removed, with the login Pecat kept for it.
cloud-url-insecure = The address must start with https:// — plain http is accepted only on this computer (localhost), so your password never travels unencrypted.
cloud-url-not-url = This is not a web address; copy it from your provider's instructions (https://…).
cloud-url-not-http = Only https:// addresses are accepted.
cloud-url-credentials = Remove the user name or password from the address: they would be saved in the settings file.
cloud-url-no-host = The address names no server.

## Expiry reminders (desktop notifications)
reminder-title = Pecat: certificate expiring
reminder-soon = The certificate of { $holder } expires in { $days ->
        [one] { $days } day
       *[other] { $days } days
    }. Renew it now: open Pecat, choose the certificate and "Renew…".
reminder-urgent = The certificate of { $holder } expires in { $days ->
        [one] { $days } day
       *[other] { $days } days
    } — renew it now: providers renew only valid certificates. Open Pecat, choose the certificate and "Renew…".
