// The real @aws-sdk/client-s3 against a real headless Homeport for what the other storage tests
// leave to raw HTTP in tests/unit: date conditions on GET and HEAD, CopyObject's copy-source
// conditions, fetch-owner and encoding-type=url in listings, a request signed with a skewed
// clock, every checksum the SDK can send (CRC32C, SHA1 and SHA256 as aws-chunked trailers and as
// headers, a wrong one refused as BadDigest) and Content-MD5, Complete's part order and a
// repeated Complete, virtual-host addressing with a configured domain, and several clients
// overwriting one key while others read it: every read is one whole body that was sent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand, HeadObjectCommand, CopyObjectCommand,
  ListObjectsV2Command, ListBucketsCommand, CreateMultipartUploadCommand, UploadPartCommand,
  CompleteMultipartUploadCommand,
} from '@aws-sdk/client-s3';
import { startHomeport } from '../lib/homeport.mjs';

const DOMAIN = 's3.homeport.test';
let homeport;
const clients = [];

function makeClient(options = {}) {
  const client = new S3Client({
    endpoint: `http://127.0.0.1:${homeport.ports.storage}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: homeport.secrets.storage.access_key, secretAccessKey: homeport.secrets.storage.secret_key },
    maxAttempts: 1,
    ...options,
  });
  clients.push(client);
  return client;
}

async function rejectsWith(promise, name, status) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.name, name, `${error.name}: ${error.message}`);
    assert.equal(error.$metadata.httpStatusCode, status);
    return true;
  });
}

// The SDK raises a bodiless 304 or 412 (HEAD, or GET's 304) with the status only.
async function rejectsWithStatus(promise, status) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.$metadata?.httpStatusCode, status, `${error.name}: ${error.message}`);
    return true;
  });
}

const md5 = (data) => createHash('md5').update(data).digest();
const sha256 = (data) => createHash('sha256').update(data).digest('hex');
let s3;

before(async () => {
  homeport = await startHomeport({
    disable: ['channels', 'errors', 'search', 'inference'],
    extraEnv: { HOMEPORT_STORAGE_DOMAIN: DOMAIN },
  });
  await homeport.settled();
  s3 = makeClient();
  await s3.send(new CreateBucketCommand({ Bucket: 'edges' }));
});

after(async () => {
  for (const c of clients) c.destroy();
  const { code } = await homeport.stop();
  assert.equal(code, 0, homeport.log());
});

test('date conditions on GET and HEAD, and copy-source conditions on CopyObject', async () => {
  const put = await s3.send(new PutObjectCommand({ Bucket: 'edges', Key: 'dated.txt', Body: 'dated body' }));
  const { LastModified } = await s3.send(new HeadObjectCommand({ Bucket: 'edges', Key: 'dated.txt' }));
  const before = new Date(LastModified.getTime() - 3600 * 1000);
  const later = new Date(LastModified.getTime() + 3600 * 1000);

  await rejectsWithStatus(s3.send(new GetObjectCommand({ Bucket: 'edges', Key: 'dated.txt', IfModifiedSince: LastModified })), 304);
  const modified = await s3.send(new GetObjectCommand({ Bucket: 'edges', Key: 'dated.txt', IfModifiedSince: before }));
  assert.equal(await modified.Body.transformToString(), 'dated body');
  await rejectsWith(s3.send(new GetObjectCommand({ Bucket: 'edges', Key: 'dated.txt', IfUnmodifiedSince: before })), 'PreconditionFailed', 412);
  const unmodified = await s3.send(new GetObjectCommand({ Bucket: 'edges', Key: 'dated.txt', IfUnmodifiedSince: later }));
  assert.equal(await unmodified.Body.transformToString(), 'dated body');
  await rejectsWithStatus(s3.send(new HeadObjectCommand({ Bucket: 'edges', Key: 'dated.txt', IfNoneMatch: put.ETag })), 304);
  await rejectsWithStatus(s3.send(new HeadObjectCommand({ Bucket: 'edges', Key: 'dated.txt', IfMatch: '"0000"' })), 412);

  const copy = (conditions) => s3.send(new CopyObjectCommand({ Bucket: 'edges', Key: 'copied.txt', CopySource: 'edges/dated.txt', ...conditions }));
  await rejectsWith(copy({ CopySourceIfMatch: '"0000"' }), 'PreconditionFailed', 412);
  await rejectsWith(copy({ CopySourceIfNoneMatch: put.ETag }), 'PreconditionFailed', 412);
  await rejectsWith(copy({ CopySourceIfUnmodifiedSince: before }), 'PreconditionFailed', 412);
  await rejectsWith(copy({ CopySourceIfModifiedSince: LastModified }), 'PreconditionFailed', 412);
  await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: 'edges', Key: 'copied.txt' })), 'NotFound', 404);
  const copied = await copy({ CopySourceIfMatch: put.ETag, CopySourceIfUnmodifiedSince: later });
  assert.equal(copied.CopyObjectResult.ETag, put.ETag);
});

test('listings: fetch-owner adds the owner, encoding-type=url encodes keys and prefixes', async () => {
  for (const Key of ['list/plain.txt', 'list/sp ace+plus/ü.txt']) await s3.send(new PutObjectCommand({ Bucket: 'edges', Key, Body: Key }));
  const plain = await s3.send(new ListObjectsV2Command({ Bucket: 'edges', Prefix: 'list/' }));
  assert.ok(plain.Contents.every((o) => o.Owner === undefined), JSON.stringify(plain.Contents));
  const owned = await s3.send(new ListObjectsV2Command({ Bucket: 'edges', Prefix: 'list/', FetchOwner: true }));
  assert.ok(owned.Contents.every((o) => o.Owner?.ID), JSON.stringify(owned.Contents));
  const encoded = await s3.send(new ListObjectsV2Command({ Bucket: 'edges', Prefix: 'list/', Delimiter: '/', EncodingType: 'url' }));
  assert.equal(encoded.EncodingType, 'url');
  assert.deepEqual(encoded.Contents.map((o) => o.Key), ['list/plain.txt']);
  assert.deepEqual(encoded.CommonPrefixes.map((p) => p.Prefix), ['list/sp%20ace%2Bplus/']);
});

test('a request signed with a clock 20 minutes off is refused as RequestTimeTooSkewed', async () => {
  const skewed = makeClient({ systemClockOffset: -20 * 60 * 1000 });
  await rejectsWith(skewed.send(new ListBucketsCommand({})), 'RequestTimeTooSkewed', 403);
  const slightlyOff = makeClient({ systemClockOffset: -5 * 60 * 1000 });
  assert.ok((await slightlyOff.send(new ListBucketsCommand({}))).Buckets.some((b) => b.Name === 'edges'));
});

for (const algorithm of ['CRC32C', 'SHA1', 'SHA256']) {
  test(`${algorithm}: a stream's trailer and a buffer's header are checked, a wrong one is BadDigest`, async () => {
    const data = Buffer.alloc(200 * 1024 + 17, `${algorithm} `);
    const streamed = await s3.send(new PutObjectCommand({
      Bucket: 'edges', Key: `sum/${algorithm}.bin`, ContentLength: data.length, ChecksumAlgorithm: algorithm,
      Body: Readable.from([data.subarray(0, 70000), data.subarray(70000)]),
    }));
    assert.ok(streamed[`Checksum${algorithm}`], JSON.stringify(streamed));
    const back = await s3.send(new GetObjectCommand({ Bucket: 'edges', Key: `sum/${algorithm}.bin` }));
    assert.equal(sha256(Buffer.from(await back.Body.transformToByteArray())), sha256(data));

    const buffered = await s3.send(new PutObjectCommand({ Bucket: 'edges', Key: `sum/${algorithm}-header`, Body: 'small body', ChecksumAlgorithm: algorithm }));
    if (algorithm === 'CRC32C') assert.ok(buffered.ChecksumCRC32C, JSON.stringify(buffered));
    else assert.equal(buffered[`Checksum${algorithm}`], createHash(algorithm.toLowerCase()).update('small body').digest('base64'));
    // A checksum of other bytes: the SDK sends it as given.
    const wrong = algorithm === 'CRC32C' ? 'AAAAAA==' : createHash(algorithm.toLowerCase()).update('other').digest('base64');
    await rejectsWith(s3.send(new PutObjectCommand({ Bucket: 'edges', Key: `sum/${algorithm}-wrong`, Body: 'small body', [`Checksum${algorithm}`]: wrong })),
      'BadDigest', 400);
    await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: 'edges', Key: `sum/${algorithm}-wrong` })), 'NotFound', 404);
  });
}

test('Content-MD5: a digest of other bytes is BadDigest, one that is no MD5 is InvalidDigest', async () => {
  const c = makeClient({ requestChecksumCalculation: 'WHEN_REQUIRED' });
  const body = 'checked by md5';
  await c.send(new PutObjectCommand({ Bucket: 'edges', Key: 'md5.txt', Body: body, ContentMD5: md5(body).toString('base64') }));
  await rejectsWith(c.send(new PutObjectCommand({ Bucket: 'edges', Key: 'md5.txt', Body: 'changed', ContentMD5: md5(body).toString('base64') })),
    'BadDigest', 400);
  await rejectsWith(c.send(new PutObjectCommand({ Bucket: 'edges', Key: 'md5.txt', Body: 'changed', ContentMD5: 'bm90IG1kNQ==' })),
    'InvalidDigest', 400);
  const kept = await c.send(new GetObjectCommand({ Bucket: 'edges', Key: 'md5.txt' }));
  assert.equal(await kept.Body.transformToString(), body);
});

test('Complete: parts out of order are InvalidPartOrder; a repeated Complete answers the same ETag', async () => {
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'edges', Key: 'parts.bin' }));
  const first = Buffer.alloc(5 * 1024 * 1024, 'first ');
  const last = Buffer.from('the last part may be small');
  const p1 = await s3.send(new UploadPartCommand({ Bucket: 'edges', Key: 'parts.bin', UploadId, PartNumber: 1, Body: first }));
  const p2 = await s3.send(new UploadPartCommand({ Bucket: 'edges', Key: 'parts.bin', UploadId, PartNumber: 2, Body: last }));
  await rejectsWith(s3.send(new CompleteMultipartUploadCommand({
    Bucket: 'edges', Key: 'parts.bin', UploadId,
    MultipartUpload: { Parts: [{ PartNumber: 2, ETag: p2.ETag }, { PartNumber: 1, ETag: p1.ETag }] },
  })), 'InvalidPartOrder', 400);
  const parts = { Parts: [{ PartNumber: 1, ETag: p1.ETag }, { PartNumber: 2, ETag: p2.ETag }] };
  const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'edges', Key: 'parts.bin', UploadId, MultipartUpload: parts }));
  assert.equal(done.ETag, `"${md5(Buffer.concat([md5(first), md5(last)])).toString('hex')}-2"`);
  const again = await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'edges', Key: 'parts.bin', UploadId, MultipartUpload: parts }));
  assert.equal(again.ETag, done.ETag);
  const got = await s3.send(new GetObjectCommand({ Bucket: 'edges', Key: 'parts.bin' }));
  assert.equal(sha256(Buffer.from(await got.Body.transformToByteArray())), sha256(Buffer.concat([first, last])));
});

test('virtual-host style: <bucket>.<domain> names the bucket when the domain is configured', async () => {
  // The domain resolves to loopback for this client only, as a DNS entry would for a real one.
  const lookup = (hostname, options, callback) => {
    if (options?.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
    else callback(null, '127.0.0.1', 4);
  };
  const vhost = makeClient({
    endpoint: `http://${DOMAIN}:${homeport.ports.storage}`,
    forcePathStyle: false,
    requestHandler: { httpAgent: new http.Agent({ lookup }) },
  });
  await vhost.send(new PutObjectCommand({ Bucket: 'edges', Key: 'by host/name.txt', Body: 'through the host name' }));
  const viaPath = await s3.send(new GetObjectCommand({ Bucket: 'edges', Key: 'by host/name.txt' }));
  assert.equal(await viaPath.Body.transformToString(), 'through the host name');
  const listed = await vhost.send(new ListObjectsV2Command({ Bucket: 'edges', Prefix: 'by host/' }));
  assert.equal(listed.Name, 'edges');
  assert.deepEqual(listed.Contents.map((o) => o.Key), ['by host/name.txt']);
  await vhost.send(new CreateBucketCommand({ Bucket: 'made-by-host' }));
  assert.ok((await s3.send(new ListBucketsCommand({}))).Buckets.some((b) => b.Name === 'made-by-host'));
  await rejectsWith(vhost.send(new GetObjectCommand({ Bucket: 'edges', Key: 'missing' })), 'NoSuchKey', 404);
});

test('concurrent overwrites of one key: every read is one whole body sent, the last state is one of them', async () => {
  // Row-sized (40 KiB) and file-backed (300 KiB) bodies, each naming its writer and round.
  const body = (writer, round) => Buffer.alloc((writer % 2 ? 300 : 40) * 1024 + round * 7, `${writer}:${round};`);
  const WRITERS = 6;
  const ROUNDS = 25;
  const sent = new Set();
  for (let w = 0; w < WRITERS; w++) for (let r = 0; r < ROUNDS; r++) sent.add(sha256(body(w, r)));
  await s3.send(new PutObjectCommand({ Bucket: 'edges', Key: 'contended', Body: body(0, 0) }));
  let writing = true;
  let reads = 0;
  const readers = Array.from({ length: 3 }, async () => {
    while (writing) {
      const got = await s3.send(new GetObjectCommand({ Bucket: 'edges', Key: 'contended' }));
      const bytes = Buffer.from(await got.Body.transformToByteArray());
      assert.equal(bytes.length, got.ContentLength);
      assert.ok(sent.has(sha256(bytes)), `a read of ${bytes.length} bytes is no body that was sent`);
      assert.equal(got.ETag, `"${md5(bytes).toString('hex')}"`);
      reads++;
    }
  });
  const writers = Array.from({ length: WRITERS }, async (_, w) => {
    for (let r = 0; r < ROUNDS; r++) await s3.send(new PutObjectCommand({ Bucket: 'edges', Key: 'contended', Body: body(w, r) }));
  });
  try {
    await Promise.all(writers);
  } finally {
    writing = false;
  }
  await Promise.all(readers);
  assert.ok(reads > 0);
  const last = await s3.send(new GetObjectCommand({ Bucket: 'edges', Key: 'contended' }));
  const bytes = Buffer.from(await last.Body.transformToByteArray());
  // The object is one writer's last round: the last PUT acknowledged for some writer.
  const lastRounds = new Set(Array.from({ length: WRITERS }, (_, w) => sha256(body(w, ROUNDS - 1))));
  assert.ok(lastRounds.has(sha256(bytes)), `${bytes.length} bytes: not a last round`);
});
