"""Validates every signature of a PDF with pyHanko and prints one JSON document.

usage: validate.py FILE --trust ROOT.pem [--trust ROOT2.pem ...]

Run with the pyHanko venv python (target/pyhanko/bin/python). Validation time is
now; nothing is fetched and missing revocation information is tolerated
(revocation_mode="soft-fail"). Output:

{"signatures": [{"field", "intact", "valid", "trusted", "coverage",
                 "modification_level", "docmdp_ok", "bottom_line", "error",
                 "signer", "summary", "docmdp"}],
 "error": str|null}

coverage is a SignatureCoverageLevel name (ENTIRE_FILE, ENTIRE_REVISION,
CONTIGUOUS_BLOCK_FROM_START, UNCLEAR), modification_level a ModificationLevel name
(NONE, LTA_UPDATES, FORM_FILLING, ANNOTATIONS, OTHER) and docmdp the
certification permission (1-3) or null. Never raises: a damaged file or signature
is reported in "error" with exit status 0.
"""
import argparse
import json
import logging
import sys
import traceback


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        try:
            self.messages.append(record.getMessage().splitlines()[0])
        except Exception:
            pass


def _name(v):
    return None if v is None else getattr(v, "name", str(v))


def _err(e: BaseException) -> str:
    return f"{type(e).__name__}: {e}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file")
    ap.add_argument("--trust", action="append", default=[], help="trust anchor (PEM or DER); repeatable")
    ap.add_argument("--debug", action="store_true", help="print tracebacks to stderr")
    args = ap.parse_args()
    # pyHanko logs the reason of a failed check (with a traceback) instead of
    # storing it in the status: collect those messages for "error".
    logged = _Collect()
    root_logger = logging.getLogger()
    root_logger.handlers[:] = [logged]
    root_logger.setLevel(logging.WARNING)
    if args.debug:
        root_logger.addHandler(logging.StreamHandler(sys.stderr))
    result = {"signatures": [], "error": None}
    try:
        from pyhanko.keys import load_certs_from_pemder
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko_certvalidator import ValidationContext

        roots = list(load_certs_from_pemder(args.trust))
        with open(args.file, "rb") as f:
            reader = PdfFileReader(f, strict=False)
            sigs = reader.embedded_signatures
            if not sigs:
                result["error"] = "no signatures found"
            for sig in sigs:
                entry = {
                    "field": None, "intact": False, "valid": False, "trusted": False,
                    "coverage": None, "modification_level": None, "docmdp_ok": None,
                    "bottom_line": False, "error": None, "signer": None, "summary": None,
                    "docmdp": None,
                }
                result["signatures"].append(entry)
                logged.messages.clear()
                try:
                    entry["field"] = sig.field_name
                    try:
                        perm = sig.docmdp_level
                        entry["docmdp"] = None if perm is None else int(perm.value)
                    except Exception:
                        pass
                    vc = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
                    status = validate_pdf_signature(sig, signer_validation_context=vc)
                    entry.update(
                        intact=bool(status.intact),
                        valid=bool(status.valid),
                        trusted=bool(status.trusted),
                        coverage=_name(status.coverage),
                        modification_level=_name(status.modification_level),
                        docmdp_ok=status.docmdp_ok,
                        bottom_line=bool(status.bottom_line),
                        summary=status.summary(),
                    )
                    try:
                        entry["signer"] = status.signing_cert.subject.human_friendly
                    except Exception:
                        pass
                    diff = getattr(status, "diff_result", None)
                    if diff is not None and not hasattr(diff, "modification_level"):
                        entry["error"] = f"difference analysis: {_err(diff)}"
                    problem = getattr(status, "trust_problem_indic", None)
                    if problem is not None and entry["error"] is None:
                        entry["error"] = f"trust: {_name(problem)}"
                        if logged.messages:
                            entry["error"] += ": " + logged.messages[-1]
                except Exception as e:  # damaged signature: report, keep going
                    entry["error"] = _err(e)
                    if args.debug:
                        traceback.print_exc()
    except Exception as e:  # damaged file, unreadable anchor, ...
        result["error"] = _err(e)
        if args.debug:
            traceback.print_exc()
    json.dump(result, sys.stdout, indent=None)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    try:
        rc = main()
    except SystemExit:
        raise  # argparse usage errors
    except BaseException as e:  # last resort: still one JSON document
        sys.stdout.write(json.dumps({"signatures": [], "error": _err(e)}) + "\n")
        rc = 0
    sys.exit(rc)
