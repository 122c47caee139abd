// Scoped access keys and bucket policies with the real @aws-sdk/client-s3 against a real
// headless Homeport: a key limited to one bucket cannot touch another (403 AccessDenied in S3's
// XML), a read-only key cannot write (also through presigned URLs and form uploads), ListBuckets
// shows a key only its buckets, revoked keys stop working and made ones survive a restart; a
// public-read policy lets plain unsigned HTTP read objects (and list, when granted) until it is
// deleted, and policies Homeport would not apply are refused as MalformedPolicy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  S3Client, CreateBucketCommand, ListBucketsCommand, PutObjectCommand, GetObjectCommand, DeleteObjectCommand,
  CopyObjectCommand, ListObjectsV2Command, PutBucketPolicyCommand, GetBucketPolicyCommand,
  DeleteBucketPolicyCommand, GetBucketPolicyStatusCommand, HeadObjectCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { startHomeport } from '../lib/homeport.mjs';
import { storageAdmin, createAccessKey } from './access-keys.mjs';

let homeport;
let dataDir;
let root;
const clients = [];

function client(credentials) {
  const c = new S3Client({
    endpoint: `http://127.0.0.1:${homeport.ports.storage}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials,
    maxAttempts: 1,
  });
  clients.push(c);
  return c;
}

async function rejectsWith(promise, name, status) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.name, name, `${error.name}: ${error.message}`);
    if (status) assert.equal(error.$metadata.httpStatusCode, status);
    return true;
  });
}

const url = (path) => `http://127.0.0.1:${homeport.ports.storage}${path}`;
const start = () => startHomeport({ disable: ['channels', 'errors', 'search', 'inference'], dataDir });

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'homeport-keys-'));
  homeport = await start();
  await homeport.settled();
  root = client({ accessKeyId: homeport.secrets.storage.access_key, secretAccessKey: homeport.secrets.storage.secret_key });
  for (const bucket of ['alpha', 'beta']) {
    await root.send(new CreateBucketCommand({ Bucket: bucket }));
    await root.send(new PutObjectCommand({ Bucket: bucket, Key: 'note.txt', Body: `in ${bucket}`, ContentType: 'text/plain' }));
  }
});

after(async () => {
  for (const c of clients) c.destroy();
  const { code } = await homeport.stop();
  rmSync(dataDir, { recursive: true, force: true });
  assert.equal(code, 0, homeport.log());
});

test('a read-write key limited to one bucket works there and nowhere else', async () => {
  const key = await createAccessKey(homeport, 'alpha writer', ['alpha'], 'read-write');
  assert.match(key.accessKeyId, /^[A-Z0-9]{20}$/);
  const s3 = client(key);
  await s3.send(new PutObjectCommand({ Bucket: 'alpha', Key: 'from-key.txt', Body: 'hello' }));
  const got = await s3.send(new GetObjectCommand({ Bucket: 'alpha', Key: 'from-key.txt' }));
  assert.equal(await got.Body.transformToString(), 'hello');
  await s3.send(new DeleteObjectCommand({ Bucket: 'alpha', Key: 'from-key.txt' }));

  await rejectsWith(s3.send(new GetObjectCommand({ Bucket: 'beta', Key: 'note.txt' })), 'AccessDenied', 403);
  await rejectsWith(s3.send(new PutObjectCommand({ Bucket: 'beta', Key: 'x', Body: 'x' })), 'AccessDenied', 403);
  await rejectsWith(s3.send(new ListObjectsV2Command({ Bucket: 'beta' })), 'AccessDenied', 403);
  await rejectsWith(s3.send(new CreateBucketCommand({ Bucket: 'gamma' })), 'AccessDenied', 403);
  // Copying out of a bucket the key cannot read is refused too.
  await rejectsWith(s3.send(new CopyObjectCommand({ Bucket: 'alpha', Key: 'stolen', CopySource: 'beta/note.txt' })), 'AccessDenied', 403);

  const { Buckets } = await s3.send(new ListBucketsCommand({}));
  assert.deepEqual(Buckets.map((b) => b.Name), ['alpha']);
  const all = await root.send(new ListBucketsCommand({}));
  assert.deepEqual(all.Buckets.map((b) => b.Name), ['alpha', 'beta', 'homeport']);

  // Only the root key manages keys.
  const asScoped = await storageAdmin(homeport, 'GET', '', undefined, key);
  assert.equal(asScoped.status, 403);
  assert.match(asScoped.text, /<Code>AccessDenied<\/Code>/);
});

test('a read-only key reads but cannot write, also through presigned URLs and form uploads', async () => {
  const key = await createAccessKey(homeport, 'beta reader', ['beta'], 'read-only');
  const s3 = client(key);
  const got = await s3.send(new GetObjectCommand({ Bucket: 'beta', Key: 'note.txt' }));
  assert.equal(await got.Body.transformToString(), 'in beta');
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'beta' }));
  assert.deepEqual(listed.Contents.map((o) => o.Key), ['note.txt']);
  await rejectsWith(s3.send(new PutObjectCommand({ Bucket: 'beta', Key: 'new.txt', Body: 'no' })), 'AccessDenied', 403);
  await rejectsWith(s3.send(new DeleteObjectCommand({ Bucket: 'beta', Key: 'note.txt' })), 'AccessDenied', 403);
  await rejectsWith(s3.send(new GetObjectCommand({ Bucket: 'alpha', Key: 'note.txt' })), 'AccessDenied', 403);

  // Presigned URLs carry the signing key's scope.
  const readUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'beta', Key: 'note.txt' }), { expiresIn: 60 });
  assert.equal(await (await fetch(readUrl)).text(), 'in beta');
  const otherBucketUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'alpha', Key: 'note.txt' }), { expiresIn: 60 });
  assert.equal((await fetch(otherBucketUrl)).status, 403);
  const writeUrl = await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'beta', Key: 'presigned.txt' }), { expiresIn: 60 });
  const refused = await fetch(writeUrl, { method: 'PUT', body: 'should not land' });
  assert.equal(refused.status, 403);
  assert.equal(refused.headers.get('content-type'), 'application/xml');
  const xml = await refused.text();
  assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\s*<Error><Code>AccessDenied<\/Code><Message>Access Denied<\/Message>.*<RequestId>[0-9A-F]+<\/RequestId>/s);
  await rejectsWith(root.send(new HeadObjectCommand({ Bucket: 'beta', Key: 'presigned.txt' })), 'NotFound', 404);

  const post = await createPresignedPost(s3, { Bucket: 'beta', Key: 'form.txt', Expires: 60 });
  const form = new FormData();
  for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
  form.append('file', new Blob(['form body']), 'form.txt');
  const posted = await fetch(post.url, { method: 'POST', body: form });
  assert.equal(posted.status, 403);
  assert.match(await posted.text(), /<Code>AccessDenied<\/Code>/);
});

test('keys are listed without secrets, revoked, and kept across a restart in a 0600 file', async () => {
  const keep = await createAccessKey(homeport, 'kept', ['alpha', 'beta'], 'read-only');
  const gone = await createAccessKey(homeport, 'revoked', ['*'], 'read-write');
  const listed = await storageAdmin(homeport, 'GET', '');
  assert.equal(listed.status, 200);
  const names = listed.json.keys.map((k) => k.name);
  assert.ok(names.includes('kept') && names.includes('revoked'), names.join());
  assert.ok(listed.json.keys.every((k) => !('secret_key' in k)));
  const kept = listed.json.keys.find((k) => k.access_key === keep.accessKeyId);
  assert.deepEqual(kept.buckets, ['alpha', 'beta']);
  assert.equal(kept.access, 'read-only');

  const everywhere = client(gone);
  await everywhere.send(new PutObjectCommand({ Bucket: 'beta', Key: 'wildcard.txt', Body: 'w' }));
  assert.equal((await storageAdmin(homeport, 'DELETE', `/${gone.accessKeyId}`)).status, 204);
  await rejectsWith(everywhere.send(new GetObjectCommand({ Bucket: 'beta', Key: 'wildcard.txt' })), 'InvalidAccessKeyId', 403);
  assert.equal((await storageAdmin(homeport, 'DELETE', `/${gone.accessKeyId}`)).status, 404);
  assert.equal((await storageAdmin(homeport, 'DELETE', `/${homeport.secrets.storage.access_key}`)).status, 404);
  const bad = await storageAdmin(homeport, 'POST', '', { buckets: [], access: 'read-only' });
  assert.equal(bad.status, 400);
  assert.equal((await storageAdmin(homeport, 'POST', '', { buckets: ['alpha'], access: 'admin' })).status, 400);

  const file = join(dataDir, 'storage', 'access_keys.json');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  for (const c of clients.splice(0)) c.destroy();
  assert.equal((await homeport.stop()).code, 0, homeport.log());
  homeport = await start();
  await homeport.settled();
  root = client({ accessKeyId: homeport.secrets.storage.access_key, secretAccessKey: homeport.secrets.storage.secret_key });
  const again = client(keep);
  const got = await again.send(new GetObjectCommand({ Bucket: 'alpha', Key: 'note.txt' }));
  assert.equal(await got.Body.transformToString(), 'in alpha');
  await rejectsWith(client(gone).send(new ListBucketsCommand({})), 'InvalidAccessKeyId', 403);
});

test('a public-read bucket policy opens plain HTTP reads until it is deleted', async () => {
  const anonymous = await fetch(url('/alpha/note.txt'));
  assert.equal(anonymous.status, 403);
  assert.match(await anonymous.text(), /<Code>AccessDenied<\/Code>/);

  const policy = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::alpha/*' }],
  };
  await root.send(new PutBucketPolicyCommand({ Bucket: 'alpha', Policy: JSON.stringify(policy) }));
  const stored = await root.send(new GetBucketPolicyCommand({ Bucket: 'alpha' }));
  assert.deepEqual(JSON.parse(stored.Policy), policy);
  const status = await root.send(new GetBucketPolicyStatusCommand({ Bucket: 'alpha' }));
  assert.equal(status.PolicyStatus.IsPublic, true);

  const publicGet = await fetch(url('/alpha/note.txt'));
  assert.equal(publicGet.status, 200);
  assert.equal(publicGet.headers.get('content-type'), 'text/plain');
  assert.equal(await publicGet.text(), 'in alpha');
  assert.equal((await fetch(url('/alpha/note.txt'), { method: 'HEAD' })).status, 200);
  assert.equal((await fetch(url('/alpha/missing.txt'))).status, 404);
  // Only reads of objects: no listing, no writes, no other bucket, no subresources.
  assert.equal((await fetch(url('/alpha?list-type=2'))).status, 403);
  assert.equal((await fetch(url('/alpha/new.txt'), { method: 'PUT', body: 'x' })).status, 403);
  assert.equal((await fetch(url('/alpha/note.txt'), { method: 'DELETE' })).status, 403);
  assert.equal((await fetch(url('/alpha/note.txt?tagging'))).status, 403);
  assert.equal((await fetch(url('/beta/note.txt'))).status, 403);
  assert.equal((await fetch(url('/'))).status, 403);

  // With s3:ListBucket on the bucket, anonymous listing works as well.
  policy.Statement.push({ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::alpha'] });
  await root.send(new PutBucketPolicyCommand({ Bucket: 'alpha', Policy: JSON.stringify(policy) }));
  const listing = await fetch(url('/alpha?list-type=2&prefix=no'));
  assert.equal(listing.status, 200);
  assert.match(await listing.text(), /<Key>note.txt<\/Key>/);

  await root.send(new DeleteBucketPolicyCommand({ Bucket: 'alpha' }));
  assert.equal((await fetch(url('/alpha/note.txt'))).status, 403);
  assert.equal((await fetch(url('/alpha?list-type=2'))).status, 403);
  await rejectsWith(root.send(new GetBucketPolicyCommand({ Bucket: 'alpha' })), 'NoSuchBucketPolicy', 404);
});

test('policies Homeport would not apply are refused as MalformedPolicy', async () => {
  const statement = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::beta/*' };
  const refusals = [
    { ...statement, Effect: 'Deny' },
    { ...statement, Action: 's3:PutObject' },
    { ...statement, Principal: { AWS: 'arn:aws:iam::123456789012:root' } },
    { ...statement, Resource: 'arn:aws:s3:::alpha/*' },
    { ...statement, Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
  ];
  for (const s of refusals) {
    await rejectsWith(root.send(new PutBucketPolicyCommand({ Bucket: 'beta', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [s] }) })),
      'MalformedPolicy', 400);
  }
  await rejectsWith(root.send(new PutBucketPolicyCommand({ Bucket: 'beta', Policy: 'not json' })), 'MalformedPolicy', 400);
  assert.equal((await fetch(url('/beta/note.txt'))).status, 403);
});
