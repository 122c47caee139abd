// TLS per service through the settings: a self-signed certificate made by the openssl tool at
// test time, named in HOMEPORT_<SERVICE>_TLS_CERT/_KEY (the same keys as [storage] tls_cert in
// homeport.ini). The real AWS SDK and typesense-js then talk to a real headless Homeport over
// https, trusting exactly that certificate; a client that does not trust it is refused, plain
// http gets no answer, and a service without a certificate still speaks plain http.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import Typesense from 'typesense';
import { startHomeport } from '../lib/homeport.mjs';

let homeport;
let certDir;
let ca;

before(async () => {
  certDir = mkdtempSync(join(tmpdir(), 'homeport-tls-'));
  const cert = join(certDir, 'cert.pem');
  const key = join(certDir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', key, '-out', cert], { stdio: 'ignore' });
  ca = readFileSync(cert);
  homeport = await startHomeport({
    disable: ['channels', 'inference'],
    extraEnv: {
      HOMEPORT_STORAGE_TLS_CERT: cert, HOMEPORT_STORAGE_TLS_KEY: key,
      HOMEPORT_SEARCH_TLS_CERT: cert, HOMEPORT_SEARCH_TLS_KEY: key,
    },
  });
  const status = await homeport.settled();
  for (const name of ['storage', 'search', 'errors'])
    assert.equal(status.services.find((s) => s.name === name).state, 'running', homeport.log());
});

after(async () => {
  await homeport?.stop();
  rmSync(certDir, { recursive: true, force: true });
});

test('the AWS SDK stores and reads an object over https', async () => {
  const s3 = new S3Client({
    endpoint: `https://127.0.0.1:${homeport.ports.storage}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: {
      accessKeyId: homeport.secrets.storage.access_key,
      secretAccessKey: homeport.secrets.storage.secret_key,
    },
    maxAttempts: 1,
    requestHandler: { httpsAgent: new Agent({ ca }) },
  });
  await s3.send(new CreateBucketCommand({ Bucket: 'over-tls' }));
  const body = 'sent encrypted '.repeat(5000);
  await s3.send(new PutObjectCommand({ Bucket: 'over-tls', Key: 'a/b.txt', Body: body }));
  const got = await s3.send(new GetObjectCommand({ Bucket: 'over-tls', Key: 'a/b.txt' }));
  assert.equal(await got.Body.transformToString(), body);
  s3.destroy();
});

test('typesense-js creates, imports and searches over https', async () => {
  const client = new Typesense.Client({
    apiKey: homeport.secrets.search.api_key,
    nodes: [{ host: 'localhost', port: homeport.ports.search, protocol: 'https' }],
    httpsAgent: new Agent({ ca }),
    connectionTimeoutSeconds: 10,
    numRetries: 0,
  });
  await client.collections().create({ name: 'books', fields: [{ name: 'title', type: 'string' }] });
  await client.collections('books').documents().import([{ id: '1', title: 'Encrypted transport' }]);
  const result = await client.collections('books').documents().search({ q: 'encrypted', query_by: 'title' });
  assert.equal(result.found, 1);
  assert.equal(result.hits[0].document.title, 'Encrypted transport');
});

test('a client that does not trust the certificate is refused', async () => {
  await assert.rejects(
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: homeport.ports.storage, path: '/', servername: 'localhost' }, resolve);
      req.on('error', reject);
      req.end();
    }),
    (error) => error.code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || /self[- ]signed/i.test(error.message),
  );
});

test('plain http on a TLS port gets no HTTP answer', async () => {
  await assert.rejects(fetch(`http://127.0.0.1:${homeport.ports.search}/health`, { signal: AbortSignal.timeout(5000) }));
});

test('a service without a certificate still speaks plain http', async () => {
  const response = await fetch(`http://127.0.0.1:${homeport.ports.errors}/api/1/store/`, { method: 'POST', body: '{}' });
  // Sentry's answer to a request without a key: the service is up and speaks plain HTTP.
  assert.ok(response.status >= 400 && response.status < 500, String(response.status));
});
