// Debian's restic (its S3 backend is minio-go) against a real headless Homeport, through a
// logging proxy. Over plain HTTP minio-go signs every PUT body chunk by chunk
// (x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD, 64 KiB chunks), which none of the
// other clients in these tests do; the proxy log proves that path is the one exercised.
// A repository is made, a folder with odd names and a multi-MiB incompressible file is backed up,
// checked with --read-data, restored byte for byte, backed up again changed, pruned and checked.
// Then the proxy flips one byte of a chunk's data and one of a chunk signature: the server must
// answer SignatureDoesNotMatch and keep nothing under the key (looked up with the AWS SDK before
// restic may retry); it drops restic's retry of that pack halfway, which must store nothing
// either; restic's next retry must then store the pack whole. A wrong secret makes restic fail
// on SignatureDoesNotMatch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { S3Client, HeadObjectCommand } from '@aws-sdk/client-s3';
import { makeRunner, storageFixture } from './cli_tools.mjs';
import { startLoggingProxy } from './logging_proxy.mjs';
import { until } from '../lib/wait.mjs';

const restic = '/usr/bin/restic';
const skip = !existsSync(restic) && 'restic is not installed';
const SIGNED_STREAMING = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
const CHUNK = 64 * 1024; // minio-go's signed chunk size
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

let fx;
let proxy;
let s3;
let sourceFiles; // relative path -> Buffer

// Incompressible but repeatable bytes (restic compresses, so patterned bodies would shrink).
function noise(seed, size) {
  const key = Buffer.alloc(16, 0);
  key.write(seed);
  return createCipheriv('aes-128-ctr', key, Buffer.alloc(16, 0)).update(Buffer.alloc(size));
}

// Where each chunk's data and signature sit in an encoded signed streaming body:
// "<hex size>;chunk-signature=<64 hex>\r\n<data>\r\n" per chunk, then the empty final chunk.
function chunkLayout(decodedLength) {
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

function resticRunner(bucket, secretKey = fx.secretKey) {
  const env = {
    PATH: process.env.PATH, HOME: fx.dir, TMPDIR: fx.dir, LANG: 'C.UTF-8',
    RESTIC_REPOSITORY: `s3:http://127.0.0.1:${proxy.port}/${bucket}`, RESTIC_PASSWORD: 'homeport restic test',
    AWS_ACCESS_KEY_ID: fx.accessKey, AWS_SECRET_ACCESS_KEY: secretKey,
  };
  return makeRunner(restic, ['--no-cache'], env);
}

// The requests restic made while fn ran.
async function logged(fn) {
  const from = proxy.log.length;
  await fn();
  const entries = proxy.log.slice(from);
  assert.deepEqual(entries.filter((e) => e.proxyError), []);
  return entries;
}

const bodyPuts = (entries) => entries.filter((e) => e.method === 'PUT' && Number(e['content-length'] ?? 0) > 0);

function modes(entries) {
  const counts = {};
  for (const e of bodyPuts(entries)) counts[e['x-amz-content-sha256']] = (counts[e['x-amz-content-sha256']] ?? 0) + 1;
  return counts;
}

// For the test's log: every request by method, payload signing mode and status.
function logModes(label, entries) {
  const counts = {};
  for (const e of entries) {
    const hash = e['x-amz-content-sha256'] === EMPTY_SHA256 ? 'sha256 of empty' : e['x-amz-content-sha256'];
    const key = `${e.method} ${hash} ${e.status}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  console.log(`restic's requests (${label}): ${JSON.stringify(counts)}`);
}

async function headStatus(target) {
  const [, bucket, ...key] = target.split('/');
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: decodeURIComponent(key.join('/')) }));
    return 200;
  } catch (error) {
    return error.$metadata?.httpStatusCode ?? String(error);
  }
}

// The restored copy of source (restic keeps absolute paths) holds exactly files.
function assertRestored(target, source, files) {
  const root = join(target, source);
  const found = readdirSync(root, { recursive: true }).filter((p) => statSync(join(root, p)).isFile()).sort();
  assert.deepEqual(found, Object.keys(files).sort());
  for (const [path, content] of Object.entries(files)) {
    assert.ok(readFileSync(join(root, path)).equals(content), `restored ${path} differs`);
  }
}

async function backupAndCheck(run, source, target) {
  await run(['init']);
  await run(['backup', source]);
  assert.match(await run(['check', '--read-data']), /no errors were found/);
  await run(['restore', 'latest', '--target', target]);
  assertRestored(target, source, sourceFiles);
}

before(async () => {
  if (skip) return;
  fx = await storageFixture('homeport-restic-');
  proxy = await startLoggingProxy({ targetPort: fx.homeport.ports.storage });
  s3 = new S3Client({
    endpoint: fx.endpoint, region: 'us-east-1', forcePathStyle: true, maxAttempts: 1,
    credentials: { accessKeyId: fx.accessKey, secretAccessKey: fx.secretKey },
  });
  const source = join(fx.dir, 'source');
  for (const dir of ['', 'docs', 'docs/ünïcødé ✓', 'media']) mkdirSync(join(source, dir), { recursive: true });
  // restic packs the files' blobs into pack files of at least 4 MiB, so the big file makes a
  // PUT of some hundred 64 KiB signed chunks; the small ones share a pack.
  sourceFiles = {
    'notes.txt': Buffer.from('a few words\n'),
    'docs/with space.txt': noise('space', 1000),
    'docs/plus+sign & amp=eq.txt': noise('plus', 70000),
    'docs/ünïcødé ✓/per%cent.bin': noise('unicode', 200000),
    'media/big.bin': noise('big', 6 * 1024 * 1024 + 12345),
    'empty': Buffer.alloc(0),
  };
  for (const [path, content] of Object.entries(sourceFiles)) writeFileSync(join(source, path), content);
});

after(async () => {
  if (!fx) return;
  s3?.destroy();
  await proxy?.close();
  const { code } = await fx.close();
  assert.equal(code, 0, fx.homeport.log());
});

test('restic: init, backup, check --read-data and restore over signed streaming PUTs', { skip }, async () => {
  const run = resticRunner('restic-repo');
  const entries = await logged(() => backupAndCheck(run, join(fx.dir, 'source'), join(fx.dir, 'restored')));

  const puts = bodyPuts(entries);
  // Every PUT with a body was signed chunk by chunk, and every one was stored.
  assert.deepEqual(modes(entries), { [SIGNED_STREAMING]: puts.length }, JSON.stringify(entries, null, 1));
  for (const put of puts) {
    assert.equal(put.status, 200, JSON.stringify(put));
    // The encoded length is what 64 KiB chunks with signatures make of the decoded one.
    assert.equal(Number(put['content-length']), chunkLayout(Number(put['x-amz-decoded-content-length'])).encodedLength,
      JSON.stringify(put));
  }
  const packs = puts.filter((e) => e.target.startsWith('/restic-repo/data/'));
  assert.ok(packs.some((e) => Number(e['x-amz-decoded-content-length']) > 16 * CHUNK), JSON.stringify(packs));
  for (const kind of ['keys', 'config', 'locks', 'index', 'snapshots']) {
    assert.ok(puts.some((e) => e.target.startsWith(`/restic-repo/${kind}/`) || e.target === `/restic-repo/${kind}`), kind);
  }
  // restic read the packs back (check --read-data, restore) and removed its locks.
  assert.ok(entries.some((e) => e.method === 'GET' && e.target.startsWith('/restic-repo/data/') && e.status < 300));
  assert.ok(entries.some((e) => e.method === 'DELETE' && e.target.startsWith('/restic-repo/locks/') && e.status === 204));
  logModes('first backup', entries);
});

test('restic: a second backup of a changed folder, forget --prune, check and restore', { skip }, async () => {
  const run = resticRunner('restic-repo');
  const source = join(fx.dir, 'source-changed');
  cpSync(join(fx.dir, 'source'), source, { recursive: true });
  const files = { ...sourceFiles };
  delete files['notes.txt'];
  rmSync(join(source, 'notes.txt'));
  files['docs/with space.txt'] = noise('space, changed', 3000);
  files['media/new +.bin'] = noise('new', 300000);
  for (const path of ['docs/with space.txt', 'media/new +.bin']) writeFileSync(join(source, path), files[path]);

  const entries = await logged(async () => {
    await run(['backup', source]);
    assert.match(await run(['snapshots']), /2 snapshots/);
    await run(['forget', '--keep-last', '1', '--group-by', 'host', '--prune']);
    assert.match(await run(['snapshots']), /1 snapshots/);
    assert.match(await run(['check', '--read-data']), /no errors were found/);
    await run(['restore', 'latest', '--target', join(fx.dir, 'restored-changed')]);
  });
  logModes('second backup and prune', entries);
  assertRestored(join(fx.dir, 'restored-changed'), source, files);
  const puts = bodyPuts(entries);
  assert.deepEqual(modes(entries), { [SIGNED_STREAMING]: puts.length });
  assert.ok(puts.every((e) => e.status === 200));
  // forget removed the first snapshot, prune the index files it rewrote.
  for (const kind of ['snapshots', 'index']) {
    assert.ok(entries.some((e) => e.method === 'DELETE' && e.target.startsWith(`/restic-repo/${kind}/`) && e.status === 204), kind);
  }
});

test('restic: a flipped byte in a chunk or a chunk signature is refused, a dropped upload is dropped, nothing is stored', { skip }, async () => {
  const run = resticRunner('restic-tampered');
  const tampered = [];
  let cut = null;
  proxy.tamper = (entry) => {
    if (entry.method !== 'PUT' || entry['x-amz-content-sha256'] !== SIGNED_STREAMING) return null;
    const { chunks } = chunkLayout(Number(entry['x-amz-decoded-content-length']));
    const kinds = tampered.map((t) => t.kind);
    // The third chunk's data of the first pack large enough: the chain is checked past the first.
    if (entry.target.startsWith('/restic-tampered/data/') && chunks.length > 3 && !kinds.includes('data')) {
      tampered.push({ kind: 'data', entry });
      return chunks[2].dataAt + 1000;
    }
    // The final (empty) chunk's signature of the snapshot.
    if (entry.target.startsWith('/restic-tampered/snapshots/') && !kinds.includes('signature')) {
      tampered.push({ kind: 'signature', entry });
      return chunks.at(-1).signatureAt + 10;
    }
    return null;
  };
  // restic's retry of the refused pack loses its connection halfway through the body.
  proxy.cut = (entry) => {
    const refused = tampered.find((t) => t.kind === 'data')?.entry;
    if (cut || !refused || entry === refused || entry.method !== 'PUT' || entry.target !== refused.target) return null;
    cut = entry;
    return Math.floor(Number(entry['content-length']) / 2);
  };
  // Before restic sees the refusal or the drop (and retries), the key must not exist.
  proxy.onAnswer = async (entry) => { entry.headBeforeRetry = await headStatus(entry.target); };
  proxy.onCut = proxy.onAnswer;
  let entries;
  try {
    entries = await logged(() => backupAndCheck(run, join(fx.dir, 'source'), join(fx.dir, 'restored-after-retry')));
  } finally {
    proxy.tamper = null;
    proxy.onAnswer = null;
    proxy.cut = null;
    proxy.onCut = null;
  }

  logModes('tampered backup', entries);
  assert.deepEqual(tampered.map((t) => t.kind).sort(), ['data', 'signature']);
  for (const { kind, entry } of tampered) {
    assert.equal(entry.status, 403, `${kind}: ${JSON.stringify(entry)}`);
    assert.equal(entry.errorCode, 'SignatureDoesNotMatch', `${kind}: ${JSON.stringify(entry)}`);
    assert.equal(entry.headBeforeRetry, 404, `${kind}: the refused body was stored`);
    // restic retried the same key, and its last upload (checked by --read-data above) was stored.
    const attempts = entries.filter((e) => e.method === 'PUT' && e.target === entry.target);
    assert.equal(attempts[0], entry);
    assert.ok(attempts.length > 1, `${kind}: no retry`);
    assert.equal(attempts.at(-1).status, 200, JSON.stringify(attempts));
    assert.equal(await headStatus(entry.target), 200);
  }
  // The upload cut halfway left no object behind, and its body file goes with the connection.
  assert.ok(cut, 'no retry of the refused pack was cut');
  assert.equal(cut.status, undefined);
  assert.equal(cut.headBeforeRetry, 404, 'half a body was stored');
  const receiving = join(fx.homeport.dataDir, 'storage', 'tmp');
  assert.ok(existsSync(receiving), receiving);
  await until(() => readdirSync(receiving).length === 0, `no body left in ${receiving}`);
});

test('restic: a wrong secret fails with SignatureDoesNotMatch', { skip }, async () => {
  const run = resticRunner('restic-repo', `${fx.secretKey}x`);
  const entries = await logged(async () => {
    const result = await run(['snapshots'], { expectFailure: true });
    assert.ok(result.failed, 'restic accepted a wrong secret');
    assert.match(result.stderr, /signature we calculated does not match/);
  });
  assert.ok(entries.length > 0);
  for (const e of entries) assert.equal(e.errorCode, 'SignatureDoesNotMatch', JSON.stringify(e));
});
