#!/usr/bin/env python3
"""Renders a draft (.eml) the way a mail client shows it, as one HTML page: the header
pane (From, To, Cc, Subject, attachments with their names) above the HTML body. Used to
make docs/img/email-draft.png:

  python3 tests/smtp/preview.py drafts/eng-1001-contoso-ltd.eml > /tmp/draft.html
  chromium --headless --no-sandbox --disable-gpu --window-size=900,640 \
      --screenshot=docs/img/email-draft.png /tmp/draft.html
"""

import email
import email.policy
import html
import sys

with open(sys.argv[1], "rb") as f:
    msg = email.message_from_binary_file(f, policy=email.policy.default)

body = msg.get_body(preferencelist=("html",)).get_content()
inner = body.split("<body", 1)[1].split(">", 1)[1].rsplit("</body>", 1)[0]
atts = []
for part in msg.iter_attachments():
    size = len(part.get_payload(decode=True))
    atts.append("<span style='display:inline-block;border:1px solid #c8c8c8;border-radius:4px;"
                "padding:6px 10px;margin:4px 6px 0 0;font-size:12px;background:#fafafa'>"
                "<b style='color:#a4262c'>PDF</b> %s <span style='color:#777'>(%d KB)</span></span>"
                % (html.escape(part.get_filename()), size // 1024))
rows = "".join(
    "<tr><td style='color:#666;padding:2px 12px 2px 0;vertical-align:top'>%s</td><td>%s</td></tr>"
    % (k, html.escape(str(msg[k]))) for k in ["From", "To", "Cc", "Reply-To"] if msg[k])
print("""<!DOCTYPE html><html><head><meta charset="utf-8"></head>
<body style="margin:0;background:#f3f3f3;font-family:Arial,Helvetica,sans-serif">
<div style="max-width:820px;margin:16px auto;background:#fff;border:1px solid #ddd">
<div style="padding:14px 24px;border-bottom:1px solid #e3e3e3;background:#fbfbfb">
<div style="font-size:11px;color:#a4262c;margin-bottom:6px">Draft (X-Unsent: %s) — review, then Send</div>
<div style="font-size:20px;margin-bottom:8px">%s</div>
<table style="font-size:13px;border-collapse:collapse">%s</table>
<div style="margin-top:6px">%s</div></div>
%s</div></body></html>""" % (html.escape(str(msg["X-Unsent"])), html.escape(str(msg["Subject"])),
                             rows, "".join(atts), inner))
