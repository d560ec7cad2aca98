# Pecat — română.

## The app
app-name = Pecat
app-title = Pecat — certificate pentru semnătură calificată
date = { $day }.{ $month }.{ $year }

## Navigation
nav-credentials = Certificate
nav-settings = Setări
nav-diagnostics = Diagnosticare

## Common actions
action-back = ← Înapoi
action-cancel = Renunță
action-copy = Copiază
action-refresh = Reîmprospătează
action-remove = Elimină
action-token-details = Detaliile tokenului și PIN-urile

## Credentials list
credentials-title = Certificatele dumneavoastră
credentials-loading = Se caută tokenuri și certificate în cloud…
credentials-none = Nu s-a găsit niciun token și niciun certificat în cloud. Conectați tokenul sau adăugați modulul său PKCS#11 în Setări; Diagnosticare arată ce s-a încercat.
store-kind-hardware = Token hardware
store-kind-cloud = Certificat în cloud
store-kind-demo = Certificat demonstrativ în cloud
store-demo-badge = Demonstrativ — nu este un certificat real
store-no-certificate = Niciun certificat personal

## Secrets and PIN states
secret-pin = PIN
puk-label-administrator = Parola de administrator
puk-label-so-pin = PIN SO
puk-label-puk = PUK
pin-state-ok = { $secret }: în regulă
pin-state-ok-tries = { $secret }: în regulă ({ $tries ->
        [one] { $tries } încercare
        [few] { $tries } încercări
       *[other] { $tries } de încercări
    })
pin-state-count-low = { $secret }: a existat o încercare greșită
pin-state-count-low-tries = { $secret }: a existat o încercare greșită; { $tries ->
        [one] mai este { $tries } încercare
        [few] mai sunt { $tries } încercări
       *[other] mai sunt { $tries } de încercări
    }
pin-state-final-try = { $secret }: ultima încercare înainte de blocare
pin-state-locked = { $secret }: blocat
pin-state-must-change = { $secret }: trebuie schimbat înainte de folosire
pin-state-not-set = { $secret }: nesetat

## Certificate validity
expiry-valid = Valabil până la { $date }
expiry-renew-soon = Expiră în { $days ->
        [one] { $days } zi
        [few] { $days } zile
       *[other] { $days } de zile
    } ({ $date }) — este momentul reînnoirii
expiry-urgent = Expiră în { $days ->
        [one] { $days } zi
        [few] { $days } zile
       *[other] { $days } de zile
    } ({ $date }) — reînnoiți acum
expiry-expired = A expirat la { $date }
expiry-not-yet-valid = Încă nu este valabil (începe peste { $days ->
        [one] { $days } zi
        [few] { $days } zile
       *[other] { $days } de zile
    })

## Token screen
token-loading = Se citește tokenul…
token-title = Tokenul { $label }
token-details = Detalii
token-maker = Producător și model
token-serial = Număr de serie
token-kind = Familia tokenului
token-module = Driver (modul PKCS#11)
token-reader = Cititor
token-firmware = Firmware
token-role = Rol
token-pins = PIN și deblocare
token-pin-pad = Acest cititor are tastatură: introduceți PIN-ul pe cititor când vi se cere.
token-dead = Atât PIN-ul, cât și { $puk } sunt blocate: tokenul nu mai poate fi folosit. Cereți furnizorului să revoce certificatul și să emită unul nou.
token-change-pin = Schimbă PIN-ul…
token-unblock = Deblochează PIN-ul cu { $puk }…
token-change-puk = Schimbă { $puk }…
no-puk = Acest token nu are PUK: doar emitentul îl poate debloca.
no-puk-hint = Acest token nu are PUK. { $hint }
no-puk-serbian-eid = Cartea de identitate sârbească nu are PUK. După 3 PIN-uri greșite se blochează și doar o secție de poliție (MUP) o poate debloca: mergeți acolo cu cartea și un act de identitate.

## PIN dialog
pin-change-title = Schimbarea PIN-ului
pin-unblock-title = Deblocarea PIN-ului
pin-change-puk-title = Schimbarea { $puk }
pin-unblock-explained = { $puk } servește la setarea unui PIN nou. Atenție: se numără și încercările greșite ({ $puk }), iar după prea multe tokenul nu mai poate fi deblocat.
pin-current = PIN-ul actual
pin-puk-current = { $puk }
pin-new = PIN-ul nou
pin-puk-new = { $puk } – valoarea nouă
pin-confirm = Introduceți-l din nou
pin-rules = Între { $min } și { $max } caractere.
pin-rules-min = Cel puțin { $min ->
        [one] { $min } caracter
        [few] { $min } caractere
       *[other] { $min } de caractere
    }.
pin-rules-digits = Între { $min } și { $max } cifre.
pin-rules-digits-min = Cel puțin { $min ->
        [one] { $min } cifră
        [few] { $min } cifre
       *[other] { $min } de cifre
    }.
pin-macos-warning = Acest PIN are mai mult de 8 caractere: macOS (Monterey, Ventura, Sonoma) nu îl poate folosi. Alegeți cel mult 8 dacă tokenul poate fi folosit pe un Mac.
pin-macos-override = Acest token nu este folosit niciodată pe un Mac: permite PIN-ul mai lung
pin-final-try-warning = Ultima încercare: dacă valoarea introdusă acum ({ $secret }) este greșită, urmează blocarea.
pin-final-try-confirm = Am înțeles; încearcă
pin-change-submit = Schimbă
pin-unblock-submit = Deblochează
pin-working = Se lucrează…

## PIN rules as the user types
rule-empty = Introduceți PIN-ul.
rule-below-minimum = Este mai scurt decât minimul tokenului, de { $min ->
        [one] { $min } caracter
        [few] { $min } caractere
       *[other] { $min } de caractere
    }, deci nu poate fi corect.
rule-too-short = Prea scurt: cel puțin { $min ->
        [one] { $min } caracter
        [few] { $min } caractere
       *[other] { $min } de caractere
    }.
rule-too-long = Prea lung: cel mult { $max ->
        [one] { $max } caracter
        [few] { $max } caractere
       *[other] { $max } de caractere
    }.
rule-digits-only = Doar cifre.
rule-same-as-old = Cel nou este la fel cu cel actual: alegeți altul.
rule-mismatch = Cele două introduceri diferă: introduceți din nou valoarea nouă.
rule-macos = macOS acceptă PIN-uri de token de cel mult 8 caractere; acesta are { $length }.

## PIN operation outcomes
outcome-done = Gata.
outcome-wrong = { $secret }: valoare greșită. Verificați și încercați din nou.
outcome-wrong-tries = { $secret }: valoare greșită; { $tries ->
        [one] mai este { $tries } încercare
        [few] mai sunt { $tries } încercări
       *[other] mai sunt { $tries } de încercări
    }.
outcome-wrong-last-try = { $secret }: valoare greșită; a mai rămas o încercare înainte de blocare. Fiți sigur înainte de următoarea.
outcome-wrong-now-locked = { $secret }: valoare greșită; s-a ajuns la blocare.
outcome-pin-locked = PIN-ul este blocat. Deblocați-l cu PUK-ul (sau cereți ajutorul departamentului IT).
outcome-puk-locked = { $secret }: blocare definitivă — tokenul nu mai poate fi deblocat. Cereți furnizorului să revoce certificatul și să emită unul nou.
outcome-needs-confirmation = { $secret }: a rămas o singură încercare. Confirmați că doriți să încercați.
outcome-must-change = Tokenul cere un PIN nou înainte de a putea fi folosit: schimbați mai întâi PIN-ul.
outcome-rejected = Tokenul a refuzat valoarea nouă ({ $secret }): nu respectă regulile proprii ale tokenului. Încercați alta.
outcome-cancelled = Anulat: nu s-a schimbat nimic.
outcome-wrong-code = Cod unic greșit. Așteptați următorul cod și încercați din nou.
outcome-wrong-code-tries = Cod unic greșit: { $tries ->
        [one] mai este { $tries } încercare
        [few] mai sunt { $tries } încercări
       *[other] mai sunt { $tries } de încercări
    }.
outcome-code-expired = Codul unic a expirat: folosiți codul curent.
outcome-authorisation-expired = Autorizarea a expirat: autorizați din nou.
outcome-too-many-signatures = Serviciul permite { $allowed } semnături pe autorizare și s-au cerut { $asked }: semnați în loturi mai mici.

## Certificate screen
certificate-loading = Se citește certificatul…
certificate-details = Detalii
certificate-holder = Titular
certificate-issuer = Emis de
certificate-valid-from = Valabil de la
certificate-valid-until = Valabil până la
certificate-serial = Număr de serie
certificate-key = Cheie
certificate-key-on-token = cheia privată este pe token
certificate-key-missing = nu s-a găsit cheia privată
certificate-key-elsewhere = cheia este păstrată de serviciu
certificate-usage = Utilizare
certificate-sha256 = Amprentă SHA-256
certificate-sha1 = Amprentă SHA-1
certificate-qualified-claimed = Se declară calificat
certificate-not-qualified = Nu este un certificat calificat
certificate-chain = Lanț
chain-complete = Complet până la rădăcină
chain-issuer-missing = Emitentul { $issuer } nu a fost găsit
chain-too-long = Lanțul este prea lung pentru a fi urmărit
certificate-actions = Export și reînnoire
certificate-export = Exportă…
certificate-export-title = Exportul certificatului
certificate-with-chain = Include autoritățile emitente
certificate-customs = Export pentru vamă…
certificate-customs-title = Alegeți dosarul pentru fișierele vamale
certificate-customs-explained = Certificatul dumneavoastră și autoritatea emitentă ca două fișiere DER .cer, cum cer vama (AES/NCTS5) și platformele fiscale.
certificate-customs-done = Scrise: { $personal } și { $intermediate }
certificate-exported = Scris: { $path }
certificate-copied = Copiat în clipboard.
certificate-renew = Reînnoiește…
certificate-renew-explained = O cheie nouă și o cerere pe acest token, pentru furnizorul dumneavoastră.
export-kind-der = DER (.{ $ext })
export-kind-pem = PEM (.pem)
export-kind-p7b = PKCS#7 (.p7b)
file-kind-certificates = Certificate
file-kind-csr = Cereri de certificat
usage-digital-signature = semnătură digitală
usage-non-repudiation = nerepudiere (semnătură calificată)
usage-key-encipherment = cifrarea cheilor
usage-data-encipherment = cifrarea datelor
usage-key-agreement = stabilirea cheilor
usage-cert-sign = semnează certificate
usage-crl-sign = semnează liste de revocare
usage-none = nespecificată

## Renewal wizard
renew-title = Reînnoirea certificatului
renew-planning = Se verifică certificatul și tokenul…
renew-window = Când se reînnoiește
renew-rule = Furnizorii vă anunță cu 45 și cu 15 zile înainte de expirare și reînnoiesc doar cât timp certificatul actual este încă valabil: după expirare trebuie să solicitați unul nou.
renew-from = Anunțuri de reînnoire de la
renew-urgent-from = Urgent de la
renew-expires = Expiră
renew-new-key = Cheia nouă
renew-step-generate = 1. Cheie nouă și cerere
renew-step-request = 2. Trimiteți cererea furnizorului
renew-step-import = 3. Încărcați certificatul emis
renew-step-done = Gata
renew-generate-explained = Pe acest token se creează o pereche de chei nouă, de același tip, care semnează o cerere (CSR) cu datele dumneavoastră actuale. Certificatul și cheia vechi rămân până la încărcarea celui nou.
renew-generate = Creează cheia și cererea
renew-working = Se lucrează…
renew-have-issued = Aveți deja certificatul emis?
renew-load-issued = Încarcă certificatul emis…
renew-request-explained = Trimiteți această cerere furnizorului așa cum vă cere (încărcare sau e-mail). Când primiți certificatul nou, încărcați-l aici.
renew-save-csr = Salvează cererea…
renew-copy-csr = Copiază cererea
renew-csr-saved = Cererea a fost salvată: { $path }
renew-csr-copied = Cererea este în clipboard.
renew-issued-file = Certificatul emis
renew-import-explained = Certificatul nou se stochează lângă cheia sa și se recitește; apoi certificatul vechi este șters de pe token.
renew-delete-old-key = Șterge și perechea de chei veche
renew-import = Încarcă pe token
renew-imported = Încărcat ca „{ $label }”; { $replaced ->
        [one] { $replaced } certificat vechi șters
        [few] { $replaced } certificate vechi șterse
       *[other] { $replaced } de certificate vechi șterse
    }.
renew-done = Certificatul reînnoit este pe token.

## Settings
settings-title = Setări
settings-appearance = Limbă și aspect
settings-language = Limba
settings-language-system = Limba sistemului
settings-theme = Temă
settings-theme-system = Ca sistemul
settings-theme-light = Luminoasă
settings-theme-dark = Întunecată
settings-reminders = Anunță-mă înainte de expirarea certificatelor
settings-reminders-explained = O notificare pe desktop cu 45 și cu 15 zile înainte de expirarea unui certificat, o singură dată fiecare.
settings-modules = Module PKCS#11 suplimentare
settings-modules-explained = Pecat găsește singur driverele tokenurilor obișnuite. Adăugați aici fișierul driverului dacă al tokenului dumneavoastră este în altă parte.
settings-modules-none = Niciun modul suplimentar.
settings-module-add = Adaugă un modul…
settings-module-pick = Alegeți driverul PKCS#11 al tokenului
settings-anchors = Autorități de certificare de încredere
settings-anchors-explained = Semnăturile sunt de încredere când lanțul lor se termină la una dintre acestea. Marcați drept calificate doar autoritățile pe care le cunoașteți.
settings-anchors-none = Niciuna adăugată încă.
settings-anchors-no-folder = Pe acest sistem nu există un dosar pentru depozitul de încredere.
settings-anchor-qualified = Calificată
settings-anchor-add = Adaugă o autoritate…
settings-anchor-add-qualified = Adaugă o autoritate calificată…
settings-anchor-pick = Alegeți un certificat de autoritate

## Diagnostics
diagnostics-title = Diagnosticare
diagnostics-copy = Copiază raportul
diagnostics-copied = Raport copiat: lipiți-l în mesajul către departamentul IT.
diagnostics-rescan = Caută din nou
diagnostics-loading = Se citesc modulele…
diagnostics-versions = Versiuni
diagnostics-version-pecat = Pecat
diagnostics-version-os = Sistem
diagnostics-no-modules = Nu s-a găsit niciun modul PKCS#11. Instalați software-ul (driverul) tokenului sau adăugați modulul în Setări.
diagnostics-path = Fișier
diagnostics-found-by = Găsit
diagnostics-library = Bibliotecă
diagnostics-why = De ce a eșuat
diagnostics-token = Token
diagnostics-loaded = Încărcat, { $tokens ->
        [one] { $tokens } token
        [few] { $tokens } tokenuri
       *[other] { $tokens } de tokenuri
    }
diagnostics-modules = Software-ul tokenurilor (module PKCS#11)
diagnostics-no-token-in-slots = Niciun token în cititoarele sale: conectați-l.
diagnostics-reader = Cititor
diagnostics-reader-slot = { $reader } (slotul { $slot })
diagnostics-slot = Slotul { $slot }
diagnostics-reader-unknown = Un cititor fără nume
diagnostics-token-line = { $label } (seria { $serial })
diagnostics-no-label = (fără etichetă)
diagnostics-maker = Producător
diagnostics-maker-line = { $maker }, firmware { $firmware }, hardware { $hardware }
diagnostics-state = Stare
diagnostics-not-initialised = Neinițializat: un card gol sau un slot gol al unui token software.
diagnostics-pins = PIN-uri
diagnostics-no-puk = fără { $puk }
diagnostics-pins-unreadable = Nu au putut fi citite: { $reason }
diagnostics-token-unreadable = Tokenul nu a putut fi citit: { $reason }
diagnostics-profile = Profil
diagnostics-absent-heading = Software de token cunoscut care nu este instalat
diagnostics-absent-line = căutat în { $places }
diagnostics-card-service = Serviciul de smart card
diagnostics-card-service-system = Face parte din sistemul de operare (nu este verificat).
diagnostics-socket-absent = Nu rulează (niciun socket la { $path })
diagnostics-socket-accepting = Rulează ({ $path } acceptă conexiuni)
diagnostics-socket-refusing = { $path } există, dar refuză conexiunile: { $reason }
diagnostics-systemd-none = Nu rulează aici: nicio stare de unitate.
diagnostics-unit = { $active }, { $enabled }
diagnostics-failure-missing = Fișierul nu există.
diagnostics-failure-not-loadable = Sistemul nu l-a putut încărca: { $reason }
diagnostics-failure-initialize = Nu a pornit (C_Initialize a întors { $rv }).
diagnostics-failure-pkcs11 = { $function } a întors { $rv }.
diagnostics-failure-removed = Tokenul a fost scos în timp ce era citit.
diagnostics-failure-not-answering = Nu a răspuns ({ $operation } a durat mai mult de { $seconds } s).
diagnostics-advice-heading = Niciun token nu a putut fi citit. De verificat:
diagnostics-advice-install = Instalați software-ul tokenului (driverul) sau adăugați modulul în Setări.
diagnostics-advice-failed = Un modul de mai jos nu a putut fi încărcat: reinstalați acel software sau scoateți-l din Setări.
diagnostics-advice-pcscd = Porniți serviciul de smart card: sudo systemctl enable --now pcscd.socket
diagnostics-advice-replug = Conectați din nou tokenul, într-un alt port USB, apoi apăsați „Caută din nou”.
diagnostics-loaded-empty = Încărcat, niciun token: conectați-l
diagnostics-failed = Nu a putut fi încărcat
diagnostics-source-command-line = numit în linia de comandă
diagnostics-source-environment = numit în PECAT_MODULES
diagnostics-source-settings = adăugat în Setări
diagnostics-source-known = o locație cunoscută de driver

## Errors (each says what to do next)
error-crashed = Ceva nu a funcționat în Pecat; nu s-a schimbat nimic. Încercați din nou, iar dacă se repetă, trimiteți raportul din Diagnosticare departamentului IT.
error-preferences-unreadable = Preferințele nu au putut fi citite ({ $reason }); se folosesc valorile implicite.
error-preferences-unsaved = Preferințele nu au putut fi salvate ({ $reason }).
error-demo-unavailable = Certificatul demonstrativ nu a putut porni ({ $reason }).
error-pdf = PDF-ul nu a putut fi prelucrat: { $detail }
error-settings = Fișierul de setări { $path } nu este valid ({ $reason }). Corectați-l sau ștergeți-l, apoi reporniți Pecat.
error-read = { $path } nu a putut fi citit. Verificați că fișierul există și că aveți voie să îl deschideți.
error-write = { $path } nu a putut fi scris. Alegeți alt loc sau verificați că discul are spațiu.
error-exists = { $path } există deja. Alegeți alt nume.
error-no-such-credential = { $store } nu are certificatul { $id }. Reîmprospătați lista și alegeți din nou.
error-not-a-ca = „{ $subject }” nu este o autoritate de certificare: doar certificatele de autoritate pot fi de încredere.
error-fingerprint-short = Dați cel puțin 8 cifre hexazecimale ale amprentei.
error-bad-reference = „{ $text }” nu numește un certificat.
error-not-renewable-expired = Certificatul a expirat acum { $days ->
        [one] { $days } zi
        [few] { $days } zile
       *[other] { $days } de zile
    }. Furnizorii reînnoiesc doar certificate valabile: solicitați unul nou.
error-not-renewable-future = Certificatul încă nu este valabil (începe peste { $days ->
        [one] { $days } zi
        [few] { $days } zile
       *[other] { $days } de zile
    }): reînnoiți-l mai târziu.
error-not-importable-expired = Acel certificat a expirat acum { $days ->
        [one] { $days } zi
        [few] { $days } zile
       *[other] { $days } de zile
    }: nu a fost încărcat. Verificați că ați ales certificatul nou emis.
error-not-importable-future = Acel certificat încă nu este valabil (începe peste { $days ->
        [one] { $days } zi
        [few] { $days } zile
       *[other] { $days } de zile
    }): nu a fost încărcat.
error-key-not-generatable = Cheia acestui certificat ({ $key }) nu poate fi creată pe token, deci nu poate fi reînnoit aici. Întrebați furnizorul.
error-delete-without-replace = Cheia veche poate fi ștearsă doar împreună cu certificatul pe care îl înlocuiește.
error-only-ca = { $what } conține doar certificate de autoritate: alegeți fișierul cu certificatul emis pentru dumneavoastră.
error-chain-in-der = Un fișier DER conține un singur certificat: alegeți PEM sau PKCS#7 pentru a include lanțul.
error-not-personal = „{ $subject }” este un certificat de autoritate, nu al dumneavoastră: alegeți certificatul personal.
error-not-a-folder = { $path } nu este un dosar: alegeți un dosar.
error-unreadable = Certificatul de pe token nu a putut fi citit ({ $reason }).
error-insecure-url = { $url } folosește http simplu: serviciile cloud trebuie să folosească https.
error-bad-url = { $url } nu este o adresă utilizabilă pentru un serviciu de semnare. Verificați-o cu furnizorul.
error-bad-account = Contul „{ $name }” nu poate fi păstrat așa: verificați numele și utilizatorul.
error-secret-store-unavailable = Depozitul de parole al sistemului nu este disponibil, deci autentificarea nu poate fi reținută: vi se va cere din nou data viitoare.
error-secret-store = Depozitul de parole al sistemului a refuzat cererea. Deblocați-l și încercați din nou.
error-other = Ceva a eșuat: { $detail }
error-module-missing = Driverul { $path } nu există. Reinstalați software-ul tokenului sau eliminați modulul din Setări.
error-module-load = Driverul { $path } nu a putut fi încărcat. Poate fi pentru alt sistem sau deteriorat: reinstalați software-ul tokenului.
error-module-init = Driverul { $path } nu a pornit ({ $rv }). Deconectați și reconectați tokenul sau reporniți serviciul de smart card.
error-token-removed = Tokenul { $token } a fost scos. Conectați-l din nou și reîncercați; nu s-a schimbat nimic.
error-pkcs11 = Tokenul { $token } a refuzat { $function } ({ $rv }). Deconectați-l și reconectați-l, apoi încercați din nou; dacă se repetă, copiați raportul din Diagnosticare pentru departamentul IT.
error-worker-gone = Legătura cu tokenul { $token } s-a oprit. Deconectați-l și reconectați-l.
error-not-answering = Tokenul { $token } nu a răspuns în { $seconds ->
        [one] { $seconds } secundă
        [few] { $seconds } secunde
       *[other] { $seconds } de secunde
    }. Scoateți-l, conectați-l din nou și reîncercați.
error-no-such-token = Niciun token nu corespunde cu „{ $query }”: poate a fost scos. Reîmprospătați lista.
error-no-such-object = Tokenul { $token } nu mai are obiectul { $id }. Reîmprospătați lista.
error-unsupported = Tokenul nu poate face asta: { $what }.
error-read-back = { $what } nu s-a recitit identic după scriere, așa că a fost șters din nou. Încercați din nou; dacă se repetă, tokenul poate fi defect.
error-no-matching-key = Tokenul { $token } nu are cheia pentru „{ $subject }”: încărcați certificatul pe tokenul care a creat cererea.
error-already-present = Tokenul { $token } conține deja „{ $what }”.
error-cloud-unreachable = Serviciul de semnare { $service } nu a putut fi contactat. Verificați conexiunea la internet și încercați din nou.
error-cloud-timeout = Serviciul de semnare { $service } nu a răspuns la timp. Încercați din nou peste puțin timp.
error-cloud-tls = Conexiunea securizată cu { $service } a eșuat: certificatul său nu a fost acceptat. Verificați adresa sau proxy-ul rețelei.
error-cloud-login-refused = { $service } a refuzat numele de utilizator sau parola. Verificați-le și autentificați-vă din nou.
error-cloud-login-required = { $service } vă cere să vă autentificați din nou.
error-cloud-other = Serviciul de semnare { $service } a eșuat: { $detail }
error-issuer-missing = Autoritatea emitentă a lui „{ $subject }” nu a fost găsită: adăugați-o ca certificat de autoritate sau exportați fără lanț.
error-file-too-large = { $what } este prea mare pentru a fi un fișier de certificat.
error-not-regular-file = { $what } nu este un fișier obișnuit.
error-not-certificate = Acesta nu este un certificat lizibil: { $detail }

## Semnare, verificare și conturi cloud (G2)
nav-sign = Semnare PDF
nav-verify = Verificare
nav-cloud = Conturi cloud

sign-title = Semnați documente PDF
sign-drop-hint = Trageți fișiere PDF pe această fereastră sau alegeți-le.
sign-add-files = Adăugați PDF-uri…
sign-credential = Semnați cu
sign-credentials-loading = Se citesc certificatele de pe token-uri și din conturile cloud…
sign-no-credentials = Niciun certificat nu poate semna: conectați token-ul sau adăugați un cont cloud.
sign-documents = Documente ({ $count })
sign-reading = Se citește documentul…
sign-document-summary = { $pages ->
        [one] { $pages } pagină
        [few] { $pages } pagini
       *[other] { $pages } de pagini
    }, { $fields ->
        [one] { $fields } câmp de semnătură gol
        [few] { $fields } câmpuri de semnătură goale
       *[other] { $fields } de câmpuri de semnătură goale
    }, { $signatures ->
        [one] { $signatures } semnătură
        [few] { $signatures } semnături
       *[other] { $signatures } de semnături
    }
sign-certified-no-changes = Certificat de autor fără modificări permise: o semnătură nouă ar încălca certificarea, așa că Pecat nu îl semnează.
sign-certified-forms = Certificat de autor: completarea formularelor și semnarea sunt permise.
sign-certified-annotate = Certificat de autor: semnarea și comentariile sunt permise.
sign-reason = Motiv (de ex. Aprob documentul)
sign-location = Locație (de ex. București)
sign-apply-to-all = Folosiți acest motiv, această locație și acest loc pentru toate documentele
sign-placement-invisible = Semnătură invizibilă (nu apare pe pagină)
sign-placement-drawn = Vizibilă pe pagina { $page } la { $x }, { $y } ({ $width } × { $height } puncte)
sign-placement-field = În câmpul de semnătură „{ $name }”
sign-invisible = Invizibilă
sign-field-button = Câmpul „{ $name }” (pagina { $page })
sign-field-button-invisible = Câmpul „{ $name }” (invizibil)
sign-page-of = Pagina { $page } din { $pages }
sign-drag-hint = Ca semnătura să apară pe pagină, trageți un dreptunghi pe pagina de mai jos.
sign-preview-loading = Se desenează pagina…
sign-preview-failed = Pagina nu poate fi afișată ({ $reason }); puteți semna totuși invizibil sau într-un câmp.
sign-start = Semnați { $count ->
        [one] { $count } document
        [few] { $count } documente
       *[other] { $count } de documente
    }
sign-authorising = Se cere autorizarea semnăturilor…
sign-progress = Semnate { $done } din { $total }
sign-cancel = Opriți după acest document
sign-store-gone = Token-ul sau contul certificatului nu mai este disponibil. Conectați din nou token-ul sau autentificați-vă, apoi reîncercați.
sign-result-signed = ✔ { $name } semnat → { $output }
sign-result-cancelled = { $name } nu a fost semnat: semnarea a fost oprită. Nu s-a scris nimic.
sign-result-failed = { $name } nu a fost semnat: { $reason }
sign-verify-result = Verificați
sign-open-folder = Deschideți dosarul
sign-auth-title = Autorizați semnăturile lui { $holder }
sign-auth-pin = Introduceți PIN-ul certificatului. Nu este afișat și este uitat când se închide fereastra.
sign-auth-pin-placeholder = PIN
sign-auth-code-app = Introduceți codul unic pe care îl arată acum aplicația de autentificare.
sign-auth-code-sending = Serviciul vă trimite un cod unic…
sign-auth-code-sent = Serviciul v-a trimis un cod unic (SMS sau e-mail); introduceți-l aici.
sign-auth-code-placeholder = Cod unic
sign-auth-confirm = Semnați
sign-auth-cancel = Renunțați
sign-error-read = { $path } nu poate fi citit. Verificați că fișierul există și că aveți drept de citire.
sign-error-write = Copia semnată nu poate fi scrisă în { $path }. Verificați spațiul liber și drepturile dosarului.
sign-error-not-pdf = Acesta nu este un fișier PDF.
sign-error-damaged = PDF-ul este deteriorat ({ $reason }). Cereți expeditorului o copie nouă.
sign-error-encrypted = PDF-ul este protejat cu parolă. Eliminați protecția, apoi semnați-l.
sign-error-no-page = Documentul nu are pagina { $page } (are { $pages }). Alegeți altă pagină.
sign-error-certified = Autorul a certificat documentul fără modificări permise; o semnătură ar încălca această certificare.
sign-error-exists = { $path } există deja. Mutați-l sau redenumiți-l, apoi semnați din nou.
sign-error-same-file = Copia semnată ar înlocui originalul. Alegeți alt nume.
sign-error-outside-page = Dreptunghiul este în afara paginii. Trageți-l din nou în interiorul paginii.
sign-error-no-field = Documentul nu are câmpul de semnătură gol „{ $name }”.
sign-error-field-signed = Câmpul de semnătură „{ $name }” este deja semnat. Alegeți alt câmp sau semnați fără câmp.
sign-error-other = Nesemnat: { $detail }
sign-error-too-large = Semnătura nu a încăput în spațiul rezervat. Încercați din nou; dacă se repetă, anunțați departamentul IT.
sign-error-image-too-large = Imaginea semnăturii este prea mare: cel mult { $max }×{ $max } pixeli.
sign-error-image-file-too-large = Fișierul imaginii semnăturii este prea mare: cel mult { $mib } MB.
sign-error-not-a-file = { $path } nu este un fișier.
sign-error-signature-count = Serviciul a întors un număr greșit de semnături: nu s-a scris nimic. Încercați din nou.
sign-error-refused-mid-batch = Autorizarea a expirat în timpul lotului: acest document nu a fost semnat. Semnați din nou documentele rămase.

verify-title = Verificați un PDF semnat
verify-drop-hint = Trageți un PDF semnat pe această fereastră sau alegeți-l.
verify-pick = Alegeți un PDF…
verify-trust-heading = În cine are încredere Pecat
verify-trust-store = Autoritățile de certificare din depozitul de încredere Pecat (Setări).
verify-trusting-file = De încredere acum și: { $file }
verify-trust-file = Aveți încredere într-un fișier de certificat…
verify-trust-demo = Aveți încredere în autoritatea de certificare demo (pentru documente semnate cu certificatul demo)
verify-certificate-files = Certificate
verify-busy = Se verifică semnăturile…
verify-no-signatures = Acest document nu are nicio semnătură.
verify-file-valid = Toate semnăturile ({ $count }) sunt valide.
verify-file-indeterminate = Semnăturile sunt intacte, dar nu toți semnatarii sunt de încredere.
verify-file-invalid = Cel puțin o semnătură nu este validă.
verify-uncovered = Octeții { $start }–{ $end } au fost adăugați după ultima semnătură și nicio semnătură nu îi acoperă.
verify-signature-heading = Semnătura { $n } (câmpul „{ $field }”)
verify-verdict-valid = Validă
verify-verdict-indeterminate = Intactă, dar nu de încredere
verify-verdict-invalid = Nevalidă
verify-who = Semnată de
verify-unknown-signer = necunoscut (semnătura nu numește un certificat lizibil)
verify-when = Când
verify-when-claimed = { $date } { $time } UTC — ora declarată de calculatorul semnatarului; nicio marcă temporală nu o dovedește
verify-when-unknown = Semnătura nu declară nicio oră.
verify-changes = Modificări după semnare
verify-unchanged = Niciuna: documentul este exact cum a fost semnat.
verify-changed-permitted = Da, permise: { $class }
verify-changed-forbidden = Da, nepermise: { $class }
verify-trust = De încredere
verify-trusted = Da: lanțul de certificate se termină la { $anchor }, în care aveți încredere.
verify-not-trusted = Nu: vedeți motivul mai jos.
verify-qualification = Calificată
verify-qualified = Da: semnătură electronică calificată (lanțul se termină la o autoritate marcată de dumneavoastră drept calificată).
verify-claims-qualified = Certificatul pretinde că este calificat, dar nicio autoritate marcată drept calificată nu confirmă acest lucru.
verify-not-qualified = Nu: certificatul nu declară că este calificat.
verify-certification = Certificare
verify-certification-level = Autorul a certificat documentul (DocMDP P={ $p }).

problem-signature-unreadable = Semnătura nu poate fi citită ({ $reason }).
problem-byte-range-malformed = Semnătura nu indică corect ce octeți acoperă.
problem-contents-malformed = Valoarea semnăturii nu este stocată cum cere standardul PDF.
problem-byte-range-gap = Semnătura lasă neacoperită o parte a reviziei sale: acolo s-ar putea ascunde ceva.
problem-digest-mismatch = Documentul a fost modificat după semnare: octeții lui nu mai corespund semnăturii.
problem-unsupported-digest = Semnătura folosește o funcție hash pe care Pecat nu o verifică ({ $algorithm }).
problem-cms-unreadable = Containerul semnăturii nu poate fi citit ({ $reason }).
problem-no-signed-attributes = Semnătura nu are atribute semnate, deci nimic nu o leagă de document.
problem-unsupported-algorithm = Semnătura folosește un algoritm pe care Pecat nu îl verifică ({ $algorithm }).
problem-signature-does-not-verify = Valoarea semnăturii nu corespunde cheii semnatarului: este falsificată sau deteriorată.
problem-signer-certificate-missing = Certificatul semnatarului lipsește din semnătură.
problem-signing-certificate-mismatch = Semnătura numește alt certificat decât cel folosit: certificatul a fost înlocuit.
problem-signing-certificate-not-bound = Semnătura nu își leagă certificatul (lipsește atributul signing-certificate).
problem-no-trust-anchors = Nu aveți încă încredere în nicio autoritate de certificare, deci niciun semnatar nu poate fi de încredere. Adăugați autoritatea furnizorului în Setări sau alegeți aici un fișier de certificat.
problem-claimed-time-outside = Ora declarată de semnatar ({ $claimed }) este în afara perioadei de valabilitate a certificatului.
problem-timestamp-not-validated = Semnătura are o marcă temporală, pe care Pecat nu o verifică încă.
problem-modified-after = Documentul a fost modificat după această semnătură ({ $class }), ceea ce un document necertificat nu permite.
problem-certification-forbids = Documentul a fost modificat după această semnătură ({ $class }); certificarea lui (P={ $permission }) interzice acest lucru.
problem-certification-not-first = O semnătură de certificare trebuie să fie prima semnătură a documentului; aceasta nu este.

path-issuer-missing = Lipsește certificatul autorității care a emis „{ $subject }” ({ $issuer }): nu este nici în document, nici printre autoritățile de încredere.
path-untrusted-root = Lanțul se termină la „{ $root }”, în care nu aveți încredere.
path-issuer-not-ca = „{ $subject }” a fost emis de un certificat care nu este autoritate de certificare.
path-issuer-cannot-sign = Emitentul lui „{ $subject }” nu are voie să emită certificate.
path-length-exceeded = Lanțul lui „{ $subject }” este mai lung decât permite autoritatea lui.
path-not-yet-valid = „{ $subject }” este valabil abia de la { $date }.
path-expired = „{ $subject }” a expirat la { $date }.
path-unknown-critical-extension = „{ $subject }” are o extensie critică necunoscută pentru Pecat ({ $oid }), deci nu poate fi de încredere.
path-weak-algorithm = „{ $subject }” este semnat cu { $algorithm }, care nu mai dovedește nimic.
path-signer-key-usage = Certificatul lui „{ $subject }” nu este destinat semnăturilor.
path-signer-extended-key-usage = Certificatul lui „{ $subject }” nu este destinat semnării documentelor.
path-too-long = Lanțul de certificate este prea lung pentru a fi verificat.

change-class-none = nimic
change-class-signatures = doar semnături noi și date de validare
change-class-form-filling = câmpuri de formular completate
change-class-annotations = comentarii sau desene adăugate
change-class-other = conținutul documentului s-a schimbat
change-signature-added = S-a adăugat o semnătură în câmpul „{ $field }”.
change-timestamp-added = S-a adăugat o marcă temporală a documentului în câmpul „{ $field }”.
change-validation-data = S-au adăugat date de validare (certificate, revocare).
change-metadata = Proprietățile documentului (titlu, autor…) au fost actualizate.
change-field-filled = Câmpul de formular „{ $field }” a fost completat.
change-annotation-added = S-a adăugat o adnotare { $subtype } pe pagina { $page }.
change-annotation-changed = S-a modificat o adnotare { $subtype } pe pagina { $page }.
change-page-changed = Pagina { $page } s-a schimbat ({ $key }).
change-pages-changed = Pagini adăugate, șterse sau reordonate.
change-catalog-changed = Catalogul documentului s-a schimbat ({ $key }).
change-form-changed = Formularul s-a schimbat ({ $key }).
change-field-added = S-a adăugat câmpul de formular „{ $field }”.
change-field-changed = Câmpul de formular „{ $field }” a fost redefinit ({ $key }).
change-signature-replaced = Semnătura din câmpul „{ $field }” a fost înlocuită.
change-object-rewritten = Obiectul { $object } ({ $what }) a fost rescris.
change-object-deleted = Obiectul { $object } a fost șters.
change-dangling-filled = Obiectul { $object }, referit dar lipsă la semnare, a fost completat ulterior.
change-root-replaced = Catalogul documentului a fost înlocuit.
change-trailing-data = Octeții { $start }–{ $end } nu aparțin niciunei revizii.
change-not-in-history = Revizia semnată nu face parte din istoria documentului.
change-too-large = Documentul este prea mare pentru a-i analiza modificările.

cloud-title = Conturi de semnare în cloud
cloud-demo-heading = Certificatul demo
cloud-demo-code = Codul unic curent
cloud-demo-left = Valabil încă
cloud-demo-seconds = { $seconds } s
cloud-demo-explained = Demo-ul semnează cu un certificat de probă, nu cu unul calificat. PIN-ul lui este { $pin }; codul se schimbă la fiecare 30 de secunde, ca într-o aplicație de autentificare.
cloud-accounts-heading = Conturile dumneavoastră
cloud-loading = Se citesc conturile…
cloud-no-accounts = Niciun cont cloud încă. Adăugați mai jos contul primit de la furnizor.
cloud-account-line = { $user } la { $url }
cloud-state-logged-in = Autentificat
cloud-state-needs-login = Necesită autentificare
cloud-login = Autentificare
cloud-remove = Eliminați
cloud-cancel = Renunțați
cloud-add-heading = Adăugați un cont
cloud-name = Nume (de ex. certSIGN)
cloud-url = Adresa serviciului (https://…)
cloud-user = Nume de utilizator
cloud-password = Parolă
cloud-add = Adăugați și autentificați
cloud-adding = Autentificare în curs…
cloud-browser = Autentificare pe pagina furnizorului (se deschide browserul) în loc să tastați parola aici
cloud-login-browser = Autentificare în browser
cloud-browser-waiting = Finalizați autentificarea pe pagina furnizorului, în browser
cloud-browser-page = Pecat așteaptă cel mult 5 minute. Dacă nu s-a deschis nicio pagină, deschideți această adresă în browser:
cloud-added = Contul „{ $name }” a fost adăugat; certificatele lui sunt în listă.
cloud-logged-in = Autentificat în „{ $name }”.
cloud-removed = Contul „{ $name }” a fost eliminat, împreună cu autentificarea păstrată de Pecat.
cloud-url-insecure = Adresa trebuie să înceapă cu https:// — http simplu este acceptat doar pe acest calculator (localhost), ca parola să nu circule necriptată.
cloud-url-not-url = Aceasta nu este o adresă web; copiați-o din instrucțiunile furnizorului (https://…).
cloud-url-not-http = Sunt acceptate doar adrese https://.
cloud-url-credentials = Eliminați numele de utilizator sau parola din adresă: ar fi salvate în fișierul de setări.
cloud-url-no-host = Adresa nu numește niciun server.

## Expiry reminders (desktop notifications)
reminder-title = Pecat: certificat pe cale să expire
reminder-soon = Certificatul lui { $holder } expiră în { $days ->
        [one] { $days } zi
        [few] { $days } zile
       *[other] { $days } de zile
    }. Reînnoiți-l acum: deschideți Pecat, alegeți certificatul și „Reînnoiește…”.
reminder-urgent = Certificatul lui { $holder } expiră în { $days ->
        [one] { $days } zi
        [few] { $days } zile
       *[other] { $days } de zile
    } — reînnoiți-l acum: furnizorii reînnoiesc doar certificate valabile. Deschideți Pecat, alegeți certificatul și „Reînnoiește…”.
