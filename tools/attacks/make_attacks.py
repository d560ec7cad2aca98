"""Writes Pecat's attack PDFs with independent tools (pyHanko and hand-written PDF bytes).

usage: make_attacks.py OUTDIR PKI_DIR [--input IN.pdf]

Run with the pyHanko venv python (target/pyhanko/bin/python). PKI_DIR is the
output of forge_chain.sh. Without --input, a minimal 2-page PDF (written by hand
below) is used: page 1 has a text field `Name`, an empty signature field
`Approval`, and a clause in an optional content group that is OFF. --input must
have a text field `Name` and a signature field `Approval` on page 1 and use a
classic xref table; shadow-hide.pdf needs /OCProperties and is skipped without it.

Every file is listed in tools/attacks/README.md with the verdict a correct
verifier must give. One line is printed per file made.
"""
import argparse
import io
import os
import random
import re
import sys
from datetime import datetime, timedelta, timezone

from asn1crypto import cms, x509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter

OUT = ""
PKI = ""


def emit(name: str, data: bytes, what: str) -> None:
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        f.write(data)
    print(f"{name}: {what}")


# --------------------------------------------------------------------------
# The base document, written by hand.
# --------------------------------------------------------------------------

def stream_obj(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(data), extra, data)


def base_pdf() -> bytes:
    page1 = (
        b"BT /F1 20 Tf 72 770 Td (Purchase order 4711) Tj ET\n"
        b"BT /F1 12 Tf 72 730 Td (Amount: 100 EUR, payable to Alice Example.) Tj ET\n"
        b"BT /F1 12 Tf 72 712 Td (Delivery: 10 units within 14 days.) Tj ET\n"
        b"/OC /OC1 BDC\n"
        b"q BT /F1 12 Tf 1 0 0 rg 72 690 Td (Hidden clause: amount is 1,000,000 EUR, payable to Mallory.) Tj ET Q\n"
        b"EMC\n"
        b"BT /F1 12 Tf 72 632 Td (Name:) Tj ET\n"
        b"BT /F1 12 Tf 72 520 Td (Approval:) Tj ET\n"
    )
    page2 = b"BT /F1 12 Tf 72 770 Td (Page 2: general terms and conditions.) Tj ET\n"
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm 3 0 R /OCProperties 4 0 R >>",
        2: b"<< /Type /Pages /Kids [7 0 R 9 0 R] /Count 2 >>",
        3: b"<< /Fields [10 0 R 11 0 R] /DR << /Font << /Helv 5 0 R >> >> /DA (/Helv 0 Tf 0 g) >>",
        4: b"<< /OCGs [6 0 R] /D << /Name (Default) /Order [6 0 R] /ON [] /OFF [6 0 R] >> >>",
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        6: b"<< /Type /OCG /Name (Hidden clause) >>",
        7: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
           b"/Resources << /Font << /F1 5 0 R >> /Properties << /OC1 6 0 R >> >> "
           b"/Contents 8 0 R /Annots [10 0 R 11 0 R] >>",
        8: stream_obj(page1),
        9: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
           b"/Resources << /Font << /F1 5 0 R >> >> /Contents 12 0 R >>",
        10: b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (Name) /V () /F 4 /P 7 0 R "
            b"/Rect [120 624 420 648] /DA (/Helv 12 Tf 0 g) /MK << /BC [0 0 0] >> /AP << /N 13 0 R >> >>",
        11: b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Approval) /F 4 /P 7 0 R "
            b"/Rect [150 470 400 540] /MK << /BC [0 0 0] >> >>",
        12: stream_obj(page2),
        13: stream_obj(b"/Tx BMC EMC", b"/Type /XObject /Subtype /Form /BBox [0 0 300 24] "),
        14: b"<< /Producer (Pecat attack generator) /Title (Purchase order 4711) >>",
    }
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (num, objs[num])
    xref = len(out)
    size = max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += b"%010d 00000 n \n" % offsets[num]
    doc_id = b"<50656361744174746b4261736531>"
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info 14 0 R /ID [%s %s] >>\nstartxref\n%d\n%%%%EOF\n"
            % (size, doc_id, doc_id, xref))
    return bytes(out)


# --------------------------------------------------------------------------
# pyHanko signing.
# --------------------------------------------------------------------------

class _Signer(signers.PdfSigner):
    """pyHanko's PdfSigner with two test-only knobs: a claimed signing time
    (/M and the CMS signingTime) and ignoring a P=1 certification."""

    claimed_time = None
    ignore_docmdp = False

    def init_signing_session(self, pdf_out, existing_fields_only=False):
        if self.ignore_docmdp:
            # pyHanko refuses ("Author signature forbids all changes"); skip that check.
            self._enforce_certification_constraints = lambda reader: None
        session = super().init_signing_session(pdf_out, existing_fields_only)
        if self.claimed_time is not None:
            session.system_time = self.claimed_time
        return session


def pki(name: str) -> str:
    return os.path.join(PKI, name)


def sign(data: bytes, who: str = "good", chain=("ca.pem",), field: str = "Approval",
         certify: bool = False, perm=None, claimed_time=None, ignore_docmdp=False,
         reason: str = "attack test") -> bytes:
    signer = signers.SimpleSigner.load(
        pki(who + ".key"), pki(who + ".pem"), ca_chain_files=tuple(pki(c) for c in chain),
        key_passphrase=None)
    meta = signers.PdfSignatureMetadata(
        field_name=field, subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256",
        certify=certify, docmdp_permissions=perm if perm is not None else MDPPerm.FILL_FORMS,
        reason=reason)
    pdf_signer = _Signer(meta, signer=signer)
    pdf_signer.claimed_time = claimed_time
    pdf_signer.ignore_docmdp = ignore_docmdp
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    out = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=out)
    return out.getvalue()


# --------------------------------------------------------------------------
# Incremental updates through pyHanko's incremental writer.
# --------------------------------------------------------------------------

def _field_ref(reader_root, name: str):
    fields_ = reader_root["/AcroForm"]["/Fields"]
    for i in range(len(fields_)):
        ref = fields_.raw_get(i)
        if ref.get_object().get("/T") == name:
            return ref
    raise KeyError(name)


def _first_page_ref(root):
    return root["/Pages"]["/Kids"].raw_get(0)


def fill_name(data: bytes, value: str = "Mallory Example") -> bytes:
    w = IncrementalPdfFileWriter(io.BytesIO(data))
    root = w.root
    ref = _field_ref(root, "Name")
    field = ref.get_object()
    field["/V"] = generic.TextStringObject(value)
    helv = root["/AcroForm"]["/DR"]["/Font"].raw_get("/Helv")
    x1, y1, x2, y2 = [float(v) for v in field["/Rect"]]
    ap = generic.StreamObject(
        {
            pdf_name("/Type"): pdf_name("/XObject"),
            pdf_name("/Subtype"): pdf_name("/Form"),
            pdf_name("/BBox"): generic.ArrayObject(
                [generic.FloatObject(0), generic.FloatObject(0),
                 generic.FloatObject(x2 - x1), generic.FloatObject(y2 - y1)]),
            pdf_name("/Resources"): generic.DictionaryObject(
                {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/Helv"): helv})}),
        },
        stream_data=b"/Tx BMC q BT /Helv 12 Tf 0 g 2 7 Td (" + value.encode("latin-1") + b") Tj ET Q EMC",
    )
    field["/AP"] = generic.DictionaryObject({pdf_name("/N"): w.add_object(ap)})
    w.mark_update(ref)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def add_comment(data: bytes, text: str = "Looks fine to me.") -> bytes:
    w = IncrementalPdfFileWriter(io.BytesIO(data))
    page_ref = _first_page_ref(w.root)
    page = page_ref.get_object()
    annot = generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Annot"),
        pdf_name("/Subtype"): pdf_name("/Text"),
        pdf_name("/Rect"): generic.ArrayObject([generic.NumberObject(n) for n in (480, 760, 500, 780)]),
        pdf_name("/Contents"): generic.TextStringObject(text),
        pdf_name("/T"): generic.TextStringObject("Reviewer"),
        pdf_name("/Name"): pdf_name("/Comment"),
        pdf_name("/F"): generic.NumberObject(4),
        pdf_name("/P"): page_ref,
        pdf_name("/M"): generic.TextStringObject("D:20250101000000Z"),
    })
    annot_ref = w.add_object(annot)
    annots = page.get("/Annots")
    if annots is None:
        page["/Annots"] = generic.ArrayObject([annot_ref])
        w.mark_update(page_ref)
    else:
        annots.append(annot_ref)
        raw = page.raw_get("/Annots")
        w.mark_update(raw if isinstance(raw, generic.IndirectObject) else page_ref)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


# --------------------------------------------------------------------------
# Incremental updates written by hand.
# --------------------------------------------------------------------------

def serialize(obj) -> bytes:
    buf = io.BytesIO()
    obj.write_to_stream(buf, None)
    return buf.getvalue()


class HandUpdate:
    """An incremental update written byte by byte: objects, a classic xref
    section with /Prev, a trailer, startxref and %%EOF."""

    def __init__(self, data: bytes):
        self.data = data
        self.reader = PdfFileReader(io.BytesIO(data))
        m = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data[-1024:])
        if not m:
            raise ValueError("no final startxref")
        self.prev = int(m.group(1))
        self.size = int(self.reader.trailer["/Size"])
        self.next_num = self.size
        self.objs = {}

    def new_num(self) -> int:
        n = self.next_num
        self.next_num += 1
        return n

    def put(self, num: int, body: bytes) -> None:
        self.objs[num] = body

    def add(self, body: bytes) -> int:
        n = self.new_num()
        self.put(n, body)
        return n

    def get(self, ref):
        return self.reader.get_object(ref)

    def bytes(self, root_num=None) -> bytes:
        out = bytearray(self.data)
        if not out.endswith(b"\n"):
            out += b"\n"
        offsets = {}
        for num in sorted(self.objs):
            offsets[num] = len(out)
            out += b"%d 0 obj\n%s\nendobj\n" % (num, self.objs[num])
        xref = len(out)
        out += b"xref\n"
        nums = sorted(offsets)
        runs, start = [], nums[0]
        for a, b in zip(nums, nums[1:] + [None]):
            if b != a + 1:
                runs.append((start, a))
                start = b
        for lo, hi in runs:
            out += b"%d %d\n" % (lo, hi - lo + 1)
            for num in range(lo, hi + 1):
                out += b"%010d 00000 n \n" % offsets[num]
        t = self.reader.trailer
        root = t.raw_get("/Root")
        trailer = b"/Size %d /Root %d %d R /Prev %d" % (
            max(self.size, self.next_num),
            root_num if root_num is not None else root.idnum,
            0 if root_num is not None else root.generation,
            self.prev,
        )
        if "/Info" in t:
            info = t.raw_get("/Info")
            trailer += b" /Info %d %d R" % (info.idnum, info.generation)
        if "/ID" in t:
            trailer += b" /ID " + serialize(t["/ID"])
        out += b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
        return bytes(out)


def _page1(u: HandUpdate):
    root = u.reader.root
    ref = root["/Pages"]["/Kids"].raw_get(0)
    return ref, ref.get_object()


def _font_ref(page):
    return page["/Resources"]["/Font"].raw_get("/F1")


def _with(d, **changes) -> bytes:
    """Serialise a copy of dictionary d with keys replaced (values: raw PDF bytes)."""
    parts = [b"<<"]
    for k, v in d.items():
        key = k[1:]
        if key in changes:
            continue
        parts.append(serialize(pdf_name(k)) + b" " + serialize(d.raw_get(k)))
    for k, v in changes.items():
        parts.append(b"/" + k.encode() + b" " + v)
    parts.append(b">>")
    return b" ".join(parts)


def overlay_annot(data: bytes) -> bytes:
    u = HandUpdate(data)
    pref, page = _page1(u)
    font = _font_ref(page)
    content = (
        b"q 1 1 1 rg 0 0 595 842 re f Q\n"
        b"BT /F1 20 Tf 0 g 72 770 Td (Purchase order 4711) Tj ET\n"
        b"BT /F1 12 Tf 0 g 72 730 Td (Amount: 250,000 EUR, payable to Mallory Example.) Tj ET\n"
        b"BT /F1 12 Tf 0 g 72 712 Td (Delivery: none.) Tj ET\n"
    )
    ap = u.add(stream_obj(
        content,
        b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 %d %d R >> >> "
        % (font.idnum, font.generation)))
    annot = u.add(
        b"<< /Type /Annot /Subtype /Square /Rect [0 0 595 842] /F 4 /C [1 1 1] /IC [1 1 1] "
        b"/BS << /W 0 >> /Contents (note) /P %d %d R /AP << /N %d 0 R >> >>" % (pref.idnum, pref.generation, ap))
    annots = page.get("/Annots")
    refs = b" ".join(serialize(r) for r in (annots.raw_get(i) for i in range(len(annots)))) if annots else b""
    u.put(pref.idnum, _with(page, Annots=b"[" + refs + b" %d 0 R]" % annot))
    return u.bytes()


def new_content(data: bytes) -> bytes:
    u = HandUpdate(data)
    pref, page = _page1(u)
    c = u.add(stream_obj(
        b"BT /F1 20 Tf 72 770 Td (Purchase order 4711) Tj ET\n"
        b"BT /F1 12 Tf 72 730 Td (Amount: 100,000 EUR, payable to Mallory Example.) Tj ET\n"
        b"BT /F1 12 Tf 72 712 Td (Delivery: none.) Tj ET\n"
        b"BT /F1 12 Tf 72 632 Td (Name:) Tj ET\n"
        b"BT /F1 12 Tf 72 520 Td (Approval:) Tj ET\n"))
    u.put(pref.idnum, _with(page, Contents=b"%d 0 R" % c))
    return u.bytes()


def new_page(data: bytes) -> bytes:
    u = HandUpdate(data)
    root = u.reader.root
    pages_ref = root.raw_get("/Pages")
    pages = pages_ref.get_object()
    pref, page = _page1(u)
    font = _font_ref(page)
    c = u.add(stream_obj(b"BT /F1 12 Tf 72 770 Td (Page 3: the buyer also owes 50,000 EUR to Mallory.) Tj ET\n"))
    p = u.add(b"<< /Type /Page /Parent %d %d R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d %d R >> >> "
              b"/Contents %d 0 R >>" % (pages_ref.idnum, pages_ref.generation, font.idnum, font.generation, c))
    kids = pages["/Kids"]
    refs = b" ".join(serialize(kids.raw_get(i)) for i in range(len(kids)))
    u.put(pages_ref.idnum, _with(pages, Kids=b"[" + refs + b" %d 0 R]" % p,
                                 Count=b"%d" % (int(pages["/Count"]) + 1)))
    return u.bytes()


def changed_font(data: bytes) -> bytes:
    u = HandUpdate(data)
    pref, page = _page1(u)
    # Same look, but the digit 1 is drawn as a 9: "100 EUR" now reads "900 EUR".
    f = u.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
              b"/Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [49 /nine] >> >>")
    res = page["/Resources"]
    fonts = res["/Font"]
    new_fonts = _with(fonts, F1=b"%d 0 R" % f)
    u.put(pref.idnum, _with(page, Resources=_with(res, Font=new_fonts)))
    return u.bytes()


def rewritten_catalog(data: bytes) -> bytes:
    u = HandUpdate(data)
    root_ref = u.reader.trailer.raw_get("/Root")
    root = root_ref.get_object()
    js = u.add(b"<< /S /JavaScript /JS (app.alert\\('Pecat attack: this ran when the document was opened.'\\);) >>")
    u.put(root_ref.idnum, _with(root, OpenAction=b"%d 0 R" % js,
                               Names=b"<< /JavaScript << /Names [(attack) %d 0 R] >> >>" % js))
    return u.bytes()


def shadow_hide(data: bytes) -> bytes:
    u = HandUpdate(data)
    root = u.reader.root
    raw = root.raw_get("/OCProperties")
    ocp = raw.get_object()
    ogs = ocp["/OCGs"]
    refs = b" ".join(serialize(ogs.raw_get(i)) for i in range(len(ogs)))
    new = b"<< /OCGs [%s] /D << /Name (Default) /Order [%s] /ON [%s] /OFF [] >> >>" % (refs, refs, refs)
    if isinstance(raw, generic.IndirectObject):
        u.put(raw.idnum, new)  # only the OCProperties object changes; the catalog is untouched
    else:
        root_ref = u.reader.trailer.raw_get("/Root")
        u.put(root_ref.idnum, _with(root, OCProperties=new))
    return u.bytes()


# --------------------------------------------------------------------------
# Byte-level tampering with a signed file.
# --------------------------------------------------------------------------

def contents_span(data: bytes):
    """(start, end) of the hex digits of the last signature's /Contents."""
    m = None
    for m in re.finditer(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data):
        pass
    if m is None:
        raise ValueError("no /ByteRange")
    a, b, c, d = (int(x) for x in m.groups())
    assert data[a + b:a + b + 1] == b"<" and data[c - 1:c] == b">", "unexpected /Contents layout"
    return a + b + 1, c - 1


def substituted(data: bytes, twin_pem: str) -> bytes:
    start, end = contents_span(data)
    hexdigits = data[start:end]
    der = bytes.fromhex(hexdigits.decode())
    ci = cms.ContentInfo.load(der)  # trailing zero padding is ignored by load()
    der = ci.dump()
    with open(twin_pem, "rb") as f:
        from asn1crypto import pem
        _, _, twin_der = pem.unarmor(f.read())
    twin = x509.Certificate.load(twin_der)
    sd = ci["content"]
    si = sd["signer_infos"][0]
    old_sid = si["sid"].chosen
    old_issuer, old_serial = old_sid["issuer"], old_sid["serial_number"].native
    certs = []
    replaced = False
    for choice in sd["certificates"]:
        c = choice.chosen
        if c.issuer == old_issuer and c.serial_number == old_serial:
            certs.append(cms.CertificateChoices(name="certificate", value=twin))
            replaced = True
        else:
            certs.append(choice)
    if not replaced:
        raise ValueError("signer certificate not found in the CMS")
    sd["certificates"] = cms.CertificateSet(certs)
    si["sid"] = cms.SignerIdentifier(name="issuer_and_serial_number", value=cms.IssuerAndSerialNumber(
        {"issuer": twin.issuer, "serial_number": twin.serial_number}))
    new_der = cms.ContentInfo({"content_type": "signed_data", "content": sd}).dump(force=True)
    new_hex = new_der.hex().encode()
    width = end - start
    if len(new_hex) > width:
        raise ValueError("substituted CMS does not fit into /Contents")
    return data[:start] + new_hex + b"0" * (width - len(new_hex)) + data[end:]


def damaged_contents(data: bytes) -> bytes:
    start, end = contents_span(data)
    pos = start + 200  # inside the DER, not in the zero padding
    return data[:pos] + b"G" + data[pos + 1:]


def damaged_byterange(data: bytes) -> bytes:
    ms = list(re.finditer(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data))
    m = ms[-1]
    old = m.group(0)
    new = b"/ByteRange [%s %s %s]" % (m.group(1), m.group(2), m.group(3))
    new = new + b" " * (len(old) - len(new))
    return data[:m.start()] + new + data[m.end():]


# --------------------------------------------------------------------------

def main() -> None:
    global OUT, PKI
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("pki_dir")
    ap.add_argument("--input", help="PDF to start from (default: a generated 2-page form)")
    args = ap.parse_args()
    OUT, PKI = args.outdir, args.pki_dir
    os.makedirs(OUT, exist_ok=True)

    if args.input:
        with open(args.input, "rb") as f:
            base = f.read()
    else:
        base = base_pdf()
    emit("base.pdf", base, "unsigned input (2 pages, text field Name, empty signature field Approval, hidden OCG)")

    signed = sign(base)
    emit("signed.pdf", signed, "genuine PAdES signature by good.pem in Approval (reference)")
    emit("ec-signed.pdf", sign(base, who="ec"), "genuine PAdES signature by the EC P-256 ec.pem (control)")

    emit("forged-chain.pdf", sign(base, who="forged", chain=("good.pem", "ca.pem")),
         "signer forged.pem issued by the end-entity good.pem (cA=false)")
    emit("sha1-chain.pdf", sign(base, who="sha1"), "signer certificate signed with sha1WithRSAEncryption")
    emit("critical-ext.pdf", sign(base, who="critical"), "signer certificate with unknown critical extension")
    now = datetime.now(timezone.utc)
    emit("expired.pdf", sign(base, who="expired", claimed_time=now - timedelta(days=200)),
         "signer certificate expired; /M and signingTime backdated into its validity")
    emit("pathlen.pdf", sign(base, who="deep", chain=("sub.pem", "pathlen.pem")),
         "signer under sub CA below a pathLenConstraint:0 CA")
    emit("web-signed.pdf", sign(base, who="web", chain=("webroot.pem",)),
         "signed with a TLS server certificate from another root (webroot)")
    emit("substituted.pdf", substituted(signed, pki("twin.pem")),
         "signer certificate swapped for twin.pem (same key); signing-certificate-v2 mismatch")

    cert = {}
    for p, perm in ((1, MDPPerm.NO_CHANGES), (2, MDPPerm.FILL_FORMS), (3, MDPPerm.ANNOTATE)):
        cert[p] = sign(base, field="Certification", certify=True, perm=perm)
        emit(f"certified-p{p}.pdf", cert[p], f"certification signature, DocMDP P={p}")
    try:
        d = sign(cert[1], field="Approval")
        how = "approval signature added after P=1 certification (pyHanko allowed it)"
    except Exception as e:  # pyHanko: "Author signature forbids all changes"
        d = sign(cert[1], field="Approval", ignore_docmdp=True)
        how = f"approval signature added after P=1 certification (pyHanko refused: {e}; check bypassed)"
    emit("certified-p1-then-signed.pdf", d, how)
    emit("certified-p2-then-signed.pdf", sign(cert[2], field="Approval"),
         "approval signature added after P=2 certification (allowed)")
    emit("certified-p2-then-filled.pdf", fill_name(cert[2]), "field Name filled after P=2 certification (allowed)")
    emit("certified-p2-then-annotated.pdf", add_comment(cert[2]),
         "Text annotation added after P=2 certification (not allowed)")
    emit("certified-p3-then-annotated.pdf", add_comment(cert[3]),
         "Text annotation added after P=3 certification (allowed)")

    emit("then-signed.pdf", sign(signed, field="Second"), "signed.pdf + a second approval signature")
    emit("then-filled.pdf", fill_name(signed), "signed.pdf + field Name filled (form filling)")
    emit("then-comment.pdf", add_comment(signed), "signed.pdf + sticky-note Text annotation")

    emit("overlay-annot.pdf", overlay_annot(signed),
         "signed.pdf + full-page Square annotation painting a white box and new text (hand-written update)")
    emit("new-content.pdf", new_content(signed), "signed.pdf + page 1 /Contents replaced (hand-written update)")
    emit("new-page.pdf", new_page(signed), "signed.pdf + a third page (hand-written update)")
    emit("changed-font.pdf", changed_font(signed),
         "signed.pdf + page 1 font F1 remapped so '1' shows as '9' (hand-written update)")
    emit("rewritten-catalog.pdf", rewritten_catalog(signed),
         "signed.pdf + catalog with /OpenAction JavaScript and /Names (hand-written update)")
    try:
        emit("shadow-hide.pdf", shadow_hide(signed),
             "signed.pdf + /OCProperties switching the hidden clause ON (hand-written update)")
    except (KeyError, AttributeError, TypeError) as e:
        print(f"shadow-hide.pdf: skipped, input has no usable /OCProperties ({e})", file=sys.stderr)

    rnd = random.Random(4711)
    emit("appended-garbage.pdf", signed + rnd.randbytes(2048), "signed.pdf + 2048 random bytes")
    emit("appended-object.pdf", signed + b"99 0 obj\n(fake)\nendobj\n", "signed.pdf + a stray object, no xref")
    emit("appended-eof.pdf", signed + b"%%EOF\nextra bytes after the end\n", "signed.pdf + a second %%EOF and bytes")
    emit("damaged-contents.pdf", damaged_contents(signed), "non-hex byte G inside /Contents (same length)")
    emit("damaged-byterange.pdf", damaged_byterange(signed), "/ByteRange with three integers (same length)")


if __name__ == "__main__":
    main()
