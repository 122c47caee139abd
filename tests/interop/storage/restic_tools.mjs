// What the restic tests share: Debian's restic (its S3 backend is minio-go) pointed at a real
// headless Homeport through the logging proxy, a source folder of incompressible files with odd
// names, and the checks on what restic stored, restored and sent.
import assert from 'node:assert/strict';
import { createCipheriv } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { join } from 'node:path';
import { S3Client, HeadObjectCommand } from '@aws-sdk/client-s3';
import { makeRunner, storageFixture } from './cli_tools.mjs';
import { startLoggingProxy } from './logging_proxy.mjs';

const restic = '/usr/bin/restic';
export const resticMissing = !existsSync(restic) && 'restic is not installed';
export const SIGNED_STREAMING = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const CHUNK = 64 * 1024; // minio-go's signed chunk size

// Incompressible but repeatable bytes (restic compresses, so patterned bodies would shrink).
export function noise(seed, size) {
  const key = Buffer.alloc(16, 0);
  key.write(seed);
  return createCipheriv('aes-128-ctr', key, Buffer.alloc(16, 0)).update(Buffer.alloc(size));
}

// Where each chunk's data and signature sit in an encoded signed streaming body:
// "<hex size>;chunk-signature=<64 hex>\r\n<data>\r\n" per chunk, then the empty final chunk.
export function chunkLayout(decodedLength) {
  const chunks = [];
  let offset = 0;
  for (let left = decodedLength; ; left -= CHUNK) {
    const size = Math.max(0, Math.min(left, CHUNK));
    const prefix = `${size.toString(16)};chunk-signature=`;
    chunks.push({ size, signatureAt: offset + prefix.length, dataAt: offset + prefix.length + 64 + 2 });
    offset += prefix.length + 64 + 2 + size + 2;
    if (size === 0) break;
  }
  return { chunks, encodedLength: offset };
}

export const bodyPuts = (entries) => entries.filter((e) => e.method === 'PUT' && Number(e['content-length'] ?? 0) > 0);

// PUTs with a body, counted by their x-amz-content-sha256 (hex digests as "sha256").
export function modes(entries) {
  const counts = {};
  for (const e of bodyPuts(entries)) {
    const mode = /^[0-9a-f]{64}$/.test(e['x-amz-content-sha256']) ? 'sha256' : e['x-amz-content-sha256'];
    counts[mode] = (counts[mode] ?? 0) + 1;
  }
  return counts;
}

// For the test's log: every request by method, payload signing mode and status.
export function logModes(label, entries) {
  const counts = {};
  for (const e of entries) {
    const hash = e['x-amz-content-sha256'] === EMPTY_SHA256 ? 'sha256 of empty' : e['x-amz-content-sha256'];
    const key = `${e.method} ${hash} ${e.status}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  console.log(`restic's requests (${label}): ${JSON.stringify(counts)}`);
}

// The restored copy of source (restic keeps absolute paths) holds exactly files.
export function assertRestored(target, source, files) {
  const root = join(target, source);
  const found = readdirSync(root, { recursive: true }).filter((p) => statSync(join(root, p)).isFile()).sort();
  assert.deepEqual(found, Object.keys(files).sort());
  for (const [path, content] of Object.entries(files)) {
    assert.ok(readFileSync(join(root, path)).equals(content), `restored ${path} differs`);
  }
}

// Homeport (https with tls), the logging proxy in front of it, an AWS SDK client straight to
// it, and the source folder; call close() at the end.
export async function resticFixture(prefix, { tls = false } = {}) {
  const fx = await storageFixture(prefix, { tls });
  const proxy = await startLoggingProxy({ targetPort: fx.homeport.ports.storage, tls: fx.tls });
  const s3 = new S3Client({
    endpoint: fx.endpoint, region: 'us-east-1', forcePathStyle: true, maxAttempts: 1,
    credentials: { accessKeyId: fx.accessKey, secretAccessKey: fx.secretKey },
    ...(tls ? { requestHandler: { httpsAgent: new Agent({ ca: fx.tls.cert }) } } : {}),
  });
  // restic packs the files' blobs into pack files of at least 4 MiB, so the big file makes a
  // PUT of some hundred 64 KiB signed chunks; the small ones share a pack.
  const source = join(fx.dir, 'source');
  for (const dir of ['', 'docs', 'docs/ünïcødé ✓', 'media']) mkdirSync(join(source, dir), { recursive: true });
  const sourceFiles = {
    'notes.txt': Buffer.from('a few words\n'),
    'docs/with space.txt': noise('space', 1000),
    'docs/plus+sign & amp=eq.txt': noise('plus', 70000),
    'docs/ünïcødé ✓/per%cent.bin': noise('unicode', 200000),
    'media/big.bin': noise('big', 6 * 1024 * 1024 + 12345),
    'empty': Buffer.alloc(0),
  };
  for (const [path, content] of Object.entries(sourceFiles)) writeFileSync(join(source, path), content);

  return {
    fx,
    proxy,
    s3,
    source,
    sourceFiles,
    // restic on a bucket, through the proxy, without a local cache.
    restic(bucket, secretKey = fx.secretKey) {
      const env = {
        PATH: process.env.PATH, HOME: fx.dir, TMPDIR: fx.dir, LANG: 'C.UTF-8',
        RESTIC_REPOSITORY: `s3:${tls ? 'https' : 'http'}://127.0.0.1:${proxy.port}/${bucket}`,
        RESTIC_PASSWORD: 'homeport restic test', AWS_ACCESS_KEY_ID: fx.accessKey, AWS_SECRET_ACCESS_KEY: secretKey,
      };
      return makeRunner(restic, ['--no-cache', ...(tls ? ['--cacert', fx.tls.certPath] : [])], env);
    },
    // The requests restic made while fn ran.
    async logged(fn) {
      const from = proxy.log.length;
      await fn();
      const entries = proxy.log.slice(from);
      assert.deepEqual(entries.filter((e) => e.proxyError), []);
      return entries;
    },
    // HEAD of a request target ("/bucket/key") with the AWS SDK: 200 or the error status.
    async headStatus(target) {
      const [, bucket, ...key] = target.split('/');
      try {
        await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: decodeURIComponent(key.join('/')) }));
        return 200;
      } catch (error) {
        return error.$metadata?.httpStatusCode ?? String(error);
      }
    },
    // init, backup of the source folder, check --read-data, restore compared byte for byte.
    async backupAndCheck(run, target) {
      await run(['init']);
      await run(['backup', source]);
      assert.match(await run(['check', '--read-data']), /no errors were found/);
      await run(['restore', 'latest', '--target', target]);
      assertRestored(target, source, sourceFiles);
    },
    async close() {
      s3.destroy();
      await proxy.close();
      const { code } = await fx.close();
      assert.equal(code, 0, fx.homeport.log());
    },
  };
}
