// Debian's restic against a real headless Homeport serving storage over https (a self-signed
// certificate, given to restic with --cacert), through the logging proxy, which speaks https on
// both sides with the same certificate. Over TLS minio-go does not sign bodies: every PUT says
// x-amz-content-sha256: UNSIGNED-PAYLOAD and carries a Content-MD5 instead, so this is the path
// that guards restic's packs on most self-hosted setups. A repository is made, backed up,
// checked with --read-data and restored byte for byte; then the proxy flips one byte in the middle
// of a pack's body: the server must answer BadDigest and keep nothing under the key (looked up
// with the AWS SDK before restic may retry), and restic's retry must store the pack whole.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { bodyPuts, logModes, modes, resticFixture, resticMissing as skip } from './restic_tools.mjs';

let rx; // see resticFixture

before(async () => {
  if (skip) return;
  rx = await resticFixture('homeport-restic-tls-', { tls: true });
});

after(async () => {
  await rx?.close();
});

test('restic over https: init, backup, check --read-data and restore with Content-MD5 on unsigned bodies', { skip }, async () => {
  const run = rx.restic('restic-tls');
  const entries = await rx.logged(() => rx.backupAndCheck(run, join(rx.fx.dir, 'restored')));
  logModes('backup over https', entries);

  const puts = bodyPuts(entries);
  assert.deepEqual(modes(entries), { 'UNSIGNED-PAYLOAD': puts.length }, JSON.stringify(puts, null, 1));
  for (const put of puts) {
    assert.equal(put.status, 200, JSON.stringify(put));
    assert.match(put['content-md5'] ?? '', /^[A-Za-z0-9+/]{22}==$/, JSON.stringify(put));
  }
  assert.ok(puts.some((e) => e.target.startsWith('/restic-tls/data/') && Number(e['content-length']) > 4 << 20));
});

test('restic over https: a flipped byte in a pack is refused with BadDigest and nothing is stored', { skip }, async () => {
  const run = rx.restic('restic-tls-tampered');
  let tampered = null;
  rx.proxy.tamper = (entry) => {
    if (tampered || entry.method !== 'PUT' || !entry.target.startsWith('/restic-tls-tampered/data/')) return null;
    if (Number(entry['content-length']) < 1 << 20) return null;
    tampered = entry;
    return Math.floor(Number(entry['content-length']) / 2);
  };
  // Before restic sees the refusal (and retries), the key must not exist.
  rx.proxy.onAnswer = async (entry) => { entry.headBeforeRetry = await rx.headStatus(entry.target); };
  let entries;
  try {
    entries = await rx.logged(() => rx.backupAndCheck(run, join(rx.fx.dir, 'restored-after-retry')));
  } finally {
    rx.proxy.tamper = null;
    rx.proxy.onAnswer = null;
  }
  logModes('tampered backup over https', entries);

  assert.ok(tampered, 'no pack was tampered with');
  assert.equal(tampered.status, 400, JSON.stringify(tampered));
  assert.equal(tampered.errorCode, 'BadDigest', JSON.stringify(tampered));
  assert.equal(tampered.headBeforeRetry, 404, 'the refused body was stored');
  const attempts = entries.filter((e) => e.method === 'PUT' && e.target === tampered.target);
  assert.equal(attempts[0], tampered);
  assert.ok(attempts.length > 1, 'no retry');
  assert.equal(attempts.at(-1).status, 200, JSON.stringify(attempts));
  assert.equal(await rx.headStatus(tampered.target), 200);
});
