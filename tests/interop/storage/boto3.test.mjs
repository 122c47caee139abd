// Debian's python3-boto3 (a script run with /usr/bin/python3) against a real headless Homeport:
// buckets, objects with metadata and ranges, copy, url-encoded listings over 1,205 keys (v2 and
// v1), multi-delete, multipart through the transfer manager, presigned GET/PUT fetched with
// urllib, a tampered URL and a wrong secret; tagging, a public-read bucket policy fetched with
// unsigned urllib, and a form upload from generate_presigned_post (and its violated conditions).
// The script asserts each step; this checks its report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startHomeport } from '../lib/homeport.mjs';

const python = '/usr/bin/python3'; // Debian's, where python3-boto3 is installed
const script = join(dirname(fileURLToPath(import.meta.url)), 'boto3_client.py');

test('python3-boto3: buckets, objects, listings, multipart, presigned URLs, errors', { skip: !existsSync(python) && 'no /usr/bin/python3' }, async () => {
  const homeport = await startHomeport({ disable: ['channels', 'errors', 'search', 'inference'] });
  try {
    await homeport.settled();
    const { stdout } = await promisify(execFile)(python, [script], {
      env: {
        ...process.env,
        S3_ENDPOINT: `http://127.0.0.1:${homeport.ports.storage}`,
        S3_ACCESS_KEY: homeport.secrets.storage.access_key,
        S3_SECRET_KEY: homeport.secrets.storage.secret_key,
      },
      timeout: 120000,
      maxBuffer: 16 << 20,
    });
    const seen = JSON.parse(stdout);
    assert.equal(seen.listed, 1205);
    assert.equal(seen.deleted, 1000);
    assert.match(seen.multipart_etag, /^"[0-9a-f]{32}-4"$/);
    assert.deepEqual(seen.buckets, ['boto-bucket', 'homeport']);
    assert.deepEqual(seen.tags, [{ Key: 'tier', Value: 'silver' }]);
    assert.equal(seen.posted, true);
  } finally {
    const { code } = await homeport.stop();
    assert.equal(code, 0, homeport.log());
  }
});
