// Two real homeport nodes whose channels apps live in one real PostgreSQL ([channels]
// database_url): an app that node A brings (its [channels] apps line) works at once with pusher-js
// and the `pusher` server SDK on node B, which was already running; A's new secret (settings file
// changed, SIGHUP) is honoured by B and the old one refused; PostgreSQL restarted mid-run: /status
// says down then up on both nodes, the apps last read stay in use meanwhile, and changes flow again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Pusher from 'pusher-js';
import PusherServer from 'pusher';
import { startHomeport } from '../lib/homeport.mjs';
import { startPostgres } from '../lib/postgres.mjs';
import { until } from '../lib/wait.mjs';

const APP = { id: '7070', key: 'sharedkey', name: 'Shared' };

let postgres;
let nodeA;
let nodeB;
let dataDirA;
const clients = [];

// Node A's settings file: the shared app with `secret`.
function writeSettingsA(secret) {
  writeFileSync(join(dataDirA, 'homeport.ini'), `[channels]\napps=${APP.id}:${APP.key}:${secret}:${APP.name}\n`);
}

function server(node, secret) {
  return new PusherServer({ appId: APP.id, key: APP.key, secret, host: '127.0.0.1', port: String(node.ports.channels), useTLS: false });
}

// A signed REST call: 200 when the node knows the app with this secret (the SDK throws its
// RequestError, with the status, on any other answer).
async function restStatus(node, secret) {
  try {
    return (await server(node, secret).get({ path: '/channels' })).status;
  } catch (error) {
    if (error.status === undefined) throw error;
    return error.status;
  }
}

async function metrics(node) {
  const status = await (await fetch(`${node.admin}/status`, { headers: node.adminHeaders })).json();
  return status.services.find((s) => s.name === 'channels').metrics;
}

function client(node, secret) {
  const pusher = new Pusher(APP.key, {
    wsHost: '127.0.0.1', wsPort: node.ports.channels, forceTLS: false, enabledTransports: ['ws'], cluster: 'mt1',
    disableStats: true,
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) => callback(null, server(node, secret).authorizeChannel(socketId, channelName)),
    },
  });
  clients.push(pusher);
  return pusher;
}

// Subscribes to a private channel with an authorisation signed by `secret`: true when the node
// accepted it, false on pusher:subscription_error.
async function privateSubscription(node, secret, name) {
  const pusher = client(node, secret);
  await until(() => pusher.connection.state === 'connected', 'connected');
  const channel = pusher.subscribe(name);
  let refused = false;
  channel.bind('pusher:subscription_error', () => { refused = true; });
  await until(() => channel.subscribed || refused, `an answer to the subscription of ${name}`);
  return { pusher, channel, accepted: channel.subscribed };
}

before(async () => {
  postgres = await startPostgres();
  const env = { HOMEPORT_CHANNELS_DATABASE_URL: postgres.url() };
  const disable = ['errors', 'search', 'storage', 'inference'];
  // B first: it creates the schema and its default app, and is running when A brings its app.
  nodeB = await startHomeport({ disable, extraEnv: env });
  await nodeB.settled();
  dataDirA = mkdtempSync(join(tmpdir(), 'homeport-interop-'));
  writeSettingsA('first-secret');
  nodeA = await startHomeport({ disable, extraEnv: env, dataDir: dataDirA });
  await nodeA.settled();
});

after(async () => {
  for (const pusher of clients) pusher.disconnect();
  for (const node of [nodeA, nodeB]) {
    if (!node) continue;
    const { code } = await node.stop();
    assert.equal(code, 0, node.log());
  }
  if (dataDirA) rmSync(dataDirA, { recursive: true, force: true });
  await postgres?.stop();
});

test('both nodes report the shared PostgreSQL as connected in /status', async () => {
  for (const node of [nodeA, nodeB]) {
    const m = await metrics(node);
    assert.equal(m.homeport_channels_postgres_connected, 1);
    assert.equal(m.homeport_channels_postgres_reconnects, 0);
  }
});

test('an app that node A brings works with pusher-js on node B at once', async () => {
  // B learnt the app through the database's notification, without a restart.
  await until(async () => (await restStatus(nodeB, 'first-secret')) === 200, 'node B to know the app', 5000);
  // B's own default app is A's too: one registry.
  const defaultOfB = nodeB.secrets.channels;
  const onA = new PusherServer({
    appId: defaultOfB.app_id, key: defaultOfB.app_key, secret: defaultOfB.app_secret, host: '127.0.0.1',
    port: String(nodeA.ports.channels), useTLS: false,
  });
  assert.equal((await onA.get({ path: '/channels' })).status, 200);

  const { channel, accepted } = await privateSubscription(nodeB, 'first-secret', 'private-orders');
  assert.equal(accepted, true);
  const got = [];
  channel.bind('created', (data) => got.push(data.n));
  await server(nodeB, 'first-secret').trigger('private-orders', 'created', { n: 1 });
  await until(() => got.length === 1, 'the event on node B');
  assert.deepEqual(got, [1]);
});

test('a new secret set on node A is honoured by node B, and the old one refused', async () => {
  writeSettingsA('second-secret');
  nodeA.signal('SIGHUP');
  await until(async () => (await restStatus(nodeB, 'second-secret')) === 200, 'node B to take the new secret', 8000);
  assert.equal(await restStatus(nodeB, 'first-secret'), 401);
  const fresh = await privateSubscription(nodeB, 'second-secret', 'private-after-rotation');
  assert.equal(fresh.accepted, true);
  const stale = await privateSubscription(nodeB, 'first-secret', 'private-stale');
  assert.equal(stale.accepted, false);
});

test('PostgreSQL restarted mid-run: /status says down then up, the apps stay usable, changes flow again', async () => {
  await postgres.restart({
    between: async () => {
      for (const node of [nodeA, nodeB]) {
        await until(async () => (await metrics(node)).homeport_channels_postgres_connected === 0, 'postgres reported down', 8000);
      }
      // The apps last read still serve clients and REST calls.
      assert.equal(await restStatus(nodeB, 'second-secret'), 200);
      const { accepted } = await privateSubscription(nodeB, 'second-secret', 'private-during-outage');
      assert.equal(accepted, true);
    },
  });
  for (const node of [nodeA, nodeB]) {
    await until(async () => {
      const m = await metrics(node);
      return m.homeport_channels_postgres_connected === 1 && m.homeport_channels_postgres_reconnects >= 1;
    }, 'postgres reported up again', 15000);
  }
  // Notifications flow on the new connections: another rotation on A reaches B.
  writeSettingsA('third-secret');
  nodeA.signal('SIGHUP');
  await until(async () => (await restStatus(nodeB, 'third-secret')) === 200, 'node B to take the third secret', 8000);
  assert.equal(await restStatus(nodeB, 'second-secret'), 401);
});
