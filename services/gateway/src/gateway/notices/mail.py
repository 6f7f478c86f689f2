"""A notice as an email (plain text and HTML from the templates, in the recipient's
language) and its sending over SMTP with aiosmtplib."""

from __future__ import annotations

from collections.abc import Mapping
from email.message import EmailMessage
from email.policy import SMTP, default
from email.utils import formatdate, make_msgid, parseaddr
from typing import Any

import aiosmtplib
from jinja2 import Environment, PackageLoader, select_autoescape

from clusterkit.i18n import gettext
from gateway.notices.messages import GREETING, MESSAGES, OPT_OUT

_templates = Environment(
    loader=PackageLoader("gateway.notices", "templates"),
    autoescape=select_autoescape(["html"]),
    keep_trailing_newline=True,
)


# Long headers (the opt-out link) as they are: folded, a URL would become encoded words
# that mail clients do not read as a link (RFC 5322 allows 998 characters).
POLICY = default.clone(max_line_length=998)


class Params(dict[str, Any]):
    """Event fields for ``{name}``; a field an event lacks shows as a dash."""

    def __missing__(self, key: str) -> str:
        return "-"


def _say(language: str, msgid: str, params: Mapping[str, Any]) -> str:
    return gettext(language, msgid).format_map(Params(params))


def compose(
    kind: str,
    *,
    to: str,
    sender: str,
    language: str,
    params: Mapping[str, Any],
    opt_out_url: str,
    notice_id: int,
    domain: str,
) -> EmailMessage:
    subject, lines = MESSAGES[kind]
    values = {**params, "opt_out_url": opt_out_url}
    said = {
        "language": language,
        "greeting": gettext(language, GREETING),
        "lines": [_say(language, line, values) for line in lines],
        "footer": _say(language, OPT_OUT, values),
    }
    message = EmailMessage(policy=POLICY)
    message["Subject"] = _say(language, subject, values)
    message["From"] = sender
    message["To"] = to
    message["Date"] = formatdate(localtime=False)
    # One Message-ID per notice: a receiver that sees it twice knows it is the same mail.
    message["Message-ID"] = make_msgid(idstring=f"notice-{notice_id}", domain=domain)
    message["Content-Language"] = language
    # RFC 8058 one-click unsubscribe, as mail clients offer it.
    message["List-Unsubscribe"] = f"<{opt_out_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(_templates.get_template("notice.txt").render(said))
    message.add_alternative(_templates.get_template("notice.html").render(said), subtype="html")
    return message


# What a failed hand-over raises: the sender retries the notice.
SEND_FAILURES = (OSError, aiosmtplib.SMTPException)


async def send(message: EmailMessage, *, host: str, port: int, seconds: float) -> None:
    """Hand the message to the SMTP server (within ``seconds``); raises on any failure."""
    # Flattened here, with the long-line policy (aiosmtplib's own folds at 78).
    await aiosmtplib.send(
        message.as_bytes(policy=SMTP.clone(max_line_length=998)),
        sender=parseaddr(message["From"])[1],
        recipients=[parseaddr(message["To"])[1]],
        hostname=host,
        port=port,
        timeout=seconds,
        start_tls=False,
    )
