// Debian's s3cmd with signature v4 and path-style addressing (host_bucket = host_base) against a
// real headless Homeport: buckets, small and multipart puts (20 MiB in 5 MiB chunks), listings,
// gets compared byte for byte, server-side copy, keys with spaces, + and unicode, info, sync of a
// folder, deletes and bucket removal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ODD_KEYS, bodyOf, makeRunner, sha256, storageFixture } from './cli_tools.mjs';

const s3cmd = '/usr/bin/s3cmd';

test('s3cmd (SigV4, path style): put, get, list, copy, sync, delete against Homeport', { skip: !existsSync(s3cmd) && 's3cmd is not installed' }, async () => {
  const fx = await storageFixture('homeport-s3cmd-');
  try {
    const host = fx.endpoint.replace('http://', '');
    const config = fx.file('s3cfg', [
      '[default]', `access_key = ${fx.accessKey}`, `secret_key = ${fx.secretKey}`, `host_base = ${host}`,
      `host_bucket = ${host}`, 'use_https = False', 'signature_v2 = False', 'bucket_location = us-east-1',
      'multipart_chunk_size_mb = 5', 'progress_meter = False', '',
    ].join('\n'));
    const run = makeRunner(s3cmd, ['-c', config, '--no-check-certificate'], { PATH: process.env.PATH, HOME: fx.dir, LANG: 'C.UTF-8' });

    await run(['mb', 's3://sc-bucket']);
    assert.match(await run(['ls']), /s3:\/\/sc-bucket/);

    const small = bodyOf('small', 4321);
    const big = bodyOf('big', 20 * 1024 * 1024 + 99); // 5 parts of 5 MiB
    await run(['put', fx.file('small.txt', small), 's3://sc-bucket/dir/small.txt']);
    await run(['put', fx.file('big.bin', big), 's3://sc-bucket/dir/big.bin']);
    for (const [i, key] of ODD_KEYS.entries()) await run(['put', fx.file(`odd${i}`, `odd ${key}`), `s3://sc-bucket/${key}`]);

    const info = await run(['info', 's3://sc-bucket/dir/big.bin']);
    assert.match(info, new RegExp(`File size:\\s+${big.length}`));
    assert.match(info, new RegExp(`MD5 sum:\\s+${createHash('md5').update(big).digest('hex')}`));

    await run(['get', 's3://sc-bucket/dir/big.bin', join(fx.dir, 'big.out')]);
    assert.equal(sha256(readFileSync(join(fx.dir, 'big.out'))), sha256(big));
    assert.deepEqual(await run(['get', 's3://sc-bucket/dir/small.txt', '-'], { encoding: 'buffer' }), small);
    for (const [i, key] of ODD_KEYS.entries()) {
      await run(['get', '--force', `s3://sc-bucket/${key}`, join(fx.dir, `odd${i}.out`)]);
      assert.equal(readFileSync(join(fx.dir, `odd${i}.out`), 'utf8'), `odd ${key}`, key);
    }
    const listing = await run(['ls', 's3://sc-bucket/odd/']);
    for (const key of ODD_KEYS) assert.ok(listing.includes(`s3://sc-bucket/${key}`), `${key} in\n${listing}`);
    const top = await run(['ls', 's3://sc-bucket/']);
    assert.match(top, /DIR\s+s3:\/\/sc-bucket\/dir\//);
    assert.match(top, /DIR\s+s3:\/\/sc-bucket\/odd\//);

    // Server-side copies.
    await run(['cp', 's3://sc-bucket/dir/big.bin', 's3://sc-bucket/copy/big.bin']);
    await run(['get', 's3://sc-bucket/copy/big.bin', join(fx.dir, 'copy.out')]);
    assert.equal(sha256(readFileSync(join(fx.dir, 'copy.out'))), sha256(big));
    await run(['cp', `s3://sc-bucket/${ODD_KEYS[2]}`, `s3://sc-bucket/copy/${ODD_KEYS[2].slice(4)}`]);
    assert.equal(String(await run(['get', `s3://sc-bucket/copy/${ODD_KEYS[2].slice(4)}`, '-'])), `odd ${ODD_KEYS[2]}`);

    // sync up a folder (12 files, names with spaces and +), then a change is picked up by MD5.
    const folder = join(fx.dir, 'folder');
    mkdirSync(join(folder, 'sub dir'), { recursive: true });
    const names = Array.from({ length: 12 }, (_, i) => (i % 2 ? 'sub dir/' : '') + `f${i} +.txt`);
    for (const name of names) writeFileSync(join(folder, name), name);
    await run(['sync', `${folder}/`, 's3://sc-bucket/synced/']);
    const synced = (await run(['ls', '--recursive', 's3://sc-bucket/synced/'])).trim().split('\n');
    assert.equal(synced.length, names.length, synced.join('\n'));
    writeFileSync(join(folder, names[0]), 'changed');
    const resync = await run(['sync', '--no-preserve', `${folder}/`, 's3://sc-bucket/synced/']);
    assert.match(resync, /upload: .*f0 \+\.txt/);
    assert.equal(String(await run(['get', 's3://sc-bucket/synced/f0 +.txt', '-'])), 'changed');

    // Deletes; a bucket with objects is refused, then removed once empty.
    await run(['del', `s3://sc-bucket/${ODD_KEYS[0]}`]);
    assert.ok(!(await run(['ls', 's3://sc-bucket/odd/'])).includes(ODD_KEYS[0]));
    const refused = await run(['rb', 's3://sc-bucket'], { expectFailure: true });
    assert.match(refused.stderr, /BucketNotEmpty/);
    await run(['del', '--recursive', '--force', 's3://sc-bucket']);
    assert.equal((await run(['ls', '--recursive', 's3://sc-bucket'])).trim(), '');
    await run(['rb', 's3://sc-bucket']);
    assert.doesNotMatch(await run(['ls']), /sc-bucket/);
  } finally {
    const { code } = await fx.close();
    assert.equal(code, 0, fx.homeport.log());
  }
});
