"""Makes browser form-upload fields the SigV2 way with Debian's python3-boto (boto 2.49):
S3Connection.build_post_form_args gives the policy, AWSAccessKeyId and the HMAC-SHA1 signature
that browsers post to S3. Prints its result as JSON for sigv2-post.test.mjs, which posts the form.

Reads one JSON argument: port, access, secret, bucket, key, max (content-length limit), fields
and conditions (boto's own shapes).

boto 2.49 base64-encodes the policy text as a str, which Python 3's base64 refuses (TypeError:
a bytes-like object is required); the shim below gives it bytes and hands back text, as
Python 2 did. Everything else, the policy and its signature included, is boto's own code.
"""
import base64
import json
import sys

import boto.s3.connection as connection


class _Base64OfText:
    @staticmethod
    def b64encode(value):
        return base64.b64encode(value.encode() if isinstance(value, str) else value).decode()


connection.base64 = _Base64OfText

args = json.loads(sys.argv[1])
conn = connection.S3Connection(args["access"], args["secret"], host="127.0.0.1", port=args["port"],
                               is_secure=False, calling_format=connection.OrdinaryCallingFormat())
assert type(conn._auth_handler).__name__ == "HmacAuthV1Handler", conn._auth_handler
form = conn.build_post_form_args(args["bucket"], args["key"], expires_in=args.get("expires", 600),
                                 max_content_length=args.get("max"), fields=args.get("fields", []),
                                 conditions=args.get("conditions", []))
print(json.dumps(form))
