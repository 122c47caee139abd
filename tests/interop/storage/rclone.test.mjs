// Debian's rclone (s3 backend, provider Other, path style) against a real headless Homeport:
// buckets, small and multipart uploads (20 MiB over a 8 MiB cutoff), listings paged 3 keys at a
// time, downloads compared byte for byte, server-side copies (CopyObject, and UploadPartCopy
// ranges past a lowered copy cutoff), keys with spaces, + and unicode, `rclone sync` of a folder
// tree followed by `rclone check` (sizes and MD5s), deletes and bucket removal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ODD_KEYS, bodyOf, makeRunner, sha256, storageFixture } from './cli_tools.mjs';

const rclone = '/usr/bin/rclone';

test('rclone: copy, list, cat, server-side copy, sync and check against Homeport', { skip: !existsSync(rclone) && 'rclone is not installed' }, async () => {
  const fx = await storageFixture('homeport-rclone-');
  try {
    // The remote "hp" comes from the environment alone; no config file is read.
    const env = {
      PATH: process.env.PATH, HOME: fx.dir, LANG: 'C.UTF-8', RCLONE_CONFIG: join(fx.dir, 'rclone.conf'),
      RCLONE_CONFIG_HP_TYPE: 's3', RCLONE_CONFIG_HP_PROVIDER: 'Other', RCLONE_CONFIG_HP_ENDPOINT: fx.endpoint,
      RCLONE_CONFIG_HP_ACCESS_KEY_ID: fx.accessKey, RCLONE_CONFIG_HP_SECRET_ACCESS_KEY: fx.secretKey,
      RCLONE_CONFIG_HP_REGION: 'us-east-1', RCLONE_CONFIG_HP_FORCE_PATH_STYLE: 'true',
    };
    const run = makeRunner(rclone, ['--retries', '1', '--low-level-retries', '1'], env);
    const multipart = ['--s3-upload-cutoff', '8M', '--s3-chunk-size', '5M'];

    await run(['mkdir', 'hp:rc-bucket']);
    assert.match(await run(['lsd', 'hp:']), /rc-bucket/);

    const small = bodyOf('small', 777);
    const big = bodyOf('big', 20 * 1024 * 1024 + 4321); // 5 parts of 5 MiB
    await run(['copyto', fx.file('small.txt', small), 'hp:rc-bucket/dir/small.txt']);
    await run(['copyto', fx.file('big.bin', big), 'hp:rc-bucket/dir/big.bin', ...multipart]);
    for (const [i, key] of ODD_KEYS.entries()) await run(['copyto', fx.file(`odd${i}`, `odd ${key}`), `hp:rc-bucket/${key}`]);

    const sizes = JSON.parse(await run(['lsjson', '-R', '--files-only', 'hp:rc-bucket/dir']));
    assert.deepEqual(sizes.map((e) => [e.Path, e.Size]), [['big.bin', big.length], ['small.txt', small.length]]);
    // rclone keeps the MD5 of a multipart upload in metadata; hashsum reads it back.
    assert.match(await run(['hashsum', 'MD5', 'hp:rc-bucket/dir']), /[0-9a-f]{32} {2}big\.bin/);

    assert.equal(sha256(await run(['cat', 'hp:rc-bucket/dir/big.bin'], { encoding: 'buffer' })), sha256(big));
    assert.deepEqual(await run(['cat', 'hp:rc-bucket/dir/small.txt'], { encoding: 'buffer' }), small);
    assert.deepEqual(await run(['cat', '--offset', '5242870', '--count', '30', 'hp:rc-bucket/dir/big.bin'], { encoding: 'buffer' }),
      big.subarray(5242870, 5242900));
    for (const key of ODD_KEYS) assert.equal(await run(['cat', `hp:rc-bucket/${key}`]), `odd ${key}`, key);
    const oddNames = (await run(['lsf', 'hp:rc-bucket/odd'])).trim().split('\n').sort();
    assert.deepEqual(oddNames, ODD_KEYS.map((k) => k.slice(4)).sort());

    // Server-side copies: CopyObject, then UploadPartCopy in 5 MiB ranges past a 5 MiB copy cutoff.
    await run(['copyto', 'hp:rc-bucket/dir/small.txt', 'hp:rc-bucket/copy/small.txt']);
    await run(['copyto', 'hp:rc-bucket/dir/big.bin', 'hp:rc-bucket/copy/big.bin', '--s3-copy-cutoff', '5M']);
    assert.deepEqual(await run(['cat', 'hp:rc-bucket/copy/small.txt'], { encoding: 'buffer' }), small);
    assert.equal(sha256(await run(['cat', 'hp:rc-bucket/copy/big.bin'], { encoding: 'buffer' })), sha256(big));
    await run(['copyto', `hp:rc-bucket/${ODD_KEYS[1]}`, `hp:rc-bucket/copy/${ODD_KEYS[1].slice(4)}`]);
    assert.equal(await run(['cat', `hp:rc-bucket/copy/${ODD_KEYS[1].slice(4)}`]), `odd ${ODD_KEYS[1]}`);

    // Listing 3 keys per request still yields all 17 in byte order.
    const many = [];
    for (let i = 0; i < 17; i++) many.push(`k${String(i).padStart(2, '0')} +.txt`);
    const manyDir = join(fx.dir, 'many');
    mkdirSync(manyDir);
    for (const name of many) writeFileSync(join(manyDir, name), name);
    await run(['copy', manyDir, 'hp:rc-bucket/many']);
    assert.deepEqual((await run(['lsf', '--s3-list-chunk', '3', 'hp:rc-bucket/many'])).trim().split('\n'), many);

    // sync + check of a small tree, then after a change, an addition and a removal.
    const tree = join(fx.dir, 'tree');
    for (const dir of ['a', 'a/b', 'c d', 'ü']) mkdirSync(join(tree, dir), { recursive: true });
    const treeFiles = { 'top.txt': 'top', 'a/one.txt': 'one', 'a/b/two.bin': bodyOf('two', 70000), 'c d/three +.txt': 'three',
      'ü/vier.txt': 'vier', 'a/b/big.bin': bodyOf('tree-big', 9 * 1024 * 1024) };
    for (const [path, content] of Object.entries(treeFiles)) writeFileSync(join(tree, path), content);
    await run(['sync', tree, 'hp:rc-bucket/tree', ...multipart]);
    await run(['check', tree, 'hp:rc-bucket/tree']);
    writeFileSync(join(tree, 'a/one.txt'), 'one, changed');
    writeFileSync(join(tree, 'new.txt'), 'new');
    rmSync(join(tree, 'c d/three +.txt'));
    await run(['sync', tree, 'hp:rc-bucket/tree', ...multipart]);
    await run(['check', tree, 'hp:rc-bucket/tree']);
    assert.equal(await run(['cat', 'hp:rc-bucket/tree/a/one.txt']), 'one, changed');
    const remoteTree = (await run(['lsf', '-R', '--files-only', 'hp:rc-bucket/tree'])).trim().split('\n').sort();
    assert.deepEqual(remoteTree, ['a/b/big.bin', 'a/b/two.bin', 'a/one.txt', 'new.txt', 'top.txt', 'ü/vier.txt']);
    // check must also be able to fail: a remote object that differs is reported.
    await run(['copyto', fx.file('other', 'other'), 'hp:rc-bucket/tree/top.txt']);
    const differs = await run(['check', tree, 'hp:rc-bucket/tree'], { expectFailure: true });
    assert.ok(differs.failed && /1 differences found/.test(differs.stderr), differs.stderr);

    // Deletes, then the bucket.
    await run(['deletefile', `hp:rc-bucket/${ODD_KEYS[3]}`]);
    assert.ok(!(await run(['lsf', 'hp:rc-bucket/odd'])).includes(ODD_KEYS[3].slice(4)));
    await run(['purge', 'hp:rc-bucket']);
    assert.doesNotMatch(await run(['lsd', 'hp:']), /rc-bucket/);
    readFileSync(join(tree, 'top.txt')); // the local side is untouched
  } finally {
    const { code } = await fx.close();
    assert.equal(code, 0, fx.homeport.log());
  }
});
