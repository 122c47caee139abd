// The real AWS SDK for JavaScript v3 (@aws-sdk/client-s3, lib-storage, s3-request-presigner)
// against a real headless Homeport, once with the SDK's default checksum settings (CRC32 headers
// and aws-chunked bodies with checksum trailers) and once with WHEN_REQUIRED: bucket lifecycle,
// objects with metadata, ranges and conditions, copy, odd keys, listing pagination over
// thousands of keys, multi-delete, multipart through lib-storage, presigned GET/PUT fetched with
// plain fetch, expired and tampered presigned URLs, a wrong secret, object versions, and bucket
// CORS rules answering a preflight.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  S3Client, CreateBucketCommand, HeadBucketCommand, ListBucketsCommand, DeleteBucketCommand,
  GetBucketLocationCommand, GetBucketVersioningCommand, PutObjectCommand, GetObjectCommand,
  HeadObjectCommand, DeleteObjectCommand, DeleteObjectsCommand, CopyObjectCommand,
  ListObjectsV2Command, ListObjectsCommand, paginateListObjectsV2, CreateMultipartUploadCommand,
  UploadPartCommand, CompleteMultipartUploadCommand, AbortMultipartUploadCommand, ListPartsCommand,
  ListMultipartUploadsCommand, ListObjectVersionsCommand, PutBucketCorsCommand, GetBucketCorsCommand,
  DeleteBucketCorsCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { startHomeport } from '../lib/homeport.mjs';

let homeport;
let s3;         // default checksum settings
let s3Required; // requestChecksumCalculation: WHEN_REQUIRED

function makeClient(options = {}) {
  return new S3Client({
    endpoint: `http://127.0.0.1:${homeport.ports.storage}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: {
      accessKeyId: homeport.secrets.storage.access_key,
      secretAccessKey: homeport.secrets.storage.secret_key,
    },
    maxAttempts: 1,
    ...options,
  });
}

async function rejectsWith(promise, name, status) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.name, name, `${error.name}: ${error.message}`);
    if (status) assert.equal(error.$metadata.httpStatusCode, status);
    return true;
  });
}

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

before(async () => {
  homeport = await startHomeport({ disable: ['channels', 'errors', 'search', 'inference'] });
  await homeport.settled();
  s3 = makeClient();
  s3Required = makeClient({ requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
});

after(async () => {
  s3?.destroy();
  s3Required?.destroy();
  const { code } = await homeport.stop();
  assert.equal(code, 0, homeport.log());
});

test('bucket lifecycle', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'lifecycle' }));
  await s3.send(new HeadBucketCommand({ Bucket: 'lifecycle' }));
  const { Buckets, Owner } = await s3.send(new ListBucketsCommand({}));
  assert.ok(Buckets.some((b) => b.Name === 'lifecycle' && b.CreationDate instanceof Date));
  assert.ok(Buckets.some((b) => b.Name === 'homeport'), 'the default bucket of --print-env exists');
  assert.ok(Owner.ID);
  const location = await s3.send(new GetBucketLocationCommand({ Bucket: 'lifecycle' }));
  assert.ok(!location.LocationConstraint);
  const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket: 'lifecycle' }));
  assert.equal(versioning.Status, undefined);
  await rejectsWith(s3.send(new CreateBucketCommand({ Bucket: 'lifecycle' })), 'BucketAlreadyOwnedByYou', 409);
  await rejectsWith(s3.send(new CreateBucketCommand({ Bucket: 'not..valid' })), 'InvalidBucketName', 400);
  await rejectsWith(s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' })), 'NotFound', 404);
  await s3.send(new PutObjectCommand({ Bucket: 'lifecycle', Key: 'x', Body: 'x' }));
  await rejectsWith(s3.send(new DeleteBucketCommand({ Bucket: 'lifecycle' })), 'BucketNotEmpty', 409);
  await s3.send(new DeleteObjectCommand({ Bucket: 'lifecycle', Key: 'x' }));
  await s3.send(new DeleteBucketCommand({ Bucket: 'lifecycle' }));
  await rejectsWith(s3.send(new ListObjectsV2Command({ Bucket: 'lifecycle' })), 'NoSuchBucket', 404);
});

for (const [label, client] of [['default checksums', () => s3], ['WHEN_REQUIRED', () => s3Required]]) {
  test(`objects with metadata, ranges, conditions and copy (${label})`, async () => {
    const c = client();
    const bucket = label === 'default checksums' ? 'objects-default' : 'objects-required';
    await c.send(new CreateBucketCommand({ Bucket: bucket }));
    const text = 'Hello from the AWS SDK, ünïcødé included.';
    const put = await c.send(new PutObjectCommand({
      Bucket: bucket, Key: 'docs/hello.txt', Body: text, ContentType: 'text/plain; charset=utf-8',
      CacheControl: 'max-age=300', ContentDisposition: 'attachment; filename="hello.txt"',
      Metadata: { owner: 'ann', purpose: 'interop' },
    }));
    const md5 = createHash('md5').update(text).digest('hex');
    assert.equal(put.ETag, `"${md5}"`);

    const got = await c.send(new GetObjectCommand({ Bucket: bucket, Key: 'docs/hello.txt' }));
    assert.equal(await got.Body.transformToString(), text);
    assert.equal(got.ContentType, 'text/plain; charset=utf-8');
    assert.equal(got.CacheControl, 'max-age=300');
    assert.equal(got.ContentDisposition, 'attachment; filename="hello.txt"');
    assert.deepEqual(got.Metadata, { owner: 'ann', purpose: 'interop' });
    assert.equal(got.ETag, `"${md5}"`);

    const head = await c.send(new HeadObjectCommand({ Bucket: bucket, Key: 'docs/hello.txt' }));
    assert.equal(head.ContentLength, Buffer.byteLength(text));
    assert.ok(head.LastModified instanceof Date);

    const range = await c.send(new GetObjectCommand({ Bucket: bucket, Key: 'docs/hello.txt', Range: 'bytes=0-4' }));
    assert.equal(await range.Body.transformToString(), 'Hello');
    assert.equal(range.ContentRange, `bytes 0-4/${Buffer.byteLength(text)}`);
    const suffix = await c.send(new GetObjectCommand({ Bucket: bucket, Key: 'docs/hello.txt', Range: 'bytes=-9' }));
    assert.equal(await suffix.Body.transformToString(), 'included.');
    await rejectsWith(c.send(new GetObjectCommand({ Bucket: bucket, Key: 'docs/hello.txt', Range: 'bytes=1000-' })), 'InvalidRange', 416);
    await rejectsWith(c.send(new GetObjectCommand({ Bucket: bucket, Key: 'docs/hello.txt', IfMatch: '"nope"' })), 'PreconditionFailed', 412);
    await assert.rejects(c.send(new GetObjectCommand({ Bucket: bucket, Key: 'docs/hello.txt', IfNoneMatch: `"${md5}"` })),
      (e) => e.$metadata.httpStatusCode === 304);
    const overridden = await c.send(new GetObjectCommand({
      Bucket: bucket, Key: 'docs/hello.txt', ResponseContentType: 'application/octet-stream', ResponseContentDisposition: 'inline',
    }));
    assert.equal(overridden.ContentType, 'application/octet-stream');
    assert.equal(overridden.ContentDisposition, 'inline');
    await overridden.Body.transformToString();

    // A stream body: the default client sends it aws-chunked with a CRC32 trailer.
    const streamed = Buffer.alloc(300 * 1024, 'stream-');
    await c.send(new PutObjectCommand({ Bucket: bucket, Key: 'streamed.bin', Body: Readable.from([streamed.subarray(0, 100000), streamed.subarray(100000)]), ContentLength: streamed.length }));
    const back = await c.send(new GetObjectCommand({ Bucket: bucket, Key: 'streamed.bin' }));
    assert.equal(sha256(Buffer.from(await back.Body.transformToByteArray())), sha256(streamed));

    await c.send(new CopyObjectCommand({ Bucket: bucket, Key: 'copy.txt', CopySource: `${bucket}/docs/hello.txt` }));
    const copied = await c.send(new HeadObjectCommand({ Bucket: bucket, Key: 'copy.txt' }));
    assert.deepEqual(copied.Metadata, { owner: 'ann', purpose: 'interop' });
    await c.send(new CopyObjectCommand({
      Bucket: bucket, Key: 'copy.txt', CopySource: `${bucket}/copy.txt`, MetadataDirective: 'REPLACE',
      Metadata: { owner: 'bob' }, ContentType: 'text/markdown',
    }));
    const replaced = await c.send(new HeadObjectCommand({ Bucket: bucket, Key: 'copy.txt' }));
    assert.deepEqual(replaced.Metadata, { owner: 'bob' });
    assert.equal(replaced.ContentType, 'text/markdown');
    await rejectsWith(c.send(new CopyObjectCommand({ Bucket: bucket, Key: 'copy.txt', CopySource: `${bucket}/copy.txt` })), 'InvalidRequest', 400);

    const deleted = await c.send(new DeleteObjectsCommand({
      Bucket: bucket, Delete: { Objects: [{ Key: 'copy.txt' }, { Key: 'streamed.bin' }, { Key: 'never-existed' }] },
    }));
    assert.deepEqual(deleted.Deleted.map((d) => d.Key).sort(), ['copy.txt', 'never-existed', 'streamed.bin']);
    const quiet = await c.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Quiet: true, Objects: [{ Key: 'docs/hello.txt' }] } }));
    assert.equal(quiet.Deleted, undefined);
    await rejectsWith(c.send(new GetObjectCommand({ Bucket: bucket, Key: 'docs/hello.txt' })), 'NoSuchKey', 404);
    await c.send(new DeleteBucketCommand({ Bucket: bucket }));
  });
}

test('odd keys round-trip', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'odd-keys' }));
  const keys = ['sp ace', 'plus+sign', 'per%cent', 'ünïcødé/日本語.txt', 'emoji 😀', 'a//b', '../../outside', './dot', 'q?uestion&amp=1', 'trailing/', 'x'.repeat(1024)];
  for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: 'odd-keys', Key, Body: `body of ${Key}` }));
  for (const Key of keys) {
    const r = await s3.send(new GetObjectCommand({ Bucket: 'odd-keys', Key }));
    assert.equal(await r.Body.transformToString(), `body of ${Key}`);
  }
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'odd-keys' }));
  const byteOrder = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  assert.deepEqual(listed.Contents.map((o) => o.Key), byteOrder);
  const folders = await s3.send(new ListObjectsV2Command({ Bucket: 'odd-keys', Delimiter: '/' }));
  assert.deepEqual(folders.CommonPrefixes.map((p) => p.Prefix), ['../', './', 'a/', 'trailing/', 'ünïcødé/']);
  await rejectsWith(s3.send(new PutObjectCommand({ Bucket: 'odd-keys', Key: 'y'.repeat(1025), Body: 'x' })), 'KeyTooLongError', 400);
  // Without versioning every object is its one "null" version (what cleanup tools list).
  const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: 'odd-keys' }));
  assert.deepEqual(versions.Versions.map((v) => [v.Key, v.VersionId, v.IsLatest]), byteOrder.map((k) => [k, 'null', true]));
});

test('listing pagination over thousands of keys (v2 and v1)', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'many' }));
  const keys = [];
  for (let i = 0; i < 2100; i++) keys.push(`${i % 3 === 0 ? 'logs/' : 'data/'}${String(i).padStart(5, '0')}`);
  for (let i = 0; i < keys.length; i += 50) {
    await Promise.all(keys.slice(i, i + 50).map((Key) => s3Required.send(new PutObjectCommand({ Bucket: 'many', Key, Body: Key }))));
  }
  const sorted = [...keys].sort();
  const seen = [];
  let pages = 0;
  for await (const page of paginateListObjectsV2({ client: s3, pageSize: 700 }, { Bucket: 'many' })) {
    pages++;
    assert.ok(page.KeyCount <= 700);
    for (const o of page.Contents) seen.push(o.Key);
  }
  assert.equal(pages, 3);
  assert.deepEqual(seen, sorted);

  const logs = await s3.send(new ListObjectsV2Command({ Bucket: 'many', Prefix: 'logs/', MaxKeys: 5, StartAfter: 'logs/00300' }));
  assert.deepEqual(logs.Contents.map((o) => o.Key), ['logs/00303', 'logs/00306', 'logs/00309', 'logs/00312', 'logs/00315']);
  assert.equal(logs.IsTruncated, true);
  const top = await s3.send(new ListObjectsV2Command({ Bucket: 'many', Delimiter: '/' }));
  assert.deepEqual(top.CommonPrefixes.map((p) => p.Prefix), ['data/', 'logs/']);
  assert.equal(top.KeyCount, 2);

  const v1 = [];
  let Marker;
  for (;;) {
    const page = await s3.send(new ListObjectsCommand({ Bucket: 'many', Marker, MaxKeys: 1000 }));
    v1.push(...page.Contents.map((o) => o.Key));
    if (!page.IsTruncated) break;
    Marker = page.NextMarker ?? page.Contents.at(-1).Key;
  }
  assert.deepEqual(v1, sorted);
});

test('multipart through lib-storage Upload, and the multipart API directly', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'multipart' }));
  const data = Buffer.alloc(12 * 1024 * 1024 + 12345);
  for (let i = 0; i + 4 <= data.length; i += 4) data.writeUInt32LE(i * 2654435761 >>> 0, i);
  const upload = new Upload({
    client: s3, params: { Bucket: 'multipart', Key: 'big.bin', Body: Readable.from([data]), ContentType: 'application/x-big', Metadata: { size: String(data.length) } },
    partSize: 5 * 1024 * 1024, queueSize: 2,
  });
  const result = await upload.done();
  assert.match(result.ETag, /^"[0-9a-f]{32}-3"$/);
  const head = await s3.send(new HeadObjectCommand({ Bucket: 'multipart', Key: 'big.bin' }));
  assert.equal(head.ContentLength, data.length);
  assert.equal(head.ContentType, 'application/x-big');
  assert.deepEqual(head.Metadata, { size: String(data.length) });
  const got = await s3.send(new GetObjectCommand({ Bucket: 'multipart', Key: 'big.bin' }));
  assert.equal(sha256(Buffer.from(await got.Body.transformToByteArray())), sha256(data));
  const middle = await s3.send(new GetObjectCommand({ Bucket: 'multipart', Key: 'big.bin', Range: 'bytes=5242870-5242889' }));
  assert.deepEqual(Buffer.from(await middle.Body.transformToByteArray()), data.subarray(5242870, 5242890));

  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'multipart', Key: 'direct.bin' }));
  const p1 = await s3.send(new UploadPartCommand({ Bucket: 'multipart', Key: 'direct.bin', UploadId, PartNumber: 1, Body: 'small part' }));
  const p2 = await s3.send(new UploadPartCommand({ Bucket: 'multipart', Key: 'direct.bin', UploadId, PartNumber: 2, Body: 'last' }));
  const parts = await s3.send(new ListPartsCommand({ Bucket: 'multipart', Key: 'direct.bin', UploadId }));
  assert.deepEqual(parts.Parts.map((p) => [p.PartNumber, p.Size]), [[1, 10], [2, 4]]);
  const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'multipart' }));
  assert.ok(uploads.Uploads.some((u) => u.UploadId === UploadId && u.Key === 'direct.bin'));
  await rejectsWith(s3.send(new CompleteMultipartUploadCommand({
    Bucket: 'multipart', Key: 'direct.bin', UploadId,
    MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag }, { PartNumber: 2, ETag: p2.ETag }] },
  })), 'EntityTooSmall', 400);
  await rejectsWith(s3.send(new CompleteMultipartUploadCommand({
    Bucket: 'multipart', Key: 'direct.bin', UploadId,
    MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"0123456789abcdef0123456789abcdef"' }] },
  })), 'InvalidPart', 400);
  await s3.send(new AbortMultipartUploadCommand({ Bucket: 'multipart', Key: 'direct.bin', UploadId }));
  await rejectsWith(s3.send(new ListPartsCommand({ Bucket: 'multipart', Key: 'direct.bin', UploadId })), 'NoSuchUpload', 404);
});

test('presigned GET and PUT with plain fetch; expired and tampered URLs are refused', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'presigned' }));
  const putUrl = await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'presigned', Key: 'from fetch/ü.txt' }), { expiresIn: 300 });
  const put = await fetch(putUrl, { method: 'PUT', body: 'uploaded by fetch' });
  assert.equal(put.status, 200, await put.text());

  const getUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'presigned', Key: 'from fetch/ü.txt' }), { expiresIn: 300 });
  const get = await fetch(getUrl);
  assert.equal(get.status, 200);
  assert.equal(await get.text(), 'uploaded by fetch');

  const expiredUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'presigned', Key: 'from fetch/ü.txt' }),
    { expiresIn: 60, signingDate: new Date(Date.now() - 3600 * 1000) });
  const expired = await fetch(expiredUrl);
  assert.equal(expired.status, 403);
  assert.match(await expired.text(), /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);

  const tampered = await fetch(getUrl.replace('from%20fetch', 'from%20fetcH'));
  assert.equal(tampered.status, 403);
  assert.match(await tampered.text(), /<Code>SignatureDoesNotMatch<\/Code>/);

  const tooLong = getUrl.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=604801');
  assert.equal((await fetch(tooLong)).status, 403);
  assert.equal((await fetch(getUrl.split('?')[0])).status, 403); // anonymous
});

test('bucket CORS rules set by the SDK answer a browser-style preflight', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'browser-uploads' }));
  const origin = `http://127.0.0.1:${homeport.ports.storage + 1}`;
  const preflight = () => fetch(`http://127.0.0.1:${homeport.ports.storage}/browser-uploads/photo.jpg`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' },
  });
  assert.equal((await preflight()).status, 403);
  await s3.send(new PutBucketCorsCommand({
    Bucket: 'browser-uploads',
    CORSConfiguration: { CORSRules: [{ AllowedOrigins: [origin], AllowedMethods: ['PUT', 'GET'], AllowedHeaders: ['*'], ExposeHeaders: ['ETag'], MaxAgeSeconds: 300 }] },
  }));
  const { CORSRules } = await s3.send(new GetBucketCorsCommand({ Bucket: 'browser-uploads' }));
  assert.deepEqual(CORSRules[0].AllowedMethods, ['PUT', 'GET']);
  assert.deepEqual(CORSRules[0].ExposeHeaders, ['ETag']);
  const allowed = await preflight();
  assert.equal(allowed.status, 200);
  assert.equal(allowed.headers.get('access-control-allow-origin'), origin);
  assert.equal(allowed.headers.get('access-control-allow-headers'), 'content-type');
  // A presigned PUT from that origin, as a browser sends it after the preflight.
  const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'browser-uploads', Key: 'photo.jpg' }), { expiresIn: 60 });
  const put = await fetch(url, { method: 'PUT', body: 'jpeg bytes', headers: { Origin: origin } });
  assert.equal(put.status, 200);
  assert.equal(put.headers.get('access-control-allow-origin'), origin);
  assert.equal(put.headers.get('access-control-expose-headers'), 'ETag');
  await s3.send(new DeleteBucketCorsCommand({ Bucket: 'browser-uploads' }));
  await rejectsWith(s3.send(new GetBucketCorsCommand({ Bucket: 'browser-uploads' })), 'NoSuchCORSConfiguration', 404);
});

test('a wrong secret or unknown key is refused with S3 error codes', async () => {
  const wrong = makeClient({ credentials: { accessKeyId: homeport.secrets.storage.access_key, secretAccessKey: 'not-the-secret' } });
  await rejectsWith(wrong.send(new ListBucketsCommand({})), 'SignatureDoesNotMatch', 403);
  const unknown = makeClient({ credentials: { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' } });
  await rejectsWith(unknown.send(new ListBucketsCommand({})), 'InvalidAccessKeyId', 403);
  wrong.destroy();
  unknown.destroy();
});
