#!/usr/bin/env python3
"""Reads .eml files with Python's own `email` parser (the stdlib's, policy default) and
prints what `tests/send.rs` checks, as JSON: headers, both alternatives, attachments with
the name from Content-Type and from Content-Disposition and the SHA-256 of their bytes."""

import email
import email.policy
import hashlib
import json
import sys


def summary(path):
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    out = {"defects": [str(d) for d in msg.defects]}
    for h in ["From", "To", "Cc", "Reply-To", "Subject", "Message-ID", "Date", "X-Unsent",
              "MIME-Version"]:
        out[h] = str(msg[h]) if msg[h] is not None else None
    out["content_type"] = msg.get_content_type()
    plain = msg.get_body(preferencelist=("plain",))
    html = msg.get_body(preferencelist=("html",))
    out["text"] = plain.get_content() if plain is not None else None
    out["html"] = html.get_content() if html is not None else None
    atts = []
    for part in msg.iter_attachments():
        payload = part.get_payload(decode=True)
        atts.append({
            "content_type": part.get_content_type(),
            "type_name": part.get_param("name"),
            "filename": part.get_filename(),
            "sha256": hashlib.sha256(payload).hexdigest(),
            "bytes": len(payload),
        })
    out["attachments"] = atts
    for part in msg.walk():
        out["defects"] += [str(d) for d in part.defects]
    # email decodes RFC 2047 in Content-Type's name= only through the header registry.
    for a, part in zip(atts, msg.iter_attachments()):
        raw = part.get_param("name")
        if isinstance(raw, str) and raw.startswith("=?"):
            a["type_name"] = str(email.header.make_header(email.header.decode_header(raw)))
    return out


import email.header  # noqa: E402

print(json.dumps([summary(p) for p in sys.argv[1:]]))
