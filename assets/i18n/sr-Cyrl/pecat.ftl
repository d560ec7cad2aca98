# Pecat — српски (ћирилица).

## The app
app-name = Печат
app-title = Печат — сертификати за квалификовани потпис
date = { $day }.{ $month }.{ $year }.

## Navigation
nav-credentials = Сертификати
nav-settings = Подешавања
nav-diagnostics = Дијагностика

## Common actions
action-back = ← Назад
action-cancel = Откажи
action-copy = Копирај
action-refresh = Освежи
action-remove = Уклони
action-token-details = Детаљи токена и ПИН-ови

## Credentials list
credentials-title = Ваши сертификати
credentials-loading = Траже се токени и сертификати у облаку…
credentials-none = Није пронађен ниједан токен ни сертификат у облаку. Прикључите токен или додајте његов PKCS#11 модул у Подешавањима; Дијагностика показује шта је покушано.
store-kind-hardware = Хардверски токен
store-kind-cloud = Сертификат у облаку
store-kind-demo = Демо сертификат у облаку
store-demo-badge = Демо — није прави сертификат
store-no-certificate = Нема личног сертификата

## Secrets and PIN states
secret-pin = ПИН
puk-label-administrator = Администраторска лозинка
puk-label-so-pin = SO ПИН
puk-label-puk = ПУК
pin-state-ok = { $secret }: у реду
pin-state-ok-tries = { $secret }: у реду ({ $tries ->
        [one] { $tries } покушај
        [few] { $tries } покушаја
       *[other] { $tries } покушаја
    })
pin-state-count-low = { $secret }: ранији погрешан унос
pin-state-count-low-tries = { $secret }: ранији погрешан унос, преостало покушаја: { $tries }
pin-state-final-try = { $secret }: последњи покушај пре блокирања
pin-state-locked = { $secret }: блокирано
pin-state-must-change = { $secret }: мора се променити пре употребе
pin-state-not-set = { $secret }: није постављено

## Certificate validity
expiry-valid = Важи до { $date }
expiry-renew-soon = Истиче за { $days ->
        [one] { $days } дан
        [few] { $days } дана
       *[other] { $days } дана
    } ({ $date }) — време је за обнову
expiry-urgent = Истиче за { $days ->
        [one] { $days } дан
        [few] { $days } дана
       *[other] { $days } дана
    } ({ $date }) — обновите одмах
expiry-expired = Истекао { $date }
expiry-not-yet-valid = Још не важи (почиње за { $days ->
        [one] { $days } дан
        [few] { $days } дана
       *[other] { $days } дана
    })

## Token screen
token-loading = Чита се токен…
token-title = Токен { $label }
token-details = Детаљи
token-maker = Произвођач и модел
token-serial = Серијски број
token-kind = Врста токена
token-module = Драјвер (PKCS#11 модул)
token-reader = Читач
token-firmware = Фирмвер
token-role = Улога
token-pins = ПИН и деблокирање
token-pin-pad = Овај читач има тастатуру: унесите ПИН на читачу када затражи.
token-dead = И ПИН и { $puk } су блокирани: токен се више не може користити. Затражите од издаваоца да опозове сертификат и изда нови.
token-change-pin = Промени ПИН…
token-unblock = Деблокирај ПИН помоћу: { $puk }…
token-change-puk = Промени: { $puk }…
no-puk = Овај токен нема ПУК: само издавалац може да га деблокира.
no-puk-hint = Овај токен нема ПУК. { $hint }
no-puk-serbian-eid = Српска лична карта нема ПУК. После 3 погрешна ПИН-а блокира се, а деблокирати је може само полицијска станица (МУП): однесите картицу и личну исправу тамо.

## PIN dialog
pin-change-title = Промена ПИН-а
pin-unblock-title = Деблокирање ПИН-а
pin-change-puk-title = Промена: { $puk }
pin-unblock-explained = { $puk } служи за постављање новог ПИН-а. Пажљиво: рачуна се и погрешан унос ({ $puk }), а после превише погрешних уноса токен се више не може деблокирати.
pin-current = Тренутни ПИН
pin-puk-current = { $puk }
pin-new = Нови ПИН
pin-puk-new = Нова вредност: { $puk }
pin-confirm = Унесите поново
pin-rules = Од { $min } до { $max } знакова.
pin-rules-min = Најмање { $min ->
        [one] { $min } знак
        [few] { $min } знака
       *[other] { $min } знакова
    }.
pin-rules-digits = Од { $min } до { $max } цифара.
pin-rules-digits-min = Најмање { $min ->
        [one] { $min } цифра
        [few] { $min } цифре
       *[other] { $min } цифара
    }.
pin-macos-warning = Овај ПИН има више од 8 знакова: macOS (Monterey, Ventura, Sonoma) не може да га користи. Изаберите највише 8 ако се токен може користити на Mac-у.
pin-macos-override = Овај токен се никада не користи на Mac-у: дозволи дужи ПИН
pin-final-try-warning = Последњи покушај: ако је овај унос ({ $secret }) погрешан, следи блокирање.
pin-final-try-confirm = Разумем; покушај
pin-change-submit = Промени
pin-unblock-submit = Деблокирај
pin-working = Ради се…

## PIN rules as the user types
rule-empty = Унесите ПИН.
rule-below-minimum = Краће је од минимума токена од { $min ->
        [one] { $min } знак
        [few] { $min } знака
       *[other] { $min } знакова
    }, па не може бити тачно.
rule-too-short = Прекратко: најмање { $min ->
        [one] { $min } знак
        [few] { $min } знака
       *[other] { $min } знакова
    }.
rule-too-long = Предугачко: највише { $max ->
        [one] { $max } знак
        [few] { $max } знака
       *[other] { $max } знакова
    }.
rule-digits-only = Само цифре.
rule-same-as-old = Нови је исти као тренутни: изаберите други.
rule-mismatch = Два уноса се разликују: поново унесите нови.
rule-macos = macOS прихвата ПИН-ове токена од највише 8 знакова; овај има { $length }.

## PIN operation outcomes
outcome-done = Готово.
outcome-wrong = Погрешан унос ({ $secret }). Проверите и покушајте поново.
outcome-wrong-tries = Погрешан унос ({ $secret }): преостало покушаја: { $tries }.
outcome-wrong-last-try = Погрешан унос ({ $secret }): преостао је један покушај пре блокирања. Будите сигурни пре следећег.
outcome-wrong-now-locked = Погрешан унос ({ $secret }): сада је блокирано.
outcome-pin-locked = ПИН је блокиран. Деблокирајте га помоћу ПУК-а (или затражите помоћ ИТ подршке).
outcome-puk-locked = Блокирано: { $secret }. Токен се више не може деблокирати. Затражите од издаваоца да опозове сертификат и изда нови.
outcome-needs-confirmation = { $secret }: преостао је последњи покушај. Потврдите да желите да покушате.
outcome-must-change = Токен тражи нови ПИН пре употребе: прво промените ПИН.
outcome-rejected = Токен је одбио нову вредност ({ $secret }): не испуњава правила самог токена. Покушајте са другом.
outcome-cancelled = Отказано: ништа није промењено.
outcome-wrong-code = Погрешан једнократни код. Сачекајте следећи код и покушајте поново.
outcome-wrong-code-tries = Погрешан једнократни код: преостало покушаја: { $tries }.
outcome-code-expired = Једнократни код је истекао: користите тренутни.
outcome-authorisation-expired = Одобрење је истекло: одобрите поново.
outcome-too-many-signatures = Сервис дозвољава { $allowed } потписа по одобрењу, а тражено је { $asked }: потписујте у мањим групама.

## Certificate screen
certificate-loading = Чита се сертификат…
certificate-details = Детаљи
certificate-holder = Власник
certificate-issuer = Издао
certificate-valid-from = Важи од
certificate-valid-until = Важи до
certificate-serial = Серијски број
certificate-key = Кључ
certificate-key-on-token = приватни кључ је на токену
certificate-key-missing = приватни кључ није пронађен
certificate-key-elsewhere = кључ чува сервис
certificate-usage = Намена
certificate-sha256 = SHA-256 отисак
certificate-sha1 = SHA-1 отисак
certificate-qualified-claimed = Наводи да је квалификован
certificate-not-qualified = Није квалификовани сертификат
certificate-chain = Ланац
chain-complete = Потпун до корена
chain-issuer-missing = Издавалац { $issuer } није пронађен
chain-too-long = Ланац је предугачак за праћење
certificate-actions = Извоз и обнова
certificate-export = Извези…
certificate-export-title = Извоз сертификата
certificate-with-chain = Укључи сертификате издавалаца
certificate-customs = Извоз за царину…
certificate-customs-title = Изаберите фасциклу за царинске датотеке
certificate-customs-explained = Ваш сертификат и сертификат издаваоца као две DER .cer датотеке, како траже царина (AES/NCTS5) и пореске платформе.
certificate-customs-done = Записано: { $personal } и { $intermediate }
certificate-exported = Записано: { $path }
certificate-copied = Копирано у оставу.
certificate-renew = Обнови…
certificate-renew-explained = Нови кључ и захтев на овом токену, за вашег издаваоца.
export-kind-der = DER (.{ $ext })
export-kind-pem = PEM (.pem)
export-kind-p7b = PKCS#7 (.p7b)
file-kind-certificates = Сертификати
file-kind-csr = Захтеви за сертификат
usage-digital-signature = дигитални потпис
usage-non-repudiation = непорецивост (квалификовани потпис)
usage-key-encipherment = шифровање кључева
usage-data-encipherment = шифровање података
usage-key-agreement = договор о кључу
usage-cert-sign = потписује сертификате
usage-crl-sign = потписује листе опозваних
usage-none = није наведено

## Renewal wizard
renew-title = Обнова сертификата
renew-planning = Проверавају се сертификат и токен…
renew-window = Када обновити
renew-rule = Издаваоци вас обавештавају 45 и 15 дана пре истека и обнављају само док тренутни сертификат још важи: после истека морате поднети захтев за нови.
renew-from = Подсетници за обнову од
renew-urgent-from = Хитно од
renew-expires = Истиче
renew-new-key = Нови кључ
renew-step-generate = 1. Нови кључ и захтев
renew-step-request = 2. Пошаљите захтев издаваоцу
renew-step-import = 3. Учитајте издати сертификат
renew-step-done = Готово
renew-generate-explained = На овом токену прави се нови пар кључева исте врсте, који потписује захтев (CSR) са вашим тренутним подацима. Стари сертификат и кључ остају док се не учита нови сертификат.
renew-generate = Направи кључ и захтев
renew-working = Ради се…
renew-have-issued = Већ имате издати сертификат?
renew-load-issued = Учитај издати сертификат…
renew-request-explained = Пошаљите овај захтев издаваоцу како тражи (отпремање или е-пошта). Када пошаље нови сертификат, учитајте га овде.
renew-save-csr = Сачувај захтев…
renew-copy-csr = Копирај захтев
renew-csr-saved = Захтев је сачуван: { $path }
renew-csr-copied = Захтев је у остави.
renew-issued-file = Издати сертификат
renew-import-explained = Нови сертификат се смешта поред свог кључа и поново чита; затим се стари сертификат брише са токена.
renew-delete-old-key = Обриши и стари пар кључева
renew-import = Учитај на токен
renew-imported = Учитано као „{ $label }”; обрисано старих сертификата: { $replaced }.
renew-done = Обновљени сертификат је на токену.

## Settings
settings-title = Подешавања
settings-appearance = Језик и изглед
settings-language = Језик
settings-language-system = Језик система
settings-theme = Тема
settings-theme-system = Као систем
settings-theme-light = Светла
settings-theme-dark = Тамна
settings-reminders = Подсети ме пре истека сертификата
settings-reminders-explained = Обавештење на радној површини 45 и 15 дана пре истека сертификата, по једном.
settings-modules = Додатни PKCS#11 модули
settings-modules-explained = Печат сам проналази драјвере уобичајених токена. Овде додајте датотеку драјвера ако је драјвер вашег токена негде другде.
settings-modules-none = Нема додатних модула.
settings-module-add = Додај модул…
settings-module-pick = Изаберите PKCS#11 драјвер токена
settings-anchors = Поуздана сертификациона тела
settings-anchors-explained = Потписи су поуздани када им се ланац завршава код једног од ових. Као квалификована означите само тела која познајете.
settings-anchors-none = Још ниједно није додато.
settings-anchors-no-folder = На овом систему нема фасцикле за складиште поверења.
settings-anchor-qualified = Квалификовано
settings-anchor-add = Додај сертификационо тело…
settings-anchor-add-qualified = Додај квалификовано сертификационо тело…
settings-anchor-pick = Изаберите сертификат сертификационог тела

## Diagnostics
diagnostics-title = Дијагностика
diagnostics-copy = Копирај извештај
diagnostics-copied = Извештај је копиран: налепите га у поруку ИТ подршци.
diagnostics-rescan = Потражи поново
diagnostics-loading = Читају се модули…
diagnostics-versions = Верзије
diagnostics-version-pecat = Печат
diagnostics-version-os = Систем
diagnostics-no-modules = Није пронађен ниједан PKCS#11 модул. Инсталирајте софтвер (драјвер) токена или додајте његов модул у Подешавањима.
diagnostics-path = Датотека
diagnostics-found-by = Пронађен
diagnostics-library = Библиотека
diagnostics-why = Зашто није успело
diagnostics-token = Токен
diagnostics-loaded = Учитан, { $tokens ->
        [one] { $tokens } токен
        [few] { $tokens } токена
       *[other] { $tokens } токена
    }
diagnostics-modules = Софтвер токена (PKCS#11 модули)
diagnostics-no-token-in-slots = Нема токена ни у једном читачу: прикључите га.
diagnostics-reader = Читач
diagnostics-reader-slot = { $reader } (слот { $slot })
diagnostics-slot = Слот { $slot }
diagnostics-reader-unknown = Читач без назива
diagnostics-token-line = { $label } (серијски број { $serial })
diagnostics-no-label = (без ознаке)
diagnostics-maker = Произвођач
diagnostics-maker-line = { $maker }, фирмвер { $firmware }, хардвер { $hardware }
diagnostics-state = Стање
diagnostics-not-initialised = Није иницијализован: празна картица или празан слот софтверског токена.
diagnostics-pins = ПИН-ови
diagnostics-no-puk = нема: { $puk }
diagnostics-pins-unreadable = Није могуће прочитати: { $reason }
diagnostics-token-unreadable = Токен није могуће прочитати: { $reason }
diagnostics-profile = Профил
diagnostics-absent-heading = Познати софтвер токена који није инсталиран
diagnostics-absent-line = тражено у: { $places }
diagnostics-card-service = Сервис паметних картица
diagnostics-card-service-system = Део оперативног система (не проверава се).
diagnostics-socket-absent = Не ради (нема сокета { $path })
diagnostics-socket-accepting = Ради ({ $path } прихвата везе)
diagnostics-socket-refusing = { $path } постоји, али одбија везе: { $reason }
diagnostics-systemd-none = Овде не ради: нема стања јединица.
diagnostics-unit = { $active }, { $enabled }
diagnostics-failure-missing = Датотека не постоји.
diagnostics-failure-not-loadable = Систем није могао да је учита: { $reason }
diagnostics-failure-initialize = Није се покренуо (C_Initialize је вратио { $rv }).
diagnostics-failure-pkcs11 = { $function } је вратио { $rv }.
diagnostics-failure-removed = Токен је извађен док се читао.
diagnostics-failure-not-answering = Није одговорио ({ $operation } је трајало дуже од { $seconds } s).
diagnostics-advice-heading = Ниједан токен није могао да се прочита. Проверите:
diagnostics-advice-install = Инсталирајте софтвер (драјвер) токена или додајте његов модул у Подешавањима.
diagnostics-advice-failed = Један модул испод није могао да се учита: поново инсталирајте тај софтвер или га уклоните из Подешавања.
diagnostics-advice-pcscd = Покрените сервис паметних картица: sudo systemctl enable --now pcscd.socket
diagnostics-advice-replug = Поново прикључите токен, у други USB порт, па притисните „Потражи поново”.
diagnostics-loaded-empty = Учитан, нема токена: прикључите га
diagnostics-failed = Није могао да се учита
diagnostics-source-command-line = наведен у командној линији
diagnostics-source-environment = наведен у PECAT_MODULES
diagnostics-source-settings = додат у Подешавањима
diagnostics-source-known = позната локација драјвера

## Errors (each says what to do next)
error-crashed = Нешто је пошло наопако у Печату; ништа није промењено. Покушајте поново, а ако се понови, пошаљите извештај из Дијагностике ИТ подршци.
error-preferences-unreadable = Ваша подешавања нису могла да се прочитају ({ $reason }); користе се подразумевана.
error-preferences-unsaved = Ваша подешавања нису могла да се сачувају ({ $reason }).
error-demo-unavailable = Демо сертификат није могао да се покрене ({ $reason }).
error-pdf = ПДФ није могао да се обради: { $detail }
error-settings = Датотека подешавања { $path } није исправна ({ $reason }). Исправите је или обришите, па поново покрените Печат.
error-read = { $path } није могао да се прочита. Проверите да датотека постоји и да смете да је отворите.
error-write = { $path } није могао да се запише. Изаберите друго место или проверите да на диску има места.
error-exists = { $path } већ постоји. Изаберите друго име.
error-no-such-credential = { $store } нема сертификат { $id }. Освежите листу и изаберите поново.
error-not-a-ca = „{ $subject }” није сертификационо тело: поуздани могу бити само сертификати сертификационих тела.
error-fingerprint-short = Наведите најмање 8 хексадецималних цифара отиска.
error-bad-reference = „{ $text }” не означава сертификат.
error-not-renewable-expired = Сертификат је истекао пре { $days ->
        [one] { $days } дан
        [few] { $days } дана
       *[other] { $days } дана
    }. Издаваоци обнављају само важеће сертификате: поднесите захтев за нови.
error-not-renewable-future = Сертификат још не важи (почиње за { $days ->
        [one] { $days } дан
        [few] { $days } дана
       *[other] { $days } дана
    }): обновите га касније.
error-not-importable-expired = Тај сертификат је истекао пре { $days ->
        [one] { $days } дан
        [few] { $days } дана
       *[other] { $days } дана
    }: није учитан. Проверите да сте изабрали новоиздати.
error-not-importable-future = Тај сертификат још не важи (почиње за { $days ->
        [one] { $days } дан
        [few] { $days } дана
       *[other] { $days } дана
    }): није учитан.
error-key-not-generatable = Кључ овог сертификата ({ $key }) не може се направити на токену, па се овде не може обновити. Обратите се издаваоцу.
error-delete-without-replace = Стари кључ може се обрисати само заједно са сертификатом који замењује.
error-only-ca = { $what } садржи само сертификате сертификационих тела: изаберите датотеку са вашим издатим сертификатом.
error-chain-in-der = DER датотека садржи један сертификат: изаберите PEM или PKCS#7 да укључите ланац.
error-not-personal = „{ $subject }” је сертификат сертификационог тела, не ваш: изаберите лични сертификат.
error-not-a-folder = { $path } није фасцикла: изаберите фасциклу.
error-unreadable = Сертификат на токену није могао да се прочита ({ $reason }).
error-insecure-url = { $url } користи обичан http: сервиси у облаку морају користити https.
error-bad-url = { $url } није употребљива адреса сервиса за потписивање. Проверите је са издаваоцем.
error-bad-account = Налог „{ $name }” не може се сачувати такав: проверите име и корисника.
error-secret-store-unavailable = Системско складиште лозинки није доступно, па пријава не може да се запамти: следећи пут ћете бити поново питани.
error-secret-store = Системско складиште лозинки је одбило захтев. Откључајте га и покушајте поново.
error-other = Нешто није успело: { $detail }
error-module-missing = Драјвер { $path } не постоји. Поново инсталирајте софтвер токена или уклоните модул из Подешавања.
error-module-load = Драјвер { $path } није могао да се учита. Можда је за други систем или оштећен: поново инсталирајте софтвер токена.
error-module-init = Драјвер { $path } није се покренуо ({ $rv }). Извуците и поново прикључите токен или поново покрените сервис паметних картица.
error-token-removed = Токен { $token } је извучен. Поново га прикључите и покушајте опет; ништа није промењено.
error-pkcs11 = Токен { $token } је одбио { $function } ({ $rv }). Извуците га и поново прикључите, па покушајте опет; ако се понови, копирајте извештај из Дијагностике за ИТ подршку.
error-worker-gone = Веза са токеном { $token } је прекинута. Извуците га и поново прикључите.
error-not-answering = Токен { $token } није одговорио за { $seconds ->
        [one] { $seconds } секунда
        [few] { $seconds } секунде
       *[other] { $seconds } секунди
    }. Извуците га, поново прикључите и покушајте опет.
error-no-such-token = Ниједан токен не одговара „{ $query }”: можда је извучен. Освежите листу.
error-no-such-object = Токен { $token } више нема објекат { $id }. Освежите листу.
error-unsupported = Токен то не може: { $what }.
error-read-back = { $what } се после уписа није прочитао исто, па је поново уклоњен. Покушајте поново; ако се понови, токен је можда неисправан.
error-no-matching-key = Токен { $token } нема кључ за „{ $subject }”: учитајте сертификат на токен који је направио захтев.
error-already-present = Токен { $token } већ садржи „{ $what }”.
error-cloud-unreachable = Сервис за потписивање { $service } није доступан. Проверите интернет везу и покушајте поново.
error-cloud-timeout = Сервис за потписивање { $service } није одговорио на време. Покушајте поново мало касније.
error-cloud-tls = Безбедна веза са { $service } није успела: његов сертификат није прихваћен. Проверите адресу или прокси ваше мреже.
error-cloud-login-refused = { $service } је одбио корисничко име или лозинку. Проверите их и поново се пријавите.
error-cloud-login-required = { $service } тражи да се поново пријавите.
error-cloud-other = Сервис за потписивање { $service } није успео: { $detail }
error-issuer-missing = Издавалац за „{ $subject }” није пронађен: додајте га као сертификат сертификационог тела или извезите без ланца.
error-file-too-large = { $what } је превелик да би био датотека сертификата.
error-not-regular-file = { $what } није обична датотека.
error-not-certificate = Ово није читљив сертификат: { $detail }

## Потписивање, провера и налози у облаку (Г2)
nav-sign = Потписивање PDF-а
nav-verify = Провера
nav-cloud = Налози у облаку

sign-title = Потпишите PDF документе
sign-drop-hint = Превуците PDF датотеке на овај прозор или их изаберите.
sign-add-files = Додајте PDF-ове…
sign-credential = Потпишите сертификатом
sign-credentials-loading = Читају се сертификати са токена и из налога у облаку…
sign-no-credentials = Ниједан сертификат не може да потпише: прикључите токен или додајте налог у облаку.
sign-documents = Документи ({ $count })
sign-reading = Чита се документ…
sign-document-summary = Страна: { $pages }, празних поља за потпис: { $fields }, потписа: { $signatures }
sign-certified-no-changes = Аутор је оверио документ без дозвољених измена: нови потпис би нарушио оверу, па га Pecat не потписује.
sign-certified-forms = Аутор је оверио документ: попуњавање образаца и потписивање су дозвољени.
sign-certified-annotate = Аутор је оверио документ: потписивање и коментари су дозвољени.
sign-reason = Разлог (нпр. Одобравам документ)
sign-location = Место (нпр. Београд)
sign-apply-to-all = Користите овај разлог, место и положај за све документе
sign-placement-invisible = Невидљив потпис (не приказује се на страни)
sign-placement-drawn = Видљив на страни { $page } на { $x }, { $y } ({ $width } × { $height } тачака)
sign-placement-field = У поље за потпис „{ $name }“
sign-invisible = Невидљив
sign-field-button = Поље „{ $name }“ (страна { $page })
sign-field-button-invisible = Поље „{ $name }“ (невидљиво)
sign-page-of = Страна { $page } од { $pages }
sign-drag-hint = Да би се потпис видео на страни, превуците правоугаоник на страни испод.
sign-preview-loading = Црта се страна…
sign-preview-failed = Страна не може да се прикаже ({ $reason }); и даље можете да потпишете невидљиво или у поље.
sign-start = Потпишите { $count ->
        [one] { $count } документ
        [few] { $count } документа
       *[other] { $count } докумената
    }
sign-authorising = Тражи се одобрење потписа…
sign-progress = Потписано { $done } од { $total }
sign-cancel = Зауставите после овог документа
sign-store-gone = Токен или налог сертификата више није доступан. Поново прикључите токен или се пријавите, па покушајте поново.
sign-result-signed = ✔ { $name } је потписан → { $output }
sign-result-cancelled = { $name } није потписан: потписивање је заустављено. Ништа није уписано.
sign-result-failed = { $name } није потписан: { $reason }
sign-verify-result = Проверите
sign-open-folder = Отворите фасциклу
sign-auth-title = Одобрите потписе за { $holder }
sign-auth-pin = Унесите PIN сертификата. Не приказује се и заборавља се кад се овај прозор затвори.
sign-auth-pin-placeholder = PIN
sign-auth-code-app = Унесите једнократни кôд који ваша апликација за аутентификацију сада приказује.
sign-auth-code-sending = Сервис вам шаље једнократни кôд…
sign-auth-code-sent = Сервис вам је послао једнократни кôд (SMS или е-пошта); унесите га овде.
sign-auth-code-placeholder = Једнократни кôд
sign-auth-confirm = Потпишите
sign-auth-cancel = Откажите
sign-error-read = { $path } не може да се прочита. Проверите да датотека постоји и да имате право читања.
sign-error-write = Потписана копија не може да се упише у { $path }. Проверите слободан простор и права на фасцикли.
sign-error-not-pdf = Ово није PDF датотека.
sign-error-damaged = PDF је оштећен ({ $reason }). Затражите од пошиљаоца нову копију.
sign-error-encrypted = PDF је заштићен лозинком. Уклоните заштиту, па га потпишите.
sign-error-no-page = Документ нема страну { $page } (има их { $pages }). Изаберите другу страну.
sign-error-certified = Аутор је оверио овај документ без дозвољених измена; потпис би нарушио ту оверу.
sign-error-exists = { $path } већ постоји. Преместите га или преименујте, па потпишите поново.
sign-error-same-file = Потписана копија би заменила оригинал. Изаберите друго име.
sign-error-outside-page = Правоугаоник је ван стране. Превуците га поново унутар стране.
sign-error-no-field = Документ нема празно поље за потпис „{ $name }“.
sign-error-field-signed = Поље за потпис „{ $name }“ је већ потписано. Изаберите друго поље или потпишите без поља.
sign-error-other = Није потписано: { $detail }
sign-error-too-large = Потпис није стао у резервисани простор. Покушајте поново; ако се понови, јавите ИТ подршци.
sign-error-image-too-large = Слика потписа је превелика: највише { $max }×{ $max } пиксела.
sign-error-image-file-too-large = Датотека слике потписа је превелика: највише { $mib } MB.
sign-error-not-a-file = { $path } није датотека.
sign-error-signature-count = Сервис је вратио погрешан број потписа: ништа није уписано. Покушајте поново.
sign-error-refused-mid-batch = Одобрење је истекло усред групе: овај документ није потписан. Поново потпишите преостале документе.

verify-title = Проверите потписани PDF
verify-drop-hint = Превуците потписани PDF на овај прозор или га изаберите.
verify-pick = Изаберите PDF…
verify-trust-heading = Коме Pecat верује
verify-trust-store = Сертификационим телима из Pecat складишта поверења (Подешавања).
verify-trusting-file = За сада се верује и: { $file }
verify-trust-file = Верујте датотеци сертификата…
verify-trust-demo = Верујте демо сертификационом телу (за документе потписане демо сертификатом)
verify-certificate-files = Сертификати
verify-busy = Проверавају се потписи…
verify-no-signatures = Овај документ нема ниједан потпис.
verify-file-valid = Сви потписи ({ $count }) су исправни.
verify-file-indeterminate = Потписи су нетакнути, али није сваком потписнику могуће веровати.
verify-file-invalid = Бар један потпис није исправан.
verify-uncovered = Бајтови { $start }–{ $end } додати су после последњег потписа и ниједан потпис их не покрива.
verify-signature-heading = Потпис { $n } (поље „{ $field }“)
verify-verdict-valid = Исправан
verify-verdict-indeterminate = Нетакнут, али није поуздан
verify-verdict-invalid = Није исправан
verify-who = Потписао
verify-unknown-signer = непознато (потпис не наводи читљив сертификат)
verify-when = Када
verify-when-claimed = { $date } { $time } UTC — време које је навео рачунар потписника; ниједан временски жиг га не доказује
verify-when-unknown = Потпис не наводи време.
verify-changes = Измене после потписивања
verify-unchanged = Нема: документ је тачно онакав какав је потписан.
verify-changed-permitted = Да, дозвољене: { $class }
verify-changed-forbidden = Да, недозвољене: { $class }
verify-trust = Поуздан
verify-trusted = Да: ланац сертификата завршава се на { $anchor }, коме верујете.
verify-not-trusted = Не: разлог је наведен испод.
verify-qualification = Квалификован
verify-qualified = Да: квалификовани електронски потпис (ланац се завршава на телу којем верујете као квалификованом).
verify-claims-qualified = Сертификат тврди да је квалификован, али ниједно тело којем верујете као квалификованом то не потврђује.
verify-not-qualified = Не: сертификат не наводи да је квалификован.
verify-certification = Овера
verify-certification-level = Аутор је оверио документ (DocMDP P={ $p }).

problem-signature-unreadable = Потпис не може да се прочита ({ $reason }).
problem-byte-range-malformed = Потпис не наводи исправно које бајтове покрива.
problem-contents-malformed = Вредност потписа није записана како PDF стандард захтева.
problem-byte-range-gap = Потпис оставља део своје ревизије непокривеним: ту би нешто могло да се сакрије.
problem-digest-mismatch = Документ је измењен после потписивања: његови бајтови више не одговарају потпису.
problem-unsupported-digest = Потпис користи хеш функцију коју Pecat не проверава ({ $algorithm }).
problem-cms-unreadable = Контејнер потписа не може да се прочита ({ $reason }).
problem-no-signed-attributes = Потпис нема потписане атрибуте, па га ништа не везује за документ.
problem-unsupported-algorithm = Потпис користи алгоритам који Pecat не проверава ({ $algorithm }).
problem-signature-does-not-verify = Вредност потписа не одговара кључу потписника: потпис је фалсификован или оштећен.
problem-signer-certificate-missing = Сертификат потписника није у потпису.
problem-signing-certificate-mismatch = Потпис наводи други сертификат од употребљеног: сертификат је подметнут.
problem-signing-certificate-not-bound = Потпис не везује свој сертификат (нема атрибута signing-certificate).
problem-no-trust-anchors = Још не верујете ниједном сертификационом телу, па ниједном потписнику не може да се верује. Додајте тело свог пружаоца услуге у Подешавањима или овде изаберите датотеку сертификата.
problem-claimed-time-outside = Време које наводи потписник ({ $claimed }) је ван рока важења сертификата.
problem-timestamp-not-validated = Потпис има временски жиг, који Pecat још не проверава.
problem-modified-after = Документ је измењен после овог потписа ({ $class }), што неоверени документ не дозвољава.
problem-certification-forbids = Документ је измењен после овог потписа ({ $class }); његова овера (P={ $permission }) то забрањује.
problem-certification-not-first = Оверавајући потпис мора бити први потпис документа; овај није.

path-issuer-missing = Недостаје сертификат тела које је издало „{ $subject }“ ({ $issuer }): није ни у документу ни међу телима којима верујете.
path-untrusted-root = Ланац се завршава на „{ $root }“, коме не верујете.
path-issuer-not-ca = „{ $subject }“ је издао сертификат који није сертификационо тело.
path-issuer-cannot-sign = Издавалац за „{ $subject }“ не сме да издаје сертификате.
path-length-exceeded = Ланац за „{ $subject }“ је дужи него што његово тело дозвољава.
path-not-yet-valid = „{ $subject }“ важи тек од { $date }.
path-expired = „{ $subject }“ је истекао { $date }.
path-unknown-critical-extension = „{ $subject }“ има критично проширење које Pecat не познаје ({ $oid }), па му се не може веровати.
path-weak-algorithm = „{ $subject }“ је потписан алгоритмом { $algorithm }, који више ништа не доказује.
path-signer-key-usage = Сертификат за „{ $subject }“ није намењен потписима.
path-signer-extended-key-usage = Сертификат за „{ $subject }“ није намењен потписивању докумената.
path-too-long = Ланац сертификата је предуг за проверу.

change-class-none = ништа
change-class-signatures = само нови потписи и подаци за валидацију
change-class-form-filling = попуњена поља образаца
change-class-annotations = додати коментари или цртежи
change-class-other = промењен је садржај документа
change-signature-added = Додат је потпис у поље „{ $field }“.
change-timestamp-added = Додат је временски жиг документа у поље „{ $field }“.
change-validation-data = Додати су подаци за валидацију (сертификати, опозив).
change-metadata = Ажурирана су својства документа (наслов, аутор…).
change-field-filled = Попуњено је поље обрасца „{ $field }“.
change-annotation-added = Додата је напомена { $subtype } на страни { $page }.
change-annotation-changed = Измењена је напомена { $subtype } на страни { $page }.
change-page-changed = Страна { $page } је измењена ({ $key }).
change-pages-changed = Стране су додате, уклоњене или преуређене.
change-catalog-changed = Каталог документа је измењен ({ $key }).
change-form-changed = Образац је измењен ({ $key }).
change-field-added = Додато је поље обрасца „{ $field }“.
change-field-changed = Поље обрасца „{ $field }“ је редефинисано ({ $key }).
change-signature-replaced = Потпис у пољу „{ $field }“ је замењен.
change-object-rewritten = Објекат { $object } ({ $what }) је преписан.
change-object-deleted = Објекат { $object } је обрисан.
change-dangling-filled = Објекат { $object }, на који се упућивало али га није било при потписивању, додат је касније.
change-root-replaced = Каталог документа је замењен.
change-trailing-data = Бајтови { $start }–{ $end } не припадају ниједној ревизији.
change-not-in-history = Потписана ревизија није део историје документа.
change-too-large = Документ је превелик за анализу измена.

cloud-title = Налози за потписивање у облаку
cloud-demo-heading = Демо сертификат
cloud-demo-code = Тренутни једнократни кôд
cloud-demo-left = Важи још
cloud-demo-seconds = { $seconds } с
cloud-demo-explained = Демо потписује пробним сертификатом, не квалификованим. Његов PIN је { $pin }; кôд се мења на сваких 30 секунди, као у апликацији за аутентификацију.
cloud-accounts-heading = Ваши налози
cloud-loading = Читају се налози…
cloud-no-accounts = Још нема налога у облаку. Додајте испод налог који сте добили од пружаоца услуге.
cloud-account-line = { $user } на { $url }
cloud-state-logged-in = Пријављен
cloud-state-needs-login = Потребна пријава
cloud-login = Пријавите се
cloud-remove = Уклоните
cloud-cancel = Откажите
cloud-add-heading = Додајте налог
cloud-name = Назив (нпр. Halcom)
cloud-url = Адреса сервиса (https://…)
cloud-user = Корисничко име
cloud-password = Лозинка
cloud-add = Додајте и пријавите се
cloud-adding = Пријављивање…
cloud-browser = Пријава на веб-страници издаваоца (отвара се прегледач) уместо уноса лозинке овде
cloud-login-browser = Пријава у прегледачу
cloud-browser-waiting = Завршите пријаву на страници издаваоца у прегледачу
cloud-browser-page = Печат чека највише 5 минута. Ако се ниједна страница није отворила, отворите ову адресу у прегледачу:
cloud-added = Налог „{ $name }“ је додат; његови сертификати су на листи.
cloud-logged-in = Пријављени сте на „{ $name }“.
cloud-removed = Налог „{ $name }“ је уклоњен, заједно са пријавом коју је Pecat чувао.
cloud-url-insecure = Адреса мора почињати са https:// — обичан http прихвата се само на овом рачунару (localhost), да ваша лозинка никад не путује нешифрована.
cloud-url-not-url = Ово није веб адреса; препишите је из упутства пружаоца услуге (https://…).
cloud-url-not-http = Прихватају се само адресе https://.
cloud-url-credentials = Уклоните корисничко име или лозинку из адресе: сачували би се у датотеци подешавања.
cloud-url-no-host = Адреса не наводи сервер.

## Expiry reminders (desktop notifications)
reminder-title = Печат: сертификат ускоро истиче
reminder-soon = Сертификат за { $holder } истиче за { $days ->
        [one] { $days } дан
        [few] { $days } дана
       *[other] { $days } дана
    }. Обновите га сада: отворите Печат, изаберите сертификат и „Обнови…”.
reminder-urgent = Сертификат за { $holder } истиче за { $days ->
        [one] { $days } дан
        [few] { $days } дана
       *[other] { $days } дана
    } — обновите га одмах: издаваоци обнављају само важеће сертификате. Отворите Печат, изаберите сертификат и „Обнови…”.
