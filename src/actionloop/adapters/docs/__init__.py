"""Word documents from a case: the activity plan, the case log and the audit report.

Built by code with python-docx from a view of the case (``actionloop.docview``); Jinja2 only for
the text fragments in ``templates/docx/``. What the API and the command line call:

* :func:`activity_plan_docx` — the aktivitetsplan of a case (a version, or the latest);
* :func:`case_log_docx` — the saksgang with the audit's findings and the events' checksum;
* :func:`audit_report_docx` — findings per duty over many cases, for a unit or an owner;
* :func:`docx_to_pdf` — PDF through LibreOffice, when installed;
* :func:`safe_filename` and the media types, for downloads.

Every builder takes ``family=True`` (plan and log) for the family's copy, where other children's
names and ids are replaced by a neutral word, and ``letterhead=`` (an owner's .docx) whose page
header and footer are kept.

(The function ``render.render`` is not imported here: the name would hide the module ``render``.)
"""

from actionloop.adapters.docs.activity_plan import activity_plan_docx, build_activity_plan, plan_view, select_plan
from actionloop.adapters.docs.audit_report import (
    ReportScope,
    audit_report_docx,
    audit_report_view,
    build_audit_report,
    select_cases,
)
from actionloop.adapters.docs.base import LetterheadError
from actionloop.adapters.docs.case_log import build_case_log, case_log_docx, log_view
from actionloop.adapters.docs.files import content_disposition, safe_filename, write_atomic
from actionloop.adapters.docs.pdf import PDF_MEDIA_TYPE, PdfConversionError, PdfUnavailable, docx_to_pdf, find_soffice
from actionloop.adapters.docs.render import DOCX_MEDIA_TYPE, render_bytes, to_bytes

__all__ = [
    "DOCX_MEDIA_TYPE",
    "PDF_MEDIA_TYPE",
    "LetterheadError",
    "PdfConversionError",
    "PdfUnavailable",
    "ReportScope",
    "activity_plan_docx",
    "audit_report_docx",
    "audit_report_view",
    "build_activity_plan",
    "build_audit_report",
    "build_case_log",
    "case_log_docx",
    "content_disposition",
    "docx_to_pdf",
    "find_soffice",
    "log_view",
    "plan_view",
    "render_bytes",
    "safe_filename",
    "select_cases",
    "select_plan",
    "to_bytes",
    "write_atomic",
]
