# Pecat — srpski (latinica).

## The app
app-name = Pečat
app-title = Pečat — sertifikati za kvalifikovani potpis
date = { $day }.{ $month }.{ $year }.

## Navigation
nav-credentials = Sertifikati
nav-settings = Podešavanja
nav-diagnostics = Dijagnostika

## Common actions
action-back = ← Nazad
action-cancel = Otkaži
action-copy = Kopiraj
action-refresh = Osveži
action-remove = Ukloni
action-token-details = Detalji tokena i PIN-ovi

## Credentials list
credentials-title = Vaši sertifikati
credentials-loading = Traže se tokeni i sertifikati u oblaku…
credentials-none = Nije pronađen nijedan token ni sertifikat u oblaku. Priključite token ili dodajte njegov PKCS#11 modul u Podešavanjima; Dijagnostika pokazuje šta je pokušano.
store-kind-hardware = Hardverski token
store-kind-cloud = Sertifikat u oblaku
store-kind-demo = Demo sertifikat u oblaku
store-demo-badge = Demo — nije pravi sertifikat
store-no-certificate = Nema ličnog sertifikata

## Secrets and PIN states
secret-pin = PIN
puk-label-administrator = Administratorska lozinka
puk-label-so-pin = SO PIN
puk-label-puk = PUK
pin-state-ok = { $secret }: u redu
pin-state-ok-tries = { $secret }: u redu ({ $tries ->
        [one] { $tries } pokušaj
        [few] { $tries } pokušaja
       *[other] { $tries } pokušaja
    })
pin-state-count-low = { $secret }: raniji pogrešan unos
pin-state-count-low-tries = { $secret }: raniji pogrešan unos, preostalo pokušaja: { $tries }
pin-state-final-try = { $secret }: poslednji pokušaj pre blokiranja
pin-state-locked = { $secret }: blokirano
pin-state-must-change = { $secret }: mora se promeniti pre upotrebe
pin-state-not-set = { $secret }: nije postavljeno

## Certificate validity
expiry-valid = Važi do { $date }
expiry-renew-soon = Ističe za { $days ->
        [one] { $days } dan
        [few] { $days } dana
       *[other] { $days } dana
    } ({ $date }) — vreme je za obnovu
expiry-urgent = Ističe za { $days ->
        [one] { $days } dan
        [few] { $days } dana
       *[other] { $days } dana
    } ({ $date }) — obnovite odmah
expiry-expired = Istekao { $date }
expiry-not-yet-valid = Još ne važi (počinje za { $days ->
        [one] { $days } dan
        [few] { $days } dana
       *[other] { $days } dana
    })

## Token screen
token-loading = Čita se token…
token-title = Token { $label }
token-details = Detalji
token-maker = Proizvođač i model
token-serial = Serijski broj
token-kind = Vrsta tokena
token-module = Drajver (PKCS#11 modul)
token-reader = Čitač
token-firmware = Firmver
token-role = Uloga
token-pins = PIN i deblokiranje
token-pin-pad = Ovaj čitač ima tastaturu: unesite PIN na čitaču kada zatraži.
token-dead = I PIN i { $puk } su blokirani: token se više ne može koristiti. Zatražite od izdavaoca da opozove sertifikat i izda novi.
token-change-pin = Promeni PIN…
token-unblock = Deblokiraj PIN pomoću: { $puk }…
token-change-puk = Promeni: { $puk }…
no-puk = Ovaj token nema PUK: samo izdavalac može da ga deblokira.
no-puk-hint = Ovaj token nema PUK. { $hint }
no-puk-serbian-eid = Srpska lična karta nema PUK. Posle 3 pogrešna PIN-a blokira se, a deblokirati je može samo policijska stanica (MUP): odnesite karticu i ličnu ispravu tamo.

## PIN dialog
pin-change-title = Promena PIN-a
pin-unblock-title = Deblokiranje PIN-a
pin-change-puk-title = Promena: { $puk }
pin-unblock-explained = { $puk } služi za postavljanje novog PIN-a. Pažljivo: računa se i pogrešan unos ({ $puk }), a posle previše pogrešnih unosa token se više ne može deblokirati.
pin-current = Trenutni PIN
pin-puk-current = { $puk }
pin-new = Novi PIN
pin-puk-new = Nova vrednost: { $puk }
pin-confirm = Unesite ponovo
pin-rules = Od { $min } do { $max } znakova.
pin-rules-min = Najmanje { $min ->
        [one] { $min } znak
        [few] { $min } znaka
       *[other] { $min } znakova
    }.
pin-rules-digits = Od { $min } do { $max } cifara.
pin-rules-digits-min = Najmanje { $min ->
        [one] { $min } cifra
        [few] { $min } cifre
       *[other] { $min } cifara
    }.
pin-macos-warning = Ovaj PIN ima više od 8 znakova: macOS (Monterey, Ventura, Sonoma) ne može da ga koristi. Izaberite najviše 8 ako se token može koristiti na Mac-u.
pin-macos-override = Ovaj token se nikada ne koristi na Mac-u: dozvoli duži PIN
pin-final-try-warning = Poslednji pokušaj: ako je ovaj unos ({ $secret }) pogrešan, sledi blokiranje.
pin-final-try-confirm = Razumem; pokušaj
pin-change-submit = Promeni
pin-unblock-submit = Deblokiraj
pin-working = Radi se…

## PIN rules as the user types
rule-empty = Unesite PIN.
rule-below-minimum = Kraće je od minimuma tokena od { $min ->
        [one] { $min } znak
        [few] { $min } znaka
       *[other] { $min } znakova
    }, pa ne može biti tačno.
rule-too-short = Prekratko: najmanje { $min ->
        [one] { $min } znak
        [few] { $min } znaka
       *[other] { $min } znakova
    }.
rule-too-long = Predugačko: najviše { $max ->
        [one] { $max } znak
        [few] { $max } znaka
       *[other] { $max } znakova
    }.
rule-digits-only = Samo cifre.
rule-same-as-old = Novi je isti kao trenutni: izaberite drugi.
rule-mismatch = Dva unosa se razlikuju: ponovo unesite novi.
rule-macos = macOS prihvata PIN-ove tokena od najviše 8 znakova; ovaj ima { $length }.

## PIN operation outcomes
outcome-done = Gotovo.
outcome-wrong = Pogrešan unos ({ $secret }). Proverite i pokušajte ponovo.
outcome-wrong-tries = Pogrešan unos ({ $secret }): preostalo pokušaja: { $tries }.
outcome-wrong-last-try = Pogrešan unos ({ $secret }): preostao je jedan pokušaj pre blokiranja. Budite sigurni pre sledećeg.
outcome-wrong-now-locked = Pogrešan unos ({ $secret }): sada je blokirano.
outcome-pin-locked = PIN je blokiran. Deblokirajte ga pomoću PUK-a (ili zatražite pomoć IT podrške).
outcome-puk-locked = Blokirano: { $secret }. Token se više ne može deblokirati. Zatražite od izdavaoca da opozove sertifikat i izda novi.
outcome-needs-confirmation = { $secret }: preostao je poslednji pokušaj. Potvrdite da želite da pokušate.
outcome-must-change = Token traži novi PIN pre upotrebe: prvo promenite PIN.
outcome-rejected = Token je odbio novu vrednost ({ $secret }): ne ispunjava pravila samog tokena. Pokušajte sa drugom.
outcome-cancelled = Otkazano: ništa nije promenjeno.
outcome-wrong-code = Pogrešan jednokratni kod. Sačekajte sledeći kod i pokušajte ponovo.
outcome-wrong-code-tries = Pogrešan jednokratni kod: preostalo pokušaja: { $tries }.
outcome-code-expired = Jednokratni kod je istekao: koristite trenutni.
outcome-authorisation-expired = Odobrenje je isteklo: odobrite ponovo.
outcome-too-many-signatures = Servis dozvoljava { $allowed } potpisa po odobrenju, a traženo je { $asked }: potpisujte u manjim grupama.

## Certificate screen
certificate-loading = Čita se sertifikat…
certificate-details = Detalji
certificate-holder = Vlasnik
certificate-issuer = Izdao
certificate-valid-from = Važi od
certificate-valid-until = Važi do
certificate-serial = Serijski broj
certificate-key = Ključ
certificate-key-on-token = privatni ključ je na tokenu
certificate-key-missing = privatni ključ nije pronađen
certificate-key-elsewhere = ključ čuva servis
certificate-usage = Namena
certificate-sha256 = SHA-256 otisak
certificate-sha1 = SHA-1 otisak
certificate-qualified-claimed = Navodi da je kvalifikovan
certificate-not-qualified = Nije kvalifikovani sertifikat
certificate-chain = Lanac
chain-complete = Potpun do korena
chain-issuer-missing = Izdavalac { $issuer } nije pronađen
chain-too-long = Lanac je predugačak za praćenje
certificate-actions = Izvoz i obnova
certificate-export = Izvezi…
certificate-export-title = Izvoz sertifikata
certificate-with-chain = Uključi sertifikate izdavalaca
certificate-customs = Izvoz za carinu…
certificate-customs-title = Izaberite fasciklu za carinske datoteke
certificate-customs-explained = Vaš sertifikat i sertifikat izdavaoca kao dve DER .cer datoteke, kako traže carina (AES/NCTS5) i poreske platforme.
certificate-customs-done = Zapisano: { $personal } i { $intermediate }
certificate-exported = Zapisano: { $path }
certificate-copied = Kopirano u ostavu.
certificate-renew = Obnovi…
certificate-renew-explained = Novi ključ i zahtev na ovom tokenu, za vašeg izdavaoca.
export-kind-der = DER (.{ $ext })
export-kind-pem = PEM (.pem)
export-kind-p7b = PKCS#7 (.p7b)
file-kind-certificates = Sertifikati
file-kind-csr = Zahtevi za sertifikat
usage-digital-signature = digitalni potpis
usage-non-repudiation = neporecivost (kvalifikovani potpis)
usage-key-encipherment = šifrovanje ključeva
usage-data-encipherment = šifrovanje podataka
usage-key-agreement = dogovor o ključu
usage-cert-sign = potpisuje sertifikate
usage-crl-sign = potpisuje liste opozvanih
usage-none = nije navedeno

## Renewal wizard
renew-title = Obnova sertifikata
renew-planning = Proveravaju se sertifikat i token…
renew-window = Kada obnoviti
renew-rule = Izdavaoci vas obaveštavaju 45 i 15 dana pre isteka i obnavljaju samo dok trenutni sertifikat još važi: posle isteka morate podneti zahtev za novi.
renew-from = Podsetnici za obnovu od
renew-urgent-from = Hitno od
renew-expires = Ističe
renew-new-key = Novi ključ
renew-step-generate = 1. Novi ključ i zahtev
renew-step-request = 2. Pošaljite zahtev izdavaocu
renew-step-import = 3. Učitajte izdati sertifikat
renew-step-done = Gotovo
renew-generate-explained = Na ovom tokenu pravi se novi par ključeva iste vrste, koji potpisuje zahtev (CSR) sa vašim trenutnim podacima. Stari sertifikat i ključ ostaju dok se ne učita novi sertifikat.
renew-generate = Napravi ključ i zahtev
renew-working = Radi se…
renew-have-issued = Već imate izdati sertifikat?
renew-load-issued = Učitaj izdati sertifikat…
renew-request-explained = Pošaljite ovaj zahtev izdavaocu kako traži (otpremanje ili e-pošta). Kada pošalje novi sertifikat, učitajte ga ovde.
renew-save-csr = Sačuvaj zahtev…
renew-copy-csr = Kopiraj zahtev
renew-csr-saved = Zahtev je sačuvan: { $path }
renew-csr-copied = Zahtev je u ostavi.
renew-issued-file = Izdati sertifikat
renew-import-explained = Novi sertifikat se smešta pored svog ključa i ponovo čita; zatim se stari sertifikat briše sa tokena.
renew-delete-old-key = Obriši i stari par ključeva
renew-import = Učitaj na token
renew-imported = Učitano kao „{ $label }”; obrisano starih sertifikata: { $replaced }.
renew-done = Obnovljeni sertifikat je na tokenu.

## Settings
settings-title = Podešavanja
settings-appearance = Jezik i izgled
settings-language = Jezik
settings-language-system = Jezik sistema
settings-theme = Tema
settings-theme-system = Kao sistem
settings-theme-light = Svetla
settings-theme-dark = Tamna
settings-reminders = Podseti me pre isteka sertifikata
settings-reminders-explained = Obaveštenje na radnoj površini 45 i 15 dana pre isteka sertifikata, po jednom.
settings-modules = Dodatni PKCS#11 moduli
settings-modules-explained = Pečat sam pronalazi drajvere uobičajenih tokena. Ovde dodajte datoteku drajvera ako je drajver vašeg tokena negde drugde.
settings-modules-none = Nema dodatnih modula.
settings-module-add = Dodaj modul…
settings-module-pick = Izaberite PKCS#11 drajver tokena
settings-anchors = Pouzdana sertifikaciona tela
settings-anchors-explained = Potpisi su pouzdani kada im se lanac završava kod jednog od ovih. Kao kvalifikovana označite samo tela koja poznajete.
settings-anchors-none = Još nijedno nije dodato.
settings-anchors-no-folder = Na ovom sistemu nema fascikle za skladište poverenja.
settings-anchor-qualified = Kvalifikovano
settings-anchor-add = Dodaj sertifikaciono telo…
settings-anchor-add-qualified = Dodaj kvalifikovano sertifikaciono telo…
settings-anchor-pick = Izaberite sertifikat sertifikacionog tela

## Diagnostics
diagnostics-title = Dijagnostika
diagnostics-copy = Kopiraj izveštaj
diagnostics-copied = Izveštaj je kopiran: nalepite ga u poruku IT podršci.
diagnostics-rescan = Potraži ponovo
diagnostics-loading = Čitaju se moduli…
diagnostics-versions = Verzije
diagnostics-version-pecat = Pečat
diagnostics-version-os = Sistem
diagnostics-no-modules = Nije pronađen nijedan PKCS#11 modul. Instalirajte softver (drajver) tokena ili dodajte njegov modul u Podešavanjima.
diagnostics-path = Datoteka
diagnostics-found-by = Pronađen
diagnostics-library = Biblioteka
diagnostics-why = Zašto nije uspelo
diagnostics-token = Token
diagnostics-loaded = Učitan, { $tokens ->
        [one] { $tokens } token
        [few] { $tokens } tokena
       *[other] { $tokens } tokena
    }
diagnostics-modules = Softver tokena (PKCS#11 moduli)
diagnostics-no-token-in-slots = Nema tokena ni u jednom čitaču: priključite ga.
diagnostics-reader = Čitač
diagnostics-reader-slot = { $reader } (slot { $slot })
diagnostics-slot = Slot { $slot }
diagnostics-reader-unknown = Čitač bez naziva
diagnostics-token-line = { $label } (serijski broj { $serial })
diagnostics-no-label = (bez oznake)
diagnostics-maker = Proizvođač
diagnostics-maker-line = { $maker }, firmver { $firmware }, hardver { $hardware }
diagnostics-state = Stanje
diagnostics-not-initialised = Nije inicijalizovan: prazna kartica ili prazan slot softverskog tokena.
diagnostics-pins = PIN-ovi
diagnostics-no-puk = nema: { $puk }
diagnostics-pins-unreadable = Nije moguće pročitati: { $reason }
diagnostics-token-unreadable = Token nije moguće pročitati: { $reason }
diagnostics-profile = Profil
diagnostics-absent-heading = Poznati softver tokena koji nije instaliran
diagnostics-absent-line = traženo u: { $places }
diagnostics-card-service = Servis pametnih kartica
diagnostics-card-service-system = Deo operativnog sistema (ne proverava se).
diagnostics-socket-absent = Ne radi (nema soketa { $path })
diagnostics-socket-accepting = Radi ({ $path } prihvata veze)
diagnostics-socket-refusing = { $path } postoji, ali odbija veze: { $reason }
diagnostics-systemd-none = Ovde ne radi: nema stanja jedinica.
diagnostics-unit = { $active }, { $enabled }
diagnostics-failure-missing = Datoteka ne postoji.
diagnostics-failure-not-loadable = Sistem nije mogao da je učita: { $reason }
diagnostics-failure-initialize = Nije se pokrenuo (C_Initialize je vratio { $rv }).
diagnostics-failure-pkcs11 = { $function } je vratio { $rv }.
diagnostics-failure-removed = Token je izvađen dok se čitao.
diagnostics-failure-not-answering = Nije odgovorio ({ $operation } je trajalo duže od { $seconds } s).
diagnostics-advice-heading = Nijedan token nije mogao da se pročita. Proverite:
diagnostics-advice-install = Instalirajte softver (drajver) tokena ili dodajte njegov modul u Podešavanjima.
diagnostics-advice-failed = Jedan modul ispod nije mogao da se učita: ponovo instalirajte taj softver ili ga uklonite iz Podešavanja.
diagnostics-advice-pcscd = Pokrenite servis pametnih kartica: sudo systemctl enable --now pcscd.socket
diagnostics-advice-replug = Ponovo priključite token, u drugi USB port, pa pritisnite „Potraži ponovo”.
diagnostics-loaded-empty = Učitan, nema tokena: priključite ga
diagnostics-failed = Nije mogao da se učita
diagnostics-source-command-line = naveden u komandnoj liniji
diagnostics-source-environment = naveden u PECAT_MODULES
diagnostics-source-settings = dodat u Podešavanjima
diagnostics-source-known = poznata lokacija drajvera

## Errors (each says what to do next)
error-crashed = Nešto je pošlo naopako u Pečatu; ništa nije promenjeno. Pokušajte ponovo, a ako se ponovi, pošaljite izveštaj iz Dijagnostike IT podršci.
error-preferences-unreadable = Vaša podešavanja nisu mogla da se pročitaju ({ $reason }); koriste se podrazumevana.
error-preferences-unsaved = Vaša podešavanja nisu mogla da se sačuvaju ({ $reason }).
error-demo-unavailable = Demo sertifikat nije mogao da se pokrene ({ $reason }).
error-pdf = PDF nije mogao da se obradi: { $detail }
error-settings = Datoteka podešavanja { $path } nije ispravna ({ $reason }). Ispravite je ili obrišite, pa ponovo pokrenite Pečat.
error-read = { $path } nije mogao da se pročita. Proverite da datoteka postoji i da smete da je otvorite.
error-write = { $path } nije mogao da se zapiše. Izaberite drugo mesto ili proverite da na disku ima mesta.
error-exists = { $path } već postoji. Izaberite drugo ime.
error-no-such-credential = { $store } nema sertifikat { $id }. Osvežite listu i izaberite ponovo.
error-not-a-ca = „{ $subject }” nije sertifikaciono telo: pouzdani mogu biti samo sertifikati sertifikacionih tela.
error-fingerprint-short = Navedite najmanje 8 heksadecimalnih cifara otiska.
error-bad-reference = „{ $text }” ne označava sertifikat.
error-not-renewable-expired = Sertifikat je istekao pre { $days ->
        [one] { $days } dan
        [few] { $days } dana
       *[other] { $days } dana
    }. Izdavaoci obnavljaju samo važeće sertifikate: podnesite zahtev za novi.
error-not-renewable-future = Sertifikat još ne važi (počinje za { $days ->
        [one] { $days } dan
        [few] { $days } dana
       *[other] { $days } dana
    }): obnovite ga kasnije.
error-not-importable-expired = Taj sertifikat je istekao pre { $days ->
        [one] { $days } dan
        [few] { $days } dana
       *[other] { $days } dana
    }: nije učitan. Proverite da ste izabrali novoizdati.
error-not-importable-future = Taj sertifikat još ne važi (počinje za { $days ->
        [one] { $days } dan
        [few] { $days } dana
       *[other] { $days } dana
    }): nije učitan.
error-key-not-generatable = Ključ ovog sertifikata ({ $key }) ne može se napraviti na tokenu, pa se ovde ne može obnoviti. Obratite se izdavaocu.
error-delete-without-replace = Stari ključ može se obrisati samo zajedno sa sertifikatom koji zamenjuje.
error-only-ca = { $what } sadrži samo sertifikate sertifikacionih tela: izaberite datoteku sa vašim izdatim sertifikatom.
error-chain-in-der = DER datoteka sadrži jedan sertifikat: izaberite PEM ili PKCS#7 da uključite lanac.
error-not-personal = „{ $subject }” je sertifikat sertifikacionog tela, ne vaš: izaberite lični sertifikat.
error-not-a-folder = { $path } nije fascikla: izaberite fasciklu.
error-unreadable = Sertifikat na tokenu nije mogao da se pročita ({ $reason }).
error-insecure-url = { $url } koristi običan http: servisi u oblaku moraju koristiti https.
error-bad-url = { $url } nije upotrebljiva adresa servisa za potpisivanje. Proverite je sa izdavaocem.
error-bad-account = Nalog „{ $name }” ne može se sačuvati takav: proverite ime i korisnika.
error-secret-store-unavailable = Sistemsko skladište lozinki nije dostupno, pa prijava ne može da se zapamti: sledeći put ćete biti ponovo pitani.
error-secret-store = Sistemsko skladište lozinki je odbilo zahtev. Otključajte ga i pokušajte ponovo.
error-other = Nešto nije uspelo: { $detail }
error-module-missing = Drajver { $path } ne postoji. Ponovo instalirajte softver tokena ili uklonite modul iz Podešavanja.
error-module-load = Drajver { $path } nije mogao da se učita. Možda je za drugi sistem ili oštećen: ponovo instalirajte softver tokena.
error-module-init = Drajver { $path } nije se pokrenuo ({ $rv }). Izvucite i ponovo priključite token ili ponovo pokrenite servis pametnih kartica.
error-token-removed = Token { $token } je izvučen. Ponovo ga priključite i pokušajte opet; ništa nije promenjeno.
error-pkcs11 = Token { $token } je odbio { $function } ({ $rv }). Izvucite ga i ponovo priključite, pa pokušajte opet; ako se ponovi, kopirajte izveštaj iz Dijagnostike za IT podršku.
error-worker-gone = Veza sa tokenom { $token } je prekinuta. Izvucite ga i ponovo priključite.
error-not-answering = Token { $token } nije odgovorio za { $seconds ->
        [one] { $seconds } sekunda
        [few] { $seconds } sekunde
       *[other] { $seconds } sekundi
    }. Izvucite ga, ponovo priključite i pokušajte opet.
error-no-such-token = Nijedan token ne odgovara „{ $query }”: možda je izvučen. Osvežite listu.
error-no-such-object = Token { $token } više nema objekat { $id }. Osvežite listu.
error-unsupported = Token to ne može: { $what }.
error-read-back = { $what } se posle upisa nije pročitao isto, pa je ponovo uklonjen. Pokušajte ponovo; ako se ponovi, token je možda neispravan.
error-no-matching-key = Token { $token } nema ključ za „{ $subject }”: učitajte sertifikat na token koji je napravio zahtev.
error-already-present = Token { $token } već sadrži „{ $what }”.
error-cloud-unreachable = Servis za potpisivanje { $service } nije dostupan. Proverite internet vezu i pokušajte ponovo.
error-cloud-timeout = Servis za potpisivanje { $service } nije odgovorio na vreme. Pokušajte ponovo malo kasnije.
error-cloud-tls = Bezbedna veza sa { $service } nije uspela: njegov sertifikat nije prihvaćen. Proverite adresu ili proksi vaše mreže.
error-cloud-login-refused = { $service } je odbio korisničko ime ili lozinku. Proverite ih i ponovo se prijavite.
error-cloud-login-required = { $service } traži da se ponovo prijavite.
error-cloud-other = Servis za potpisivanje { $service } nije uspeo: { $detail }
error-issuer-missing = Izdavalac za „{ $subject }” nije pronađen: dodajte ga kao sertifikat sertifikacionog tela ili izvezite bez lanca.
error-file-too-large = { $what } je prevelik da bi bio datoteka sertifikata.
error-not-regular-file = { $what } nije obična datoteka.
error-not-certificate = Ovo nije čitljiv sertifikat: { $detail }

## Potpisivanje, provera i nalozi u oblaku (G2)
nav-sign = Potpisivanje PDF-a
nav-verify = Provera
nav-cloud = Nalozi u oblaku

sign-title = Potpišite PDF dokumente
sign-drop-hint = Prevucite PDF datoteke na ovaj prozor ili ih izaberite.
sign-add-files = Dodajte PDF-ove…
sign-credential = Potpišite sertifikatom
sign-credentials-loading = Čitaju se sertifikati sa tokena i iz naloga u oblaku…
sign-no-credentials = Nijedan sertifikat ne može da potpiše: priključite token ili dodajte nalog u oblaku.
sign-documents = Dokumenti ({ $count })
sign-reading = Čita se dokument…
sign-document-summary = Strana: { $pages }, praznih polja za potpis: { $fields }, potpisa: { $signatures }
sign-certified-no-changes = Autor je overio dokument bez dozvoljenih izmena: novi potpis bi narušio overu, pa ga Pecat ne potpisuje.
sign-certified-forms = Autor je overio dokument: popunjavanje obrazaca i potpisivanje su dozvoljeni.
sign-certified-annotate = Autor je overio dokument: potpisivanje i komentari su dozvoljeni.
sign-reason = Razlog (npr. Odobravam dokument)
sign-location = Mesto (npr. Beograd)
sign-apply-to-all = Koristite ovaj razlog, mesto i položaj za sve dokumente
sign-placement-invisible = Nevidljiv potpis (ne prikazuje se na strani)
sign-placement-drawn = Vidljiv na strani { $page } na { $x }, { $y } ({ $width } × { $height } tačaka)
sign-placement-field = U polje za potpis „{ $name }“
sign-invisible = Nevidljiv
sign-field-button = Polje „{ $name }“ (strana { $page })
sign-field-button-invisible = Polje „{ $name }“ (nevidljivo)
sign-page-of = Strana { $page } od { $pages }
sign-drag-hint = Da bi se potpis video na strani, prevucite pravougaonik na strani ispod.
sign-preview-loading = Crta se strana…
sign-preview-failed = Strana ne može da se prikaže ({ $reason }); i dalje možete da potpišete nevidljivo ili u polje.
sign-start = Potpišite { $count ->
        [one] { $count } dokument
        [few] { $count } dokumenta
       *[other] { $count } dokumenata
    }
sign-authorising = Traži se odobrenje potpisa…
sign-progress = Potpisano { $done } od { $total }
sign-cancel = Zaustavite posle ovog dokumenta
sign-store-gone = Token ili nalog sertifikata više nije dostupan. Ponovo priključite token ili se prijavite, pa pokušajte ponovo.
sign-result-signed = ✔ { $name } je potpisan → { $output }
sign-result-cancelled = { $name } nije potpisan: potpisivanje je zaustavljeno. Ništa nije upisano.
sign-result-failed = { $name } nije potpisan: { $reason }
sign-verify-result = Proverite
sign-open-folder = Otvorite fasciklu
sign-auth-title = Odobrite potpise za { $holder }
sign-auth-pin = Unesite PIN sertifikata. Ne prikazuje se i zaboravlja se kad se ovaj prozor zatvori.
sign-auth-pin-placeholder = PIN
sign-auth-code-app = Unesite jednokratni kôd koji vaša aplikacija za autentifikaciju sada prikazuje.
sign-auth-code-sending = Servis vam šalje jednokratni kôd…
sign-auth-code-sent = Servis vam je poslao jednokratni kôd (SMS ili e-pošta); unesite ga ovde.
sign-auth-code-placeholder = Jednokratni kôd
sign-auth-confirm = Potpišite
sign-auth-cancel = Otkažite
sign-error-read = { $path } ne može da se pročita. Proverite da datoteka postoji i da imate pravo čitanja.
sign-error-write = Potpisana kopija ne može da se upiše u { $path }. Proverite slobodan prostor i prava na fascikli.
sign-error-not-pdf = Ovo nije PDF datoteka.
sign-error-damaged = PDF je oštećen ({ $reason }). Zatražite od pošiljaoca novu kopiju.
sign-error-encrypted = PDF je zaštićen lozinkom. Uklonite zaštitu, pa ga potpišite.
sign-error-no-page = Dokument nema stranu { $page } (ima ih { $pages }). Izaberite drugu stranu.
sign-error-certified = Autor je overio ovaj dokument bez dozvoljenih izmena; potpis bi narušio tu overu.
sign-error-exists = { $path } već postoji. Premestite ga ili preimenujte, pa potpišite ponovo.
sign-error-same-file = Potpisana kopija bi zamenila original. Izaberite drugo ime.
sign-error-outside-page = Pravougaonik je van strane. Prevucite ga ponovo unutar strane.
sign-error-no-field = Dokument nema prazno polje za potpis „{ $name }“.
sign-error-field-signed = Polje za potpis „{ $name }“ je već potpisano. Izaberite drugo polje ili potpišite bez polja.
sign-error-other = Nije potpisano: { $detail }
sign-error-too-large = Potpis nije stao u rezervisani prostor. Pokušajte ponovo; ako se ponovi, javite IT podršci.
sign-error-image-too-large = Slika potpisa je prevelika: najviše { $max }×{ $max } piksela.
sign-error-image-file-too-large = Datoteka slike potpisa je prevelika: najviše { $mib } MB.
sign-error-not-a-file = { $path } nije datoteka.
sign-error-signature-count = Servis je vratio pogrešan broj potpisa: ništa nije upisano. Pokušajte ponovo.
sign-error-refused-mid-batch = Odobrenje je isteklo usred grupe: ovaj dokument nije potpisan. Ponovo potpišite preostale dokumente.

verify-title = Proverite potpisani PDF
verify-drop-hint = Prevucite potpisani PDF na ovaj prozor ili ga izaberite.
verify-pick = Izaberite PDF…
verify-trust-heading = Kome Pecat veruje
verify-trust-store = Sertifikacionim telima iz Pecat skladišta poverenja (Podešavanja).
verify-trusting-file = Za sada se veruje i: { $file }
verify-trust-file = Verujte datoteci sertifikata…
verify-trust-demo = Verujte demo sertifikacionom telu (za dokumente potpisane demo sertifikatom)
verify-certificate-files = Sertifikati
verify-busy = Proveravaju se potpisi…
verify-no-signatures = Ovaj dokument nema nijedan potpis.
verify-file-valid = Svi potpisi ({ $count }) su ispravni.
verify-file-indeterminate = Potpisi su netaknuti, ali nije svakom potpisniku moguće verovati.
verify-file-invalid = Bar jedan potpis nije ispravan.
verify-uncovered = Bajtovi { $start }–{ $end } dodati su posle poslednjeg potpisa i nijedan potpis ih ne pokriva.
verify-signature-heading = Potpis { $n } (polje „{ $field }“)
verify-verdict-valid = Ispravan
verify-verdict-indeterminate = Netaknut, ali nije pouzdan
verify-verdict-invalid = Nije ispravan
verify-who = Potpisao
verify-unknown-signer = nepoznato (potpis ne navodi čitljiv sertifikat)
verify-when = Kada
verify-when-claimed = { $date } { $time } UTC — vreme koje je naveo računar potpisnika; nijedan vremenski žig ga ne dokazuje
verify-when-unknown = Potpis ne navodi vreme.
verify-changes = Izmene posle potpisivanja
verify-unchanged = Nema: dokument je tačno onakav kakav je potpisan.
verify-changed-permitted = Da, dozvoljene: { $class }
verify-changed-forbidden = Da, nedozvoljene: { $class }
verify-trust = Pouzdan
verify-trusted = Da: lanac sertifikata završava se na { $anchor }, kome verujete.
verify-not-trusted = Ne: razlog je naveden ispod.
verify-qualification = Kvalifikovan
verify-qualified = Da: kvalifikovani elektronski potpis (lanac se završava na telu kojem verujete kao kvalifikovanom).
verify-claims-qualified = Sertifikat tvrdi da je kvalifikovan, ali nijedno telo kojem verujete kao kvalifikovanom to ne potvrđuje.
verify-not-qualified = Ne: sertifikat ne navodi da je kvalifikovan.
verify-certification = Overa
verify-certification-level = Autor je overio dokument (DocMDP P={ $p }).

problem-signature-unreadable = Potpis ne može da se pročita ({ $reason }).
problem-byte-range-malformed = Potpis ne navodi ispravno koje bajtove pokriva.
problem-contents-malformed = Vrednost potpisa nije zapisana kako PDF standard zahteva.
problem-byte-range-gap = Potpis ostavlja deo svoje revizije nepokrivenim: tu bi nešto moglo da se sakrije.
problem-digest-mismatch = Dokument je izmenjen posle potpisivanja: njegovi bajtovi više ne odgovaraju potpisu.
problem-unsupported-digest = Potpis koristi heš funkciju koju Pecat ne proverava ({ $algorithm }).
problem-cms-unreadable = Kontejner potpisa ne može da se pročita ({ $reason }).
problem-no-signed-attributes = Potpis nema potpisane atribute, pa ga ništa ne vezuje za dokument.
problem-unsupported-algorithm = Potpis koristi algoritam koji Pecat ne proverava ({ $algorithm }).
problem-signature-does-not-verify = Vrednost potpisa ne odgovara ključu potpisnika: potpis je falsifikovan ili oštećen.
problem-signer-certificate-missing = Sertifikat potpisnika nije u potpisu.
problem-signing-certificate-mismatch = Potpis navodi drugi sertifikat od upotrebljenog: sertifikat je podmetnut.
problem-signing-certificate-not-bound = Potpis ne vezuje svoj sertifikat (nema atributa signing-certificate).
problem-no-trust-anchors = Još ne verujete nijednom sertifikacionom telu, pa nijednom potpisniku ne može da se veruje. Dodajte telo svog pružaoca usluge u Podešavanjima ili ovde izaberite datoteku sertifikata.
problem-claimed-time-outside = Vreme koje navodi potpisnik ({ $claimed }) je van roka važenja sertifikata.
problem-timestamp-not-validated = Potpis ima vremenski žig, koji Pecat još ne proverava.
problem-modified-after = Dokument je izmenjen posle ovog potpisa ({ $class }), što neovereni dokument ne dozvoljava.
problem-certification-forbids = Dokument je izmenjen posle ovog potpisa ({ $class }); njegova overa (P={ $permission }) to zabranjuje.
problem-certification-not-first = Overavajući potpis mora biti prvi potpis dokumenta; ovaj nije.

path-issuer-missing = Nedostaje sertifikat tela koje je izdalo „{ $subject }“ ({ $issuer }): nije ni u dokumentu ni među telima kojima verujete.
path-untrusted-root = Lanac se završava na „{ $root }“, kome ne verujete.
path-issuer-not-ca = „{ $subject }“ je izdao sertifikat koji nije sertifikaciono telo.
path-issuer-cannot-sign = Izdavalac za „{ $subject }“ ne sme da izdaje sertifikate.
path-length-exceeded = Lanac za „{ $subject }“ je duži nego što njegovo telo dozvoljava.
path-not-yet-valid = „{ $subject }“ važi tek od { $date }.
path-expired = „{ $subject }“ je istekao { $date }.
path-unknown-critical-extension = „{ $subject }“ ima kritično proširenje koje Pecat ne poznaje ({ $oid }), pa mu se ne može verovati.
path-weak-algorithm = „{ $subject }“ je potpisan algoritmom { $algorithm }, koji više ništa ne dokazuje.
path-signer-key-usage = Sertifikat za „{ $subject }“ nije namenjen potpisima.
path-signer-extended-key-usage = Sertifikat za „{ $subject }“ nije namenjen potpisivanju dokumenata.
path-too-long = Lanac sertifikata je predug za proveru.

change-class-none = ništa
change-class-signatures = samo novi potpisi i podaci za validaciju
change-class-form-filling = popunjena polja obrazaca
change-class-annotations = dodati komentari ili crteži
change-class-other = promenjen je sadržaj dokumenta
change-signature-added = Dodat je potpis u polje „{ $field }“.
change-timestamp-added = Dodat je vremenski žig dokumenta u polje „{ $field }“.
change-validation-data = Dodati su podaci za validaciju (sertifikati, opoziv).
change-metadata = Ažurirana su svojstva dokumenta (naslov, autor…).
change-field-filled = Popunjeno je polje obrasca „{ $field }“.
change-annotation-added = Dodata je napomena { $subtype } na strani { $page }.
change-annotation-changed = Izmenjena je napomena { $subtype } na strani { $page }.
change-page-changed = Strana { $page } je izmenjena ({ $key }).
change-pages-changed = Strane su dodate, uklonjene ili preuređene.
change-catalog-changed = Katalog dokumenta je izmenjen ({ $key }).
change-form-changed = Obrazac je izmenjen ({ $key }).
change-field-added = Dodato je polje obrasca „{ $field }“.
change-field-changed = Polje obrasca „{ $field }“ je redefinisano ({ $key }).
change-signature-replaced = Potpis u polju „{ $field }“ je zamenjen.
change-object-rewritten = Objekat { $object } ({ $what }) je prepisan.
change-object-deleted = Objekat { $object } je obrisan.
change-dangling-filled = Objekat { $object }, na koji se upućivalo ali ga nije bilo pri potpisivanju, dodat je kasnije.
change-root-replaced = Katalog dokumenta je zamenjen.
change-trailing-data = Bajtovi { $start }–{ $end } ne pripadaju nijednoj reviziji.
change-not-in-history = Potpisana revizija nije deo istorije dokumenta.
change-too-large = Dokument je prevelik za analizu izmena.

cloud-title = Nalozi za potpisivanje u oblaku
cloud-demo-heading = Demo sertifikat
cloud-demo-code = Trenutni jednokratni kôd
cloud-demo-left = Važi još
cloud-demo-seconds = { $seconds } s
cloud-demo-explained = Demo potpisuje probnim sertifikatom, ne kvalifikovanim. Njegov PIN je { $pin }; kôd se menja na svakih 30 sekundi, kao u aplikaciji za autentifikaciju.
cloud-accounts-heading = Vaši nalozi
cloud-loading = Čitaju se nalozi…
cloud-no-accounts = Još nema naloga u oblaku. Dodajte ispod nalog koji ste dobili od pružaoca usluge.
cloud-account-line = { $user } na { $url }
cloud-state-logged-in = Prijavljen
cloud-state-needs-login = Potrebna prijava
cloud-login = Prijavite se
cloud-remove = Uklonite
cloud-cancel = Otkažite
cloud-add-heading = Dodajte nalog
cloud-name = Naziv (npr. Halcom)
cloud-url = Adresa servisa (https://…)
cloud-user = Korisničko ime
cloud-password = Lozinka
cloud-add = Dodajte i prijavite se
cloud-adding = Prijavljivanje…
cloud-browser = Prijava na veb-stranici izdavaoca (otvara se pregledač) umesto unosa lozinke ovde
cloud-login-browser = Prijava u pregledaču
cloud-browser-waiting = Završite prijavu na stranici izdavaoca u pregledaču
cloud-browser-page = Pečat čeka najviše 5 minuta. Ako se nijedna stranica nije otvorila, otvorite ovu adresu u pregledaču:
cloud-added = Nalog „{ $name }“ je dodat; njegovi sertifikati su na listi.
cloud-logged-in = Prijavljeni ste na „{ $name }“.
cloud-removed = Nalog „{ $name }“ je uklonjen, zajedno sa prijavom koju je Pecat čuvao.
cloud-url-insecure = Adresa mora počinjati sa https:// — običan http prihvata se samo na ovom računaru (localhost), da vaša lozinka nikad ne putuje nešifrovana.
cloud-url-not-url = Ovo nije veb adresa; prepišite je iz uputstva pružaoca usluge (https://…).
cloud-url-not-http = Prihvataju se samo adrese https://.
cloud-url-credentials = Uklonite korisničko ime ili lozinku iz adrese: sačuvali bi se u datoteci podešavanja.
cloud-url-no-host = Adresa ne navodi server.

## Expiry reminders (desktop notifications)
reminder-title = Pečat: sertifikat uskoro ističe
reminder-soon = Sertifikat za { $holder } ističe za { $days ->
        [one] { $days } dan
        [few] { $days } dana
       *[other] { $days } dana
    }. Obnovite ga sada: otvorite Pečat, izaberite sertifikat i „Obnovi…”.
reminder-urgent = Sertifikat za { $holder } ističe za { $days ->
        [one] { $days } dan
        [few] { $days } dana
       *[other] { $days } dana
    } — obnovite ga odmah: izdavaoci obnavljaju samo važeće sertifikate. Otvorite Pečat, izaberite sertifikat i „Obnovi…”.
