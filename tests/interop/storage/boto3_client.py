# Debian's python3-boto3 against Homeport's storage service (run by boto3.test.mjs with the
# endpoint and keys in the environment). Asserts as it goes and prints what it saw as JSON.
import hashlib
import io
import json
import os
import urllib.error
import urllib.request

import boto3
import botocore
from boto3.s3.transfer import TransferConfig
from botocore.client import Config
from botocore.exceptions import ClientError

endpoint = os.environ['S3_ENDPOINT']


def client(secret=None):
    return boto3.client(
        's3', endpoint_url=endpoint, region_name='us-east-1',
        aws_access_key_id=os.environ['S3_ACCESS_KEY'],
        aws_secret_access_key=secret or os.environ['S3_SECRET_KEY'],
        config=Config(s3={'addressing_style': 'path'}, signature_version='s3v4', retries={'max_attempts': 1}))


def error_code(call):
    try:
        call()
    except ClientError as e:
        return e.response['Error']['Code']
    raise AssertionError('expected an error')


s3 = client()
seen = {'botocore': botocore.__version__}

s3.create_bucket(Bucket='boto-bucket')
assert error_code(lambda: s3.create_bucket(Bucket='boto-bucket')) == 'BucketAlreadyOwnedByYou'
s3.head_bucket(Bucket='boto-bucket')

s3.put_object(Bucket='boto-bucket', Key='notes/ünï code.txt', Body=b'hello boto', ContentType='text/plain',
              Metadata={'origin': 'boto3'}, CacheControl='no-cache')
got = s3.get_object(Bucket='boto-bucket', Key='notes/ünï code.txt')
assert got['Body'].read() == b'hello boto'
assert got['Metadata'] == {'origin': 'boto3'}, got['Metadata']
assert got['ContentType'] == 'text/plain'
assert got['CacheControl'] == 'no-cache'
part = s3.get_object(Bucket='boto-bucket', Key='notes/ünï code.txt', Range='bytes=6-')
assert part['Body'].read() == b'boto'
assert part['ContentRange'] == 'bytes 6-9/10'

s3.copy_object(Bucket='boto-bucket', Key='copy.txt', CopySource={'Bucket': 'boto-bucket', 'Key': 'notes/ünï code.txt'})
assert s3.head_object(Bucket='boto-bucket', Key='copy.txt')['Metadata'] == {'origin': 'boto3'}

# Listing: boto3 asks for encoding-type=url and decodes the keys itself.
for i in range(1205):
    s3.put_object(Bucket='boto-bucket', Key=f'many/{i:05d} +%', Body=b'x')
keys = []
for page in s3.get_paginator('list_objects_v2').paginate(Bucket='boto-bucket', Prefix='many/'):
    keys += [o['Key'] for o in page.get('Contents', [])]
assert keys == [f'many/{i:05d} +%' for i in range(1205)], keys[:3]
v1 = []
for page in s3.get_paginator('list_objects').paginate(Bucket='boto-bucket', Prefix='many/', PaginationConfig={'PageSize': 500}):
    v1 += [o['Key'] for o in page.get('Contents', [])]
assert v1 == keys
folders = s3.list_objects_v2(Bucket='boto-bucket', Delimiter='/')
assert [p['Prefix'] for p in folders['CommonPrefixes']] == ['many/', 'notes/'], folders
seen['listed'] = len(keys)

deleted = s3.delete_objects(Bucket='boto-bucket', Delete={'Objects': [{'Key': k} for k in keys[:1000]]})
assert len(deleted['Deleted']) == 1000
seen['deleted'] = len(deleted['Deleted'])

# Multipart through the transfer manager: 3 parts of 5 MiB.
data = hashlib.sha256(b'seed').digest() * (15 * 1024 * 1024 // 32 + 100)
s3.upload_fileobj(io.BytesIO(data), 'boto-bucket', 'big.bin',
                  Config=TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024, use_threads=False))
head = s3.head_object(Bucket='boto-bucket', Key='big.bin')
assert head['ContentLength'] == len(data)
assert head['ETag'].endswith('-4"'), head['ETag']
out = io.BytesIO()
s3.download_fileobj('boto-bucket', 'big.bin', out)
assert hashlib.sha256(out.getvalue()).hexdigest() == hashlib.sha256(data).hexdigest()
seen['multipart_etag'] = head['ETag']

# Presigned URLs fetched with plain urllib.
url = s3.generate_presigned_url('get_object', Params={'Bucket': 'boto-bucket', 'Key': 'copy.txt'}, ExpiresIn=300)
with urllib.request.urlopen(url) as r:
    assert r.read() == b'hello boto'
put_url = s3.generate_presigned_url('put_object', Params={'Bucket': 'boto-bucket', 'Key': 'presigned.txt'}, ExpiresIn=300)
with urllib.request.urlopen(urllib.request.Request(put_url, data=b'via urllib', method='PUT')) as r:
    assert r.status == 200
assert s3.get_object(Bucket='boto-bucket', Key='presigned.txt')['Body'].read() == b'via urllib'
try:
    urllib.request.urlopen(url.replace('copy.txt', 'copy.txT'))
    raise AssertionError('a tampered URL was accepted')
except urllib.error.HTTPError as e:
    assert e.code == 403
    assert b'<Code>SignatureDoesNotMatch</Code>' in e.read()

# Tagging, a public-read bucket policy read with unsigned urllib, and a browser form upload
# from generate_presigned_post posted as multipart/form-data.
s3.put_object(Bucket='boto-bucket', Key='tagged.txt', Body=b'tagged', Tagging='team=storage&tier=gold')
assert s3.get_object(Bucket='boto-bucket', Key='tagged.txt')['TagCount'] == 2
s3.put_object_tagging(Bucket='boto-bucket', Key='tagged.txt', Tagging={'TagSet': [{'Key': 'tier', 'Value': 'silver'}]})
assert s3.get_object_tagging(Bucket='boto-bucket', Key='tagged.txt')['TagSet'] == [{'Key': 'tier', 'Value': 'silver'}]
assert error_code(lambda: s3.put_object_tagging(Bucket='boto-bucket', Key='tagged.txt', Tagging={
    'TagSet': [{'Key': f'k{i}', 'Value': 'v'} for i in range(11)]})) == 'InvalidTag'
seen['tags'] = s3.get_object_tagging(Bucket='boto-bucket', Key='tagged.txt')['TagSet']

public_url = f'{endpoint}/boto-bucket/tagged.txt'
def anonymous_status(url):
    try:
        with urllib.request.urlopen(url) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
assert anonymous_status(public_url) == 403
s3.put_bucket_policy(Bucket='boto-bucket', Policy=json.dumps({'Version': '2012-10-17', 'Statement': [
    {'Effect': 'Allow', 'Principal': '*', 'Action': 's3:GetObject', 'Resource': 'arn:aws:s3:::boto-bucket/*'}]}))
assert s3.get_bucket_policy_status(Bucket='boto-bucket')['PolicyStatus']['IsPublic'] is True
assert anonymous_status(public_url) == 200
s3.delete_bucket_policy(Bucket='boto-bucket')
assert anonymous_status(public_url) == 403
assert error_code(lambda: s3.put_bucket_policy(Bucket='boto-bucket', Policy=json.dumps({'Statement': [
    {'Effect': 'Allow', 'Principal': '*', 'Action': 's3:*', 'Resource': 'arn:aws:s3:::boto-bucket/*'}]}))) == 'MalformedPolicy'

post = s3.generate_presigned_post('boto-bucket', 'posted/${filename}', Fields={'success_action_status': '201'},
                                  Conditions=[{'success_action_status': '201'}, ['content-length-range', 1, 1024]], ExpiresIn=300)
def post_form(fields, file_body):
    boundary = 'homeportboundary7d1'
    body = b''
    for name, value in fields.items():
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    body += f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="boto.txt"\r\nContent-Type: text/plain\r\n\r\n'.encode()
    body += file_body + f'\r\n--{boundary}--\r\n'.encode()
    request = urllib.request.Request(post['url'], data=body, method='POST',
                                     headers={'Content-Type': f'multipart/form-data; boundary={boundary}'})
    try:
        with urllib.request.urlopen(request) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
status, answer = post_form(post['fields'], b'posted by boto3')
assert status == 201, answer
assert b'<Key>posted/boto.txt</Key>' in answer, answer
assert s3.get_object(Bucket='boto-bucket', Key='posted/boto.txt')['Body'].read() == b'posted by boto3'
status, answer = post_form(post['fields'], b'x' * 1025)
assert status == 400 and b'<Code>EntityTooLarge</Code>' in answer, answer
status, answer = post_form({**post['fields'], 'success_action_status': '200'}, b'x')
assert status == 403 and b'<Code>AccessDenied</Code>' in answer, answer
seen['posted'] = True

assert error_code(lambda: client('wrong-secret').list_buckets()) == 'SignatureDoesNotMatch'
assert error_code(lambda: s3.get_object(Bucket='boto-bucket', Key='missing')) == 'NoSuchKey'
assert error_code(lambda: s3.delete_bucket(Bucket='boto-bucket')) == 'BucketNotEmpty'
seen['buckets'] = sorted(b['Name'] for b in s3.list_buckets()['Buckets'])
print(json.dumps(seen))
