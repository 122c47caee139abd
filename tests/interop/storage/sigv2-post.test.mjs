// Browser form uploads signed the SigV2 way (policy, AWSAccessKeyId and a base64 HMAC-SHA1
// signature), as S3 accepts them, made by a real client: Debian's python3-boto (boto 2.49,
// S3Connection.build_post_form_args, see boto2_post_form.py) and posted with fetch's FormData as a
// browser would. boto's form action names the bucket as a virtual host; the test posts the same
// fields to the path-style URL. Checked: the object lands with the form's Content-Type and the
// ${filename} key; a tampered signature, a wrong secret, an unknown key, a size over the policy's
// content-length-range, a key outside its starts-with and an expired policy are refused with S3's
// codes and store nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { S3Client, CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { startHomeport } from '../lib/homeport.mjs';

const python = '/usr/bin/python3'; // Debian's, where python3-boto is installed
const script = join(dirname(fileURLToPath(import.meta.url)), 'boto2_post_form.py');
const skip = !existsSync(python) && 'no /usr/bin/python3';

let homeport;
let s3;

async function botoForm(options) {
  const { stdout } = await promisify(execFile)(python, [script, JSON.stringify({
    port: homeport.ports.storage,
    access: homeport.secrets.storage.access_key,
    secret: homeport.secrets.storage.secret_key,
    bucket: 'v2forms',
    ...options,
  })], { timeout: 30000 });
  return JSON.parse(stdout);
}

async function post(form, body, { fileName = 'note.txt', change = {} } = {}) {
  assert.equal(form.action, `http://127.0.0.1:${homeport.ports.storage}/`);
  const data = new FormData();
  for (const { name, value } of form.fields) data.append(name, name in change ? change[name] : value);
  data.append('file', new Blob([body]), fileName);
  const response = await fetch(`http://127.0.0.1:${homeport.ports.storage}/v2forms`, { method: 'POST', body: data });
  return { status: response.status, text: await response.text() };
}

const codeOf = (xml) => /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];

before(async () => {
  homeport = await startHomeport({ disable: ['channels', 'errors', 'search', 'inference'] });
  await homeport.settled();
  s3 = new S3Client({
    endpoint: `http://127.0.0.1:${homeport.ports.storage}`, region: 'us-east-1', forcePathStyle: true, maxAttempts: 1,
    credentials: { accessKeyId: homeport.secrets.storage.access_key, secretAccessKey: homeport.secrets.storage.secret_key },
  });
  await s3.send(new CreateBucketCommand({ Bucket: 'v2forms' }));
});

after(async () => {
  s3?.destroy();
  const { code } = await homeport.stop();
  assert.equal(code, 0, homeport.log());
});

test('a boto 2 SigV2 form uploads the file', { skip }, async () => {
  const form = await botoForm({
    key: 'uploads/${filename}', max: 1024,
    fields: [{ name: 'Content-Type', value: 'text/plain' }], conditions: ['{"Content-Type": "text/plain"}'],
  });
  const names = form.fields.map(({ name }) => name);
  for (const name of ['policy', 'AWSAccessKeyId', 'signature', 'key']) assert.ok(names.includes(name), names.join());
  assert.ok(!names.some((n) => n.toLowerCase().startsWith('x-amz-signature')), 'a SigV2 form, not SigV4');

  const answer = await post(form, 'signed the old way');
  assert.equal(answer.status, 204, answer.text);
  const got = await s3.send(new GetObjectCommand({ Bucket: 'v2forms', Key: 'uploads/note.txt' }));
  assert.equal(got.ContentType, 'text/plain');
  assert.equal(await got.Body.transformToString(), 'signed the old way');
});

test('SigV2 forms that do not hold are refused with S3\'s codes and store nothing', { skip }, async () => {
  const form = await botoForm({ key: 'refused/${filename}', max: 16 });
  const signature = form.fields.find(({ name }) => name === 'signature').value;
  const tampered = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
  assert.equal(codeOf((await post(form, 'x', { change: { signature: tampered } })).text), 'SignatureDoesNotMatch');
  const wrongSecret = await botoForm({ key: 'refused/${filename}', max: 16, secret: 'not-the-secret' });
  assert.equal(codeOf((await post(wrongSecret, 'x')).text), 'SignatureDoesNotMatch');
  const unknownKey = await botoForm({ key: 'refused/${filename}', max: 16, access: 'AKIANOSUCHKEY0000000' });
  const unknown = await post(unknownKey, 'x');
  assert.equal(unknown.status, 403);
  assert.equal(codeOf(unknown.text), 'InvalidAccessKeyId');
  // The policy's own conditions: at most 16 bytes, keys under refused/, not expired.
  assert.equal(codeOf((await post(form, 'more than sixteen bytes')).text), 'EntityTooLarge');
  assert.equal((await post(form, 'x', { change: { key: 'elsewhere/${filename}' } })).status, 403);
  const expired = await botoForm({ key: 'refused/${filename}', max: 16, expires: -60 });
  assert.equal((await post(expired, 'x')).status, 403);

  const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'v2forms', Prefix: 'refused/' }));
  assert.equal(listed.KeyCount, 0);
});
