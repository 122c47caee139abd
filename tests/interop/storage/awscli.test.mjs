// Debian's awscli (aws v2, /usr/bin/aws) against a real headless Homeport: `aws s3` for buckets,
// a folder tree uploaded and downloaded (a 20 MiB file goes up in 8 MiB parts and comes back
// through parallel ranged GETs), server-side copies (CopyObject and UploadPartCopy), keys with
// spaces, + and unicode, listings and deletes; `aws s3api` for head-object, get-object --range
// and list-objects-v2 pagination. Each aws start-up costs a second or more of CPU, so the steps
// are few and each does much.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ODD_KEYS, bodyOf, makeRunner, sha256, storageFixture } from './cli_tools.mjs';

const aws = '/usr/bin/aws'; // Debian's package, not one from pip or pyenv on the PATH

test('awscli: s3 and s3api against Homeport', { skip: !existsSync(aws) && 'awscli is not installed' }, async () => {
  const fx = await storageFixture('homeport-awscli-');
  try {
    // Path-style addressing from a config file; no credentials or config from the user's home.
    const config = fx.file('config', '[default]\nregion = us-east-1\ns3 =\n  addressing_style = path\n');
    const env = {
      PATH: process.env.PATH, HOME: fx.dir, LANG: 'C.UTF-8', AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: join(fx.dir, 'no-credentials'), AWS_ACCESS_KEY_ID: fx.accessKey,
      AWS_SECRET_ACCESS_KEY: fx.secretKey, AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true', AWS_MAX_ATTEMPTS: '1',
    };
    const run = makeRunner(aws, ['--endpoint-url', fx.endpoint, '--no-cli-pager'], env);
    const json = async (args) => JSON.parse(await run([...args, '--output', 'json']));

    // The tree: a small and a 20 MiB file, the odd keys, and 23 keys to page through.
    const files = { 'dir/small.txt': bodyOf('small', 1234), 'dir/big.bin': bodyOf('big', 20 * 1024 * 1024 + 12345) };
    for (const key of ODD_KEYS) files[key] = Buffer.from(`odd ${key}`);
    const many = Array.from({ length: 23 }, (_, i) => `many/item ${String(i).padStart(2, '0')}+.txt`);
    for (const key of many) files[key] = Buffer.from(key);
    const up = join(fx.dir, 'up');
    for (const [key, content] of Object.entries(files)) {
      mkdirSync(dirname(join(up, key)), { recursive: true });
      writeFileSync(join(up, key), content);
    }
    const big = files['dir/big.bin'];

    await run(['s3', 'mb', 's3://cli-bucket']);
    await run(['s3', 'cp', '--recursive', up, 's3://cli-bucket/']);

    // The multipart upload's ETag has S3's -N suffix; the size is whole.
    const head = await json(['s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'dir/big.bin']);
    assert.equal(head.ContentLength, big.length);
    assert.match(head.ETag, /^"[0-9a-f]{32}-3"$/);

    // get-object --range: exactly those bytes and S3's Content-Range.
    const ranged = await json(['s3api', 'get-object', '--bucket', 'cli-bucket', '--key', 'dir/big.bin',
      '--range', 'bytes=8388600-8388710', join(fx.dir, 'range.out')]);
    assert.equal(ranged.ContentRange, `bytes 8388600-8388710/${big.length}`);
    assert.deepEqual(readFileSync(join(fx.dir, 'range.out')), big.subarray(8388600, 8388711));

    // Server-side copies of dir/ and odd/: the small ones by CopyObject, the big one by
    // UploadPartCopy ranges (with the default --copy-props, tags are read by GetObjectTagging).
    await run(['s3', 'cp', '--recursive', 's3://cli-bucket/', 's3://cli-bucket/copy/', '--exclude', 'many/*']);

    // Everything back down in one go (the big files through ranged GETs), byte for byte.
    const down = join(fx.dir, 'down');
    await run(['s3', 'cp', '--recursive', 's3://cli-bucket/', down]);
    for (const [key, content] of Object.entries(files)) {
      assert.equal(sha256(readFileSync(join(down, key))), sha256(content), key);
      if (!key.startsWith('many/')) assert.equal(sha256(readFileSync(join(down, 'copy', key))), sha256(content), `copy/${key}`);
    }

    // list-objects-v2 pagination: 4 keys per request, --max-items 10, then the resume token.
    const first = await json(['s3api', 'list-objects-v2', '--bucket', 'cli-bucket', '--prefix', 'many/', '--max-items', '10', '--page-size', '4']);
    assert.equal(first.Contents.length, 10);
    assert.ok(first.NextToken, 'a resume token after 10 of 23');
    const rest = await json(['s3api', 'list-objects-v2', '--bucket', 'cli-bucket', '--prefix', 'many/', '--starting-token', first.NextToken, '--page-size', '4']);
    assert.deepEqual([...first.Contents, ...rest.Contents].map((o) => o.Key), many);
    const folders = await json(['s3api', 'list-objects-v2', '--bucket', 'cli-bucket', '--delimiter', '/', '--max-keys', '2']);
    assert.deepEqual(folders.CommonPrefixes.map((p) => p.Prefix), ['copy/', 'dir/']);
    assert.equal(folders.IsTruncated, true);

    // Errors come back as S3's: a missing key is a 404 for head-object.
    const missing = await run(['s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'nope'], { expectFailure: true });
    assert.ok(missing.failed);
    assert.match(missing.stderr, /404|Not Found/);

    // Deletes: one key, a refused bucket removal, then everything and the bucket.
    await run(['s3', 'rm', `s3://cli-bucket/${ODD_KEYS[0]}`]);
    const oddListing = await run(['s3', 'ls', 's3://cli-bucket/odd/']);
    for (const key of ODD_KEYS.slice(1)) assert.ok(oddListing.includes(key.slice(4)), `${key} in\n${oddListing}`);
    assert.ok(!oddListing.includes(ODD_KEYS[0].slice(4)), oddListing);
    const notEmpty = await run(['s3', 'rb', 's3://cli-bucket'], { expectFailure: true });
    assert.match(notEmpty.stderr, /BucketNotEmpty/);
    await run(['s3', 'rb', '--force', 's3://cli-bucket']);
    assert.doesNotMatch(await run(['s3', 'ls']), /cli-bucket/);
  } finally {
    const { code } = await fx.close();
    assert.equal(code, 0, fx.homeport.log());
  }
});
