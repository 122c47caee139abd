"""Debian's python3-sentry-sdk (1.9.10) against Homeport: sends errors through /store/ (gzip JSON),
messages, a handled exception chain and a user, then flushes. Run by sentry-python.test.mjs with
SENTRY_DSN set; prints the event ids it captured as JSON."""
import json
import os
import sys

import sentry_sdk


def charge(order):
    raise ValueError("card declined for order %d" % order)


def main():
    sentry_sdk.init(dsn=os.environ["SENTRY_DSN"], release="shop@1.0.0", environment="interop",
                    default_integrations=False, auto_session_tracking=False)
    sentry_sdk.set_user({"id": "customer-7", "email": "c7@example.com"})
    sentry_sdk.set_tag("region", "eu-west")
    ids = {"same_site": [], "chain": None, "message": []}
    for order in (1, 2, 3):
        try:
            charge(order)
        except ValueError:
            ids["same_site"].append(sentry_sdk.capture_exception())
    try:
        try:
            {}["missing"]
        except KeyError as error:
            raise RuntimeError("lookup failed") from error
    except RuntimeError:
        ids["chain"] = sentry_sdk.capture_exception()
    ids["message"].append(sentry_sdk.capture_message("Queue depth 1200 over limit", level="warning"))
    ids["message"].append(sentry_sdk.capture_message("Queue depth 1750 over limit", level="warning"))
    sentry_sdk.flush(timeout=10)
    json.dump(ids, sys.stdout)


if __name__ == "__main__":
    main()
