// WSS on the channels port: a self-signed certificate made by the openssl tool at test time is
// named in HOMEPORT_CHANNELS_TLS_CERT/_KEY, so the one channels port speaks TLS for both the
// WebSocket (wss://) and the REST API (https://). pusher-js with forceTLS and wssPort connects,
// subscribes and receives an event the `pusher` server SDK triggers over https; the client runs
// in a node process that trusts the certificate through NODE_EXTRA_CA_CERTS. The same client
// without that trust never connects, and plain ws:// gets no WebSocket on the TLS port.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { startHomeport } from '../lib/homeport.mjs';

const APP = { id: '5151', key: 'tlskey', secret: 'tlssecret' };
const here = dirname(fileURLToPath(import.meta.url));

let homeport;
let certDir;
let cert;

// Runs wss-client.mjs with `env` added; resolves with its JSON line.
function runClient(env) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(here, 'wss-client.mjs')], {
      cwd: here,
      timeout: 30000,
      env: {
        ...process.env, PORT: String(homeport.ports.channels), HOST: 'localhost',
        APP_ID: APP.id, APP_KEY: APP.key, APP_SECRET: APP.secret, ...env,
      },
    }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${error.message}\n${stderr}`));
      try { resolve(JSON.parse(stdout.trim().split('\n').pop())); } catch (e) { reject(new Error(`${stdout}\n${stderr}`)); }
    });
  });
}

before(async () => {
  certDir = mkdtempSync(join(tmpdir(), 'homeport-wss-'));
  cert = join(certDir, 'cert.pem');
  const key = join(certDir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', key, '-out', cert], { stdio: 'ignore' });
  homeport = await startHomeport({
    disable: ['errors', 'search', 'storage', 'inference'],
    extraEnv: {
      HOMEPORT_CHANNELS_APPS: `${APP.id}:${APP.key}:${APP.secret}:TLS`,
      HOMEPORT_CHANNELS_TLS_CERT: cert, HOMEPORT_CHANNELS_TLS_KEY: key,
    },
  });
  const status = await homeport.settled();
  assert.equal(status.services.find((s) => s.name === 'channels').state, 'running', homeport.log());
});

after(async () => {
  await homeport?.stop();
  rmSync(certDir, { recursive: true, force: true });
});

test('pusher-js over wss receives an event the pusher SDK triggers over https', async () => {
  const result = await runClient({ NODE_EXTRA_CA_CERTS: cert });
  assert.equal(result.error, undefined, `${JSON.stringify(result)}\n${homeport.log()}`);
  assert.match(result.socketId, /^\d+\.\d+$/);
  assert.equal(result.triggerStatus, 200);
  assert.deepEqual(result.event, { id: 7, over: 'tls' });
  assert.equal(result.channel.occupied, true);
  assert.equal(result.channel.subscription_count, 1);
});

test('without trusting the certificate pusher-js does not connect', async () => {
  const result = await runClient({ NODE_EXTRA_CA_CERTS: '' });
  assert.match(result.error ?? '', /timed out waiting for the wss connection/, JSON.stringify(result));
  assert.ok(!result.states.includes('connected'), JSON.stringify(result.states));
});

test('plain ws on the TLS port gets no WebSocket', async () => {
  const socket = new WebSocket(`ws://127.0.0.1:${homeport.ports.channels}/app/${APP.key}?protocol=7`);
  const outcome = await new Promise((resolve) => {
    const timer = setTimeout(() => { socket.terminate(); resolve('timeout'); }, 5000);
    socket.on('open', () => { clearTimeout(timer); socket.close(); resolve('open'); });
    socket.on('error', () => { clearTimeout(timer); resolve('error'); });
  });
  assert.notEqual(outcome, 'open');
});
