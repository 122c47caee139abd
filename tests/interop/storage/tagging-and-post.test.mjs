// Object and bucket tagging, browser form uploads and CRC64NVME checksums with the real AWS SDK
// for JavaScript v3 (@aws-sdk/client-s3 and @aws-sdk/s3-presigned-post) against a real headless
// Homeport: tags on PutObject, CreateMultipartUpload and CopyObject (COPY and REPLACE), the
// tagging subresource, x-amz-tagging-count and S3's limits; Put/Get/DeleteBucketTagging with
// NoSuchTagSet, the 50-tag limit, and tags that go with their bucket; presigned POST policies posted as
// multipart/form-data with fetch (201 with XML, 204, 303 redirects, ${filename}, a large file,
// and violated conditions, size limits and tampered signatures refused); CRC64NVME as a header
// and as an aws-chunked trailer, and a wrong one refused as BadDigest.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand, CopyObjectCommand,
  PutObjectTaggingCommand, GetObjectTaggingCommand, DeleteObjectTaggingCommand,
  CreateMultipartUploadCommand, UploadPartCommand, CompleteMultipartUploadCommand, HeadObjectCommand,
  PutBucketTaggingCommand, GetBucketTaggingCommand, DeleteBucketTaggingCommand, DeleteBucketCommand,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { startHomeport } from '../lib/homeport.mjs';

let homeport;
let s3;

async function rejectsWith(promise, name, status) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.name, name, `${error.name}: ${error.message}`);
    if (status) assert.equal(error.$metadata.httpStatusCode, status);
    return true;
  });
}

const tagsOf = async (Key) => (await s3.send(new GetObjectTaggingCommand({ Bucket: 'tags', Key }))).TagSet
  .map(({ Key: k, Value }) => `${k}=${Value}`).sort();

before(async () => {
  homeport = await startHomeport({ disable: ['channels', 'errors', 'search', 'inference'] });
  await homeport.settled();
  s3 = new S3Client({
    endpoint: `http://127.0.0.1:${homeport.ports.storage}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: homeport.secrets.storage.access_key, secretAccessKey: homeport.secrets.storage.secret_key },
    maxAttempts: 1,
  });
  await s3.send(new CreateBucketCommand({ Bucket: 'tags' }));
  await s3.send(new CreateBucketCommand({ Bucket: 'forms' }));
});

after(async () => {
  s3?.destroy();
  const { code } = await homeport.stop();
  assert.equal(code, 0, homeport.log());
});

test('tags on put, the tagging subresource and the tag count', async () => {
  await s3.send(new PutObjectCommand({ Bucket: 'tags', Key: 'doc', Body: 'd', Tagging: 'project=blue sky&owner=ana' }));
  assert.deepEqual(await tagsOf('doc'), ['owner=ana', 'project=blue sky']);
  const got = await s3.send(new GetObjectCommand({ Bucket: 'tags', Key: 'doc' }));
  assert.equal(got.TagCount, 2);
  await got.Body.transformToString();

  await s3.send(new PutObjectTaggingCommand({
    Bucket: 'tags', Key: 'doc', Tagging: { TagSet: [{ Key: 'stage', Value: 'final' }, { Key: 'ü', Value: '<&>' }] },
  }));
  assert.deepEqual(await tagsOf('doc'), ['stage=final', 'ü=<&>']);
  await s3.send(new DeleteObjectTaggingCommand({ Bucket: 'tags', Key: 'doc' }));
  assert.deepEqual(await tagsOf('doc'), []);
  const untagged = await s3.send(new GetObjectCommand({ Bucket: 'tags', Key: 'doc' }));
  assert.equal(untagged.TagCount, undefined);
  await untagged.Body.transformToString();

  // A new version of the object starts with the tags its PUT gives (none here).
  await s3.send(new PutObjectCommand({ Bucket: 'tags', Key: 'doc', Body: 'd2', Tagging: 'a=1' }));
  await s3.send(new PutObjectCommand({ Bucket: 'tags', Key: 'doc', Body: 'd3' }));
  assert.deepEqual(await tagsOf('doc'), []);
  await rejectsWith(s3.send(new GetObjectTaggingCommand({ Bucket: 'tags', Key: 'missing' })), 'NoSuchKey', 404);
  await rejectsWith(s3.send(new PutObjectTaggingCommand({ Bucket: 'tags', Key: 'missing', Tagging: { TagSet: [] } })), 'NoSuchKey', 404);
});

test('tag limits answer InvalidTag', async () => {
  const eleven = Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
  await rejectsWith(s3.send(new PutObjectCommand({ Bucket: 'tags', Key: 'limits', Body: 'x', Tagging: eleven.map((t) => `${t.Key}=v`).join('&') })), 'InvalidTag', 400);
  await s3.send(new PutObjectCommand({ Bucket: 'tags', Key: 'limits', Body: 'x' }));
  await rejectsWith(s3.send(new PutObjectTaggingCommand({ Bucket: 'tags', Key: 'limits', Tagging: { TagSet: eleven } })), 'InvalidTag', 400);
  await rejectsWith(s3.send(new PutObjectTaggingCommand({ Bucket: 'tags', Key: 'limits', Tagging: { TagSet: [{ Key: 'k'.repeat(129), Value: 'v' }] } })), 'InvalidTag', 400);
  await rejectsWith(s3.send(new PutObjectTaggingCommand({ Bucket: 'tags', Key: 'limits', Tagging: { TagSet: [{ Key: 'k', Value: 'v'.repeat(257) }] } })), 'InvalidTag', 400);
  await rejectsWith(s3.send(new PutObjectTaggingCommand({ Bucket: 'tags', Key: 'limits', Tagging: { TagSet: [{ Key: 'k', Value: '1' }, { Key: 'k', Value: '2' }] } })), 'InvalidTag', 400);
  const ten = eleven.slice(0, 10).map((t) => ({ Key: t.Key.padEnd(128, 'x'), Value: 'v'.repeat(256) }));
  await s3.send(new PutObjectTaggingCommand({ Bucket: 'tags', Key: 'limits', Tagging: { TagSet: ten } }));
  assert.equal((await tagsOf('limits')).length, 10);
});

test('bucket tagging: put, get, replace, delete, NoSuchTagSet and S3\'s limits', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'tagged-bucket' }));
  const bucketTags = async (Bucket) => (await s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet
    .map(({ Key, Value }) => `${Key}=${Value}`).sort();
  await rejectsWith(s3.send(new GetBucketTaggingCommand({ Bucket: 'tagged-bucket' })), 'NoSuchTagSet', 404);

  await s3.send(new PutBucketTaggingCommand({
    Bucket: 'tagged-bucket', Tagging: { TagSet: [{ Key: 'team', Value: 'storage' }, { Key: 'cost center', Value: 'ü & <b>' }] },
  }));
  assert.deepEqual(await bucketTags('tagged-bucket'), ['cost center=ü & <b>', 'team=storage']);
  // A PUT replaces the whole set; an empty value is a value.
  await s3.send(new PutBucketTaggingCommand({ Bucket: 'tagged-bucket', Tagging: { TagSet: [{ Key: 'only', Value: '' }] } }));
  assert.deepEqual(await bucketTags('tagged-bucket'), ['only=']);
  // The bucket's tags are not its objects' tags.
  await s3.send(new PutObjectCommand({ Bucket: 'tagged-bucket', Key: 'o', Body: 'x' }));
  assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket: 'tagged-bucket', Key: 'o' }))).TagSet, []);

  // Up to 50 tags on a bucket (10 on an object); more, or a key twice, is InvalidTag.
  const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }));
  await s3.send(new PutBucketTaggingCommand({ Bucket: 'tagged-bucket', Tagging: { TagSet: fifty } }));
  assert.equal((await bucketTags('tagged-bucket')).length, 50);
  await rejectsWith(s3.send(new PutBucketTaggingCommand({
    Bucket: 'tagged-bucket', Tagging: { TagSet: [...fifty, { Key: 'k50', Value: 'v' }] },
  })), 'InvalidTag', 400);
  await rejectsWith(s3.send(new PutBucketTaggingCommand({
    Bucket: 'tagged-bucket', Tagging: { TagSet: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] },
  })), 'InvalidTag', 400);
  await rejectsWith(s3.send(new PutBucketTaggingCommand({
    Bucket: 'tagged-bucket', Tagging: { TagSet: [{ Key: 'k'.repeat(129), Value: '1' }] },
  })), 'InvalidTag', 400);
  assert.equal((await bucketTags('tagged-bucket')).length, 50, 'a refused PUT leaves the tags as they were');

  await s3.send(new DeleteBucketTaggingCommand({ Bucket: 'tagged-bucket' }));
  await rejectsWith(s3.send(new GetBucketTaggingCommand({ Bucket: 'tagged-bucket' })), 'NoSuchTagSet', 404);
  await s3.send(new DeleteBucketTaggingCommand({ Bucket: 'tagged-bucket' })); // nothing to delete is fine

  for (const command of [
    new GetBucketTaggingCommand({ Bucket: 'no-such-bucket' }),
    new PutBucketTaggingCommand({ Bucket: 'no-such-bucket', Tagging: { TagSet: [{ Key: 'a', Value: 'b' }] } }),
    new DeleteBucketTaggingCommand({ Bucket: 'no-such-bucket' }),
  ]) {
    await rejectsWith(s3.send(command), 'NoSuchBucket', 404);
  }

  // Tags go with their bucket: a bucket made again under the same name starts without any.
  await s3.send(new CreateBucketCommand({ Bucket: 'tagged-gone' }));
  await s3.send(new PutBucketTaggingCommand({ Bucket: 'tagged-gone', Tagging: { TagSet: [{ Key: 'a', Value: 'b' }] } }));
  await s3.send(new DeleteBucketCommand({ Bucket: 'tagged-gone' }));
  await s3.send(new CreateBucketCommand({ Bucket: 'tagged-gone' }));
  await rejectsWith(s3.send(new GetBucketTaggingCommand({ Bucket: 'tagged-gone' })), 'NoSuchTagSet', 404);
});

test('copy keeps or replaces tags; multipart uploads take them from the create call', async () => {
  await s3.send(new PutObjectCommand({ Bucket: 'tags', Key: 'source', Body: 's', Tagging: 'color=red' }));
  await s3.send(new CopyObjectCommand({ Bucket: 'tags', Key: 'copied', CopySource: 'tags/source' }));
  assert.deepEqual(await tagsOf('copied'), ['color=red']);
  await s3.send(new CopyObjectCommand({ Bucket: 'tags', Key: 'replaced', CopySource: 'tags/source', TaggingDirective: 'REPLACE', Tagging: 'color=blue&size=xl' }));
  assert.deepEqual(await tagsOf('replaced'), ['color=blue', 'size=xl']);
  await s3.send(new CopyObjectCommand({ Bucket: 'tags', Key: 'cleared', CopySource: 'tags/source', TaggingDirective: 'REPLACE' }));
  assert.deepEqual(await tagsOf('cleared'), []);

  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'tags', Key: 'big', Tagging: 'kind=multipart' }));
  const part = await s3.send(new UploadPartCommand({ Bucket: 'tags', Key: 'big', UploadId, PartNumber: 1, Body: Buffer.alloc(1024, 1) }));
  await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'tags', Key: 'big', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }));
  assert.deepEqual(await tagsOf('big'), ['kind=multipart']);
});

async function postForm(post, file, extra = {}, fileName = 'hello.txt') {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...post.fields, ...extra })) form.append(name, value);
  form.append('file', new Blob([file]), fileName);
  return fetch(post.url, { method: 'POST', body: form, redirect: 'manual' });
}

test('presigned POST form uploads land as objects with the form fields as headers', async () => {
  const post = await createPresignedPost(s3, {
    Bucket: 'forms',
    Key: 'uploads/${filename}',
    Conditions: [['content-length-range', 1, 1 << 20], ['starts-with', '$Content-Type', 'text/'], ['starts-with', '$x-amz-meta-owner', '']],
    Fields: { 'Content-Type': 'text/plain', success_action_status: '201' },
    Expires: 600,
  });
  assert.equal(post.url, `http://127.0.0.1:${homeport.ports.storage}/forms`);
  const created = await postForm(post, 'form upload body', { 'x-amz-meta-owner': 'ana' });
  const xml = await created.text();
  assert.equal(created.status, 201, xml);
  assert.match(xml, /<PostResponse><Location>\/forms\/uploads\/hello.txt<\/Location><Bucket>forms<\/Bucket><Key>uploads\/hello.txt<\/Key><ETag>&quot;[0-9a-f]{32}&quot;<\/ETag><\/PostResponse>/);
  const got = await s3.send(new GetObjectCommand({ Bucket: 'forms', Key: 'uploads/hello.txt' }));
  assert.equal(got.ContentType, 'text/plain');
  assert.equal(got.Metadata.owner, 'ana');
  assert.equal(await got.Body.transformToString(), 'form upload body');

  // The default answer is 204 with the ETag; a redirect gets the bucket, key and ETag.
  const plain = await createPresignedPost(s3, { Bucket: 'forms', Key: 'plain.bin', Expires: 60 });
  const noContent = await postForm(plain, 'x');
  assert.equal(noContent.status, 204);
  assert.equal(noContent.headers.get('etag'), `"${createHash('md5').update('x').digest('hex')}"`);
  const redirecting = await createPresignedPost(s3, {
    Bucket: 'forms', Key: 'redirected.txt', Fields: { success_action_redirect: 'http://app.example/done?from=form' }, Expires: 60,
  });
  const redirected = await postForm(redirecting, 'r');
  assert.equal(redirected.status, 303);
  const location = new URL(redirected.headers.get('location'));
  assert.equal(location.origin + location.pathname, 'http://app.example/done');
  assert.equal(location.searchParams.get('from'), 'form');
  assert.equal(location.searchParams.get('bucket'), 'forms');
  assert.equal(location.searchParams.get('key'), 'redirected.txt');
  assert.equal(location.searchParams.get('etag'), `"${createHash('md5').update('r').digest('hex')}"`);
});

test('a large form upload streams through whole', async () => {
  const big = randomBytes(24 << 20);
  const post = await createPresignedPost(s3, { Bucket: 'forms', Key: 'large.bin', Expires: 60 });
  const answer = await postForm(post, big);
  assert.equal(answer.status, 204, await answer.text());
  const head = await s3.send(new HeadObjectCommand({ Bucket: 'forms', Key: 'large.bin' }));
  assert.equal(head.ContentLength, big.length);
  assert.equal(head.ETag, `"${createHash('md5').update(big).digest('hex')}"`);
});

test('form uploads that break their policy are refused and store nothing', async () => {
  const post = await createPresignedPost(s3, {
    Bucket: 'forms', Key: 'guarded.txt', Expires: 60,
    Conditions: [['content-length-range', 1, 16], ['eq', '$Content-Type', 'text/plain']],
    Fields: { 'Content-Type': 'text/plain' },
  });
  const expectError = async (response, status, code) => {
    const xml = await response.text();
    assert.equal(response.status, status, xml);
    assert.match(xml, new RegExp(`<Error><Code>${code}</Code>`));
  };
  await expectError(await postForm(post, 'ok', { 'Content-Type': 'image/png' }), 403, 'AccessDenied');
  await expectError(await postForm(post, 'ok', { 'x-amz-meta-extra': 'not in the policy' }), 403, 'AccessDenied');
  await expectError(await postForm(post, 'seventeen bytes!!'), 400, 'EntityTooLarge');
  await expectError(await postForm(post, ''), 400, 'EntityTooSmall');
  // The SDK names the field X-Amz-Signature; form field names compare without case.
  const signatureField = Object.keys(post.fields).find((name) => name.toLowerCase() === 'x-amz-signature');
  const tampered = post.fields[signatureField].replace(/^./, (c) => (c === '0' ? '1' : '0'));
  await expectError(await postForm(post, 'ok', { [signatureField]: tampered }), 403, 'SignatureDoesNotMatch');
  const otherBucket = await createPresignedPost(s3, { Bucket: 'tags', Key: 'elsewhere.txt', Expires: 60 });
  await expectError(await fetch(post.url, {
    method: 'POST',
    body: (() => { const f = new FormData(); for (const [n, v] of Object.entries(otherBucket.fields)) f.append(n, v); f.append('file', new Blob(['x'])); return f; })(),
  }), 403, 'AccessDenied');
  const expired = await createPresignedPost(s3, { Bucket: 'forms', Key: 'late.txt', Expires: -10 });
  await expectError(await postForm(expired, 'late'), 403, 'AccessDenied');
  await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: 'forms', Key: 'guarded.txt' })), 'NotFound', 404);
  await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: 'forms', Key: 'late.txt' })), 'NotFound', 404);

  // No file part, or no policy at all.
  const noFile = new FormData();
  for (const [n, v] of Object.entries(post.fields)) noFile.append(n, v);
  await expectError(await fetch(post.url, { method: 'POST', body: noFile }), 400, 'InvalidArgument');
  const unsigned = new FormData();
  unsigned.append('key', 'anon.txt');
  unsigned.append('file', new Blob(['anon']));
  await expectError(await fetch(post.url, { method: 'POST', body: unsigned }), 403, 'AccessDenied');
});

test('CRC64NVME checksums as a header and as a trailer', async () => {
  const body = Buffer.from('crc64 nvme body');
  const put = await s3.send(new PutObjectCommand({ Bucket: 'tags', Key: 'crc64', Body: body, ChecksumAlgorithm: 'CRC64NVME' }));
  assert.ok(put.ChecksumCRC64NVME, 'the checksum is echoed');
  const streamed = await s3.send(new PutObjectCommand({
    Bucket: 'tags', Key: 'crc64-stream', Body: Readable.from([body]), ContentLength: body.length, ChecksumAlgorithm: 'CRC64NVME',
  }));
  assert.equal(streamed.ChecksumCRC64NVME, put.ChecksumCRC64NVME);
  await rejectsWith(s3.send(new PutObjectCommand({ Bucket: 'tags', Key: 'crc64-bad', Body: body, ChecksumCRC64NVME: 'AAAAAAAAAAA=' })), 'BadDigest', 400);
});
