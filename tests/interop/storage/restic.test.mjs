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
import { cpSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CHUNK, SIGNED_STREAMING, assertRestored, bodyPuts, chunkLayout, logModes, modes, noise, resticFixture, resticMissing as skip,
} from './restic_tools.mjs';
import { until } from '../lib/wait.mjs';

let rx; // see resticFixture
let fx;
let proxy;

before(async () => {
  if (skip) return;
  rx = await resticFixture('homeport-restic-');
  ({ fx, proxy } = rx);
});

after(async () => {
  await rx?.close();
});

test('restic: init, backup, check --read-data and restore over signed streaming PUTs', { skip }, async () => {
  const run = rx.restic('restic-repo');
  const entries = await rx.logged(() => rx.backupAndCheck(run, join(fx.dir, 'restored')));

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
  const run = rx.restic('restic-repo');
  const source = join(fx.dir, 'source-changed');
  cpSync(rx.source, source, { recursive: true });
  const files = { ...rx.sourceFiles };
  delete files['notes.txt'];
  rmSync(join(source, 'notes.txt'));
  files['docs/with space.txt'] = noise('space, changed', 3000);
  files['media/new +.bin'] = noise('new', 300000);
  for (const path of ['docs/with space.txt', 'media/new +.bin']) writeFileSync(join(source, path), files[path]);

  const entries = await rx.logged(async () => {
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
  const run = rx.restic('restic-tampered');
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
  proxy.onAnswer = async (entry) => { entry.headBeforeRetry = await rx.headStatus(entry.target); };
  proxy.onCut = proxy.onAnswer;
  let entries;
  try {
    entries = await rx.logged(() => rx.backupAndCheck(run, join(fx.dir, 'restored-after-retry')));
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
    assert.equal(await rx.headStatus(entry.target), 200);
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
  const run = rx.restic('restic-repo', `${fx.secretKey}x`);
  const entries = await rx.logged(async () => {
    const result = await run(['snapshots'], { expectFailure: true });
    assert.ok(result.failed, 'restic accepted a wrong secret');
    assert.match(result.stderr, /signature we calculated does not match/);
  });
  assert.ok(entries.length > 0);
  for (const e of entries) assert.equal(e.errorCode, 'SignatureDoesNotMatch', JSON.stringify(e));
});
