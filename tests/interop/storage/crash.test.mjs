// Durability: homeport is killed with SIGKILL while 8 AWS SDK clients upload and overwrite
// objects in parallel, then restarted on the same data dir. Every acknowledged object must come
// back whole, every object listed must be exactly one of the bodies sent for its key (no torn or
// partial object is ever visible), and no data file may be left behind that no object owns.
// Bodies of 64-263 KiB cover both small objects kept in their database row and file-backed ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { startHomeport } from '../lib/homeport.mjs';

function client(homeport) {
  return new S3Client({
    endpoint: `http://127.0.0.1:${homeport.ports.storage}`, region: 'us-east-1', forcePathStyle: true, maxAttempts: 1,
    credentials: { accessKeyId: homeport.secrets.storage.access_key, secretAccessKey: homeport.secrets.storage.secret_key },
  });
}

// A body that names its key and version and has a size of its own, so any mix-up shows.
function body(key, version) {
  const seed = createHash('sha256').update(`${key}#${version}`).digest();
  const size = 64 * 1024 + (seed.readUInt16LE(0) % 200) * 1024;
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i += seed.length) seed.copy(out, i);
  return out;
}

function countFiles(dir) {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) n += entry.isDirectory() ? countFiles(join(dir, entry.name)) : 1;
  return n;
}

test('objects acknowledged before a SIGKILL come back whole; nothing torn is visible', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'homeport-crash-'));
  try {
    let homeport = await startHomeport({ disable: ['channels', 'errors', 'search', 'inference'], dataDir });
    await homeport.settled();
    let s3 = client(homeport);
    await s3.send(new CreateBucketCommand({ Bucket: 'crash' }));

    const sent = new Map();  // key -> versions sent (acknowledged or not)
    const acked = new Map(); // key -> last acknowledged version
    let ackCount = 0;
    let killed = false;
    const worker = async (w) => {
      for (let i = 0; !killed; i++) {
        // Even workers write new keys; odd ones keep overwriting one shared key.
        const key = w % 2 === 0 ? `w${w}/object-${i}` : `shared-${w}`;
        const version = i;
        if (!sent.has(key)) sent.set(key, new Set());
        sent.get(key).add(version);
        try {
          await s3.send(new PutObjectCommand({ Bucket: 'crash', Key: key, Body: body(key, version) }));
          if (!killed) {
            acked.set(key, version);
            ackCount++;
          }
        } catch {
          if (!killed) throw new Error(`PUT ${key} failed before the kill`);
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    // Kill once enough writes were acknowledged, while the others are in flight.
    while (ackCount < 120) await new Promise((r) => setTimeout(r, 5));
    killed = true; // from here on, failures are the crash and late answers are not counted
    await homeport.kill();
    await Promise.allSettled(workers);
    s3.destroy();
    assert.ok(acked.size > 0);

    homeport = await startHomeport({ disable: ['channels', 'errors', 'search', 'inference'], dataDir });
    await homeport.settled();
    s3 = client(homeport);
    const listed = [];
    let ContinuationToken;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: 'crash', ContinuationToken }));
      listed.push(...(page.Contents ?? []));
      ContinuationToken = page.NextContinuationToken;
    } while (ContinuationToken);

    const digest = (b) => createHash('sha256').update(b).digest('hex');
    for (const object of listed) {
      assert.ok(sent.has(object.Key), `${object.Key} was never sent`);
      const got = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: 'crash', Key: object.Key }))).Body.transformToByteArray());
      const versions = [...sent.get(object.Key)];
      const match = versions.find((v) => digest(body(object.Key, v)) === digest(got));
      assert.notEqual(match, undefined, `${object.Key} is not any body sent for it (${got.length} bytes)`);
      // An overwritten key holds its last acknowledged version or a later one that was in flight.
      if (acked.has(object.Key)) assert.ok(match >= acked.get(object.Key), `${object.Key} went back to version ${match}`);
      assert.equal(object.Size, got.length);
    }
    const listedKeys = new Set(listed.map((o) => o.Key));
    for (const key of acked.keys()) assert.ok(listedKeys.has(key), `acknowledged ${key} was lost`);
    // Files of writes that never committed are removed at start. Objects of up to 128 KiB live
    // in their database row and have no file.
    assert.equal(countFiles(join(dataDir, 'storage', 'objects')), listed.filter((o) => o.Size > 128 * 1024).length);
    assert.ok(listed.some((o) => o.Size <= 128 * 1024) && listed.some((o) => o.Size > 128 * 1024), 'both kinds were written');
    s3.destroy();
    const { code } = await homeport.stop();
    assert.equal(code, 0, homeport.log());
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
