// Large copies run off the storage service's thread: while an UploadPartCopy of a 160 MiB object
// is being written, a HEAD and a listing sent once the copy's temp file exists are answered
// before the copy's own response. No timing is asserted, only the order in which the answers
// arrive (a copy on the service thread cannot answer anything before it ends). The
// CompleteMultipartUpload that joins two such parts writes no byte: the store holds the source
// and the two part files and nothing more, and the object reads back byte for byte (also in a
// range across the parts' boundary), and its part files go with it when it is deleted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  S3Client, CreateBucketCommand, PutObjectCommand, HeadObjectCommand, GetObjectCommand, ListObjectsV2Command,
  CreateMultipartUploadCommand, UploadPartCopyCommand, CompleteMultipartUploadCommand, DeleteObjectCommand,
} from '@aws-sdk/client-s3';
import { bodyOf } from './cli_tools.mjs';
import { startHomeport } from '../lib/homeport.mjs';

const SIZE = 160 * 1024 * 1024;

// Resolves once a temp file with bytes in it shows up in the store's tmp/ folder.
async function copyStarted(dataDir) {
  const dirs = [join(dataDir, 'storage', 'tmp'), join(dataDir, 'tmp')].filter(existsSync);
  assert.ok(dirs.length, `no tmp folder under ${dataDir}`);
  for (;;) {
    for (const dir of dirs) {
      for (const name of readdirSync(dir)) {
        try {
          if (statSync(join(dir, name)).size > 0) return;
        } catch { /* renamed away meanwhile */ }
      }
    }
    await new Promise((r) => setTimeout(r, 2));
  }
}

// Bytes in the store's data files (objects/<xx>/<id>).
function storedBytes(dataDir) {
  const root = [join(dataDir, 'storage', 'objects'), join(dataDir, 'objects')].find(existsSync);
  let total = 0;
  for (const sub of readdirSync(root)) {
    for (const name of readdirSync(join(root, sub))) total += statSync(join(root, sub, name)).size;
  }
  return total;
}

// Runs the slow request; once its temp file exists, a HEAD and a listing. Returns the order in
// which the three answers arrived.
async function answeredWhileCopying(s3, dataDir, slow) {
  const order = [];
  const copying = slow().then((out) => { order.push('copy'); return out; });
  await Promise.race([copyStarted(dataDir), copying]);
  const head = s3.send(new HeadObjectCommand({ Bucket: 'big', Key: 'source.bin' })).then((h) => { order.push('head'); return h; });
  const list = s3.send(new ListObjectsV2Command({ Bucket: 'big' })).then((l) => { order.push('list'); return l; });
  const [out, h] = await Promise.all([copying, head, list]);
  assert.equal(h.ContentLength, SIZE);
  return { order, out };
}

test('a HEAD and a listing are answered while a large UploadPartCopy and Complete run', async () => {
  const homeport = await startHomeport({ disable: ['channels', 'errors', 'search', 'inference'] });
  try {
    await homeport.settled();
    const s3 = new S3Client({
      endpoint: `http://127.0.0.1:${homeport.ports.storage}`, region: 'us-east-1', forcePathStyle: true, maxAttempts: 1,
      credentials: { accessKeyId: homeport.secrets.storage.access_key, secretAccessKey: homeport.secrets.storage.secret_key },
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'big' }));
    const source = bodyOf('source', SIZE);
    await s3.send(new PutObjectCommand({ Bucket: 'big', Key: 'source.bin', Body: source }));

    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'big', Key: 'copy.bin' }));
    const copied = await answeredWhileCopying(s3, homeport.dataDir, () => s3.send(new UploadPartCopyCommand({
      Bucket: 'big', Key: 'copy.bin', UploadId, PartNumber: 1, CopySource: 'big/source.bin', CopySourceRange: `bytes=0-${SIZE - 1}`,
    })));
    assert.equal(copied.order.at(-1), 'copy', copied.order.join());
    const partEtag = copied.out.CopyPartResult.ETag;
    assert.equal(partEtag, `"${createHash('md5').update(source).digest('hex')}"`);

    await s3.send(new UploadPartCopyCommand({ Bucket: 'big', Key: 'copy.bin', UploadId, PartNumber: 2, CopySource: 'big/source.bin' }));

    assert.equal(storedBytes(homeport.dataDir), 3 * SIZE, 'the source and two part files');
    const completed = await s3.send(new CompleteMultipartUploadCommand({
      Bucket: 'big', Key: 'copy.bin', UploadId,
      MultipartUpload: { Parts: [{ PartNumber: 1, ETag: partEtag }, { PartNumber: 2, ETag: partEtag }] },
    }));
    const md5 = createHash('md5').update(source).digest();
    assert.equal(completed.ETag, `"${createHash('md5').update(md5).update(md5).digest('hex')}-2"`);
    assert.equal(storedBytes(homeport.dataDir), 3 * SIZE, 'Complete wrote no second copy of the parts');

    const got = await s3.send(new GetObjectCommand({ Bucket: 'big', Key: 'copy.bin' }));
    assert.equal(got.ContentLength, 2 * SIZE);
    const hash = createHash('sha256');
    for await (const chunk of got.Body) hash.update(chunk);
    assert.equal(hash.digest('hex'), createHash('sha256').update(source).update(source).digest('hex'));
    const across = await s3.send(new GetObjectCommand({ Bucket: 'big', Key: 'copy.bin', Range: `bytes=${SIZE - 5}-${SIZE + 4}` }));
    assert.deepEqual(Buffer.from(await across.Body.transformToByteArray()),
      Buffer.concat([source.subarray(SIZE - 5), source.subarray(0, 5)]));

    await s3.send(new DeleteObjectCommand({ Bucket: 'big', Key: 'copy.bin' }));
    assert.equal(storedBytes(homeport.dataDir), SIZE, 'the part files went with the object');
  } finally {
    const { code } = await homeport.stop();
    assert.equal(code, 0, homeport.log());
  }
});
