"""Signs a PDF with pyHanko, an independent implementation, for Pecat's verification tests.

usage: pyhanko_sign.py KEY.pem CERT.pem CHAIN.pem IN.pdf OUT.pdf (pades|pkcs7)
"""
import sys

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter

key, cert, chain, inp, out, kind = sys.argv[1:7]
signer = signers.SimpleSigner.load(key, cert, ca_chain_files=(chain,), key_passphrase=None)
subfilter = SigSeedSubFilter.PADES if kind == "pades" else SigSeedSubFilter.ADOBE_PKCS7_DETACHED
meta = signers.PdfSignatureMetadata(field_name="OtherTool", subfilter=subfilter, reason="signed by pyHanko")
with open(inp, "rb") as f:
    writer = IncrementalPdfFileWriter(f)
    with open(out, "wb") as o:
        signers.sign_pdf(writer, meta, signer=signer, output=o)
