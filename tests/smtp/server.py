#!/usr/bin/env python3
"""A real SMTP server on 127.0.0.1 for `tests/send.rs` (aiosmtpd, Debian python3-aiosmtpd).

STARTTLS required (or TLS from the first byte with --implicit-tls), AUTH required (PLAIN,
LOGIN and XOAUTH2), every accepted message saved as NNNNN.eml plus NNNNN.json (envelope)
in --maildir. --script FILE (JSON) scripts answers per recipient address, one per DATA:
  {"temp@x": ["451", "250"], "bad@x": ["550"], "lost@x": ["drop"]}
"451"/"550" refuse with that code; "drop" saves the message then closes the connection
without answering (the client cannot know it was delivered); "slow" waits 0.3 s then 250.
Prints "READY <port>" on stdout once it accepts connections; runs until killed.
"""

import argparse
import asyncio
import base64
import json
import os
import ssl
import sys
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--maildir", required=True)
    ap.add_argument("--user", default="fm@example.com")
    ap.add_argument("--password", default="s3cret")
    ap.add_argument("--token", default="tok3n")
    ap.add_argument("--script")
    ap.add_argument("--implicit-tls", action="store_true")
    ap.add_argument("--no-starttls", action="store_true")
    a = ap.parse_args()

    script = {}
    if a.script:
        with open(a.script) as f:
            script = json.load(f)
    lock = threading.Lock()
    counter = [0]
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(a.cert, a.key)

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            answer = "250"
            with lock:
                for rcpt in envelope.rcpt_tos:
                    steps = script.get(rcpt)
                    if steps:
                        answer = steps.pop(0)
                        break
            if answer == "451":
                return "451 4.3.0 Mailbox busy, try again later"
            if answer == "550":
                return "550 5.1.1 No such user here"
            with lock:
                counter[0] += 1
                n = counter[0]
            base = os.path.join(a.maildir, "%05d" % n)
            data = envelope.original_content or envelope.content
            with open(base + ".tmp", "wb") as f:
                f.write(data)
            with open(base + ".json.tmp", "w") as f:
                json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                           "authenticated": bool(session.authenticated),
                           "tls": session.ssl is not None, "at": time.time()}, f)
            os.rename(base + ".json.tmp", base + ".json")
            os.rename(base + ".tmp", base + ".eml")
            if answer == "drop":
                server.transport.abort()
                return "250 never seen"
            if answer == "slow":
                await asyncio.sleep(0.3)
            return "250 2.0.0 OK queued as %05d" % n

        async def auth_XOAUTH2(self, server, args):
            # AUTH XOAUTH2 <base64("user=U\x01auth=Bearer T\x01\x01")>
            if len(args) < 2:
                return AuthResult(success=False, handled=False)
            try:
                raw = base64.b64decode(args[1]).decode()
            except Exception:
                return AuthResult(success=False, handled=False)
            ok = raw == "user=%s\x01auth=Bearer %s\x01\x01" % (a.user, a.token)
            return AuthResult(success=ok, handled=False, auth_data=a.user if ok else None)

    def authenticator(server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword):
            ok = auth_data.login == a.user.encode() and auth_data.password == a.password.encode()
            return AuthResult(success=ok, handled=False)
        return AuthResult(success=False, handled=False)

    kwargs = dict(authenticator=authenticator, auth_required=True, auth_require_tls=True)
    if a.implicit_tls:
        # aiosmtpd 1.4 does not count TLS from the first byte as TLS for AUTH's sake; the
        # connection is encrypted all the same.
        kwargs["auth_require_tls"] = False
        controller = Controller(Handler(), hostname="127.0.0.1", port=a.port, ssl_context=ctx,
                                server_hostname="localhost", **kwargs)
    elif a.no_starttls:
        kwargs["auth_require_tls"] = False
        controller = Controller(Handler(), hostname="127.0.0.1", port=a.port, **kwargs)
    else:
        controller = Controller(Handler(), hostname="127.0.0.1", port=a.port, tls_context=ctx,
                                require_starttls=True, **kwargs)
    controller.start()
    print("READY %d" % a.port, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
