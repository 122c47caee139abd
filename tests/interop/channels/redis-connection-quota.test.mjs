// An app's connection quota counted across two real homeport nodes sharing a real redis-server:
// with max_connections 3 (the app as channels/apps.json gives it to both nodes), pusher-js
// clients spread over the nodes get in up to 3 and the 4th, on either node, gets Pusher's error
// 4004; a client leaving frees its place for another node, and a node killed with SIGKILL has its
// connections released by the other within the heartbeat's bounds.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Pusher from 'pusher-js';
import { startHomeport } from '../lib/homeport.mjs';
import { startRedis } from '../lib/redis.mjs';
import { until } from '../lib/wait.mjs';

const APP = { id: '8080', key: 'quotakey', secret: 'quotasecret' };
const QUOTA = 3;

let redis;
const nodes = [];
const dataDirs = [];
const clients = [];

before(async () => {
  redis = await startRedis();
  const app = {
    id: APP.id, key: APP.key, secret: APP.secret, name: 'Quota', enabled: true, webhook_url: '', webhook_events: [],
    limits: { max_connections: QUOTA },
  };
  for (const name of ['a', 'b']) {
    const dataDir = mkdtempSync(join(tmpdir(), 'homeport-interop-'));
    dataDirs.push(dataDir);
    mkdirSync(join(dataDir, 'channels'));
    writeFileSync(join(dataDir, 'channels', 'apps.json'), JSON.stringify({ apps: [app] }), { mode: 0o600 });
    const node = await startHomeport({
      disable: ['errors', 'search', 'storage', 'inference'],
      dataDir,
      extraEnv: {
        HOMEPORT_CHANNELS_ADAPTER: 'redis',
        HOMEPORT_CHANNELS_REDIS_URL: redis.url(1),
        HOMEPORT_CHANNELS_REDIS_PREFIX: `quota${process.pid}:`,
        HOMEPORT_CHANNELS_NODE_ID: `quota-${name}`,
      },
    });
    node.alive = true;
    nodes.push(node);
  }
  await until(async () => {
    for (const node of nodes) {
      const status = await (await fetch(`${node.admin}/status`, { headers: node.adminHeaders })).json();
      const m = status.services.find((s) => s.name === 'channels').metrics;
      if (m.homeport_channels_redis_connected !== 1 || m.homeport_channels_cluster_nodes !== 2) return false;
    }
    return true;
  }, 'both nodes in the cluster', 15000);
});

after(async () => {
  for (const client of clients) client.disconnect();
  for (const node of nodes) {
    if (node.alive) {
      const { code } = await node.stop();
      assert.equal(code, 0, node.log());
    }
  }
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  await redis?.stop();
});

// Connects to a node; resolves 'connected', or the code of the pusher:error the node closed with.
async function connect(node) {
  const client = new Pusher(APP.key, {
    wsHost: '127.0.0.1', wsPort: node.ports.channels, forceTLS: false, enabledTransports: ['ws'], cluster: 'mt1',
    disableStats: true,
  });
  client.node = node;
  clients.push(client);
  let refusedWith = null;
  // The refusal during the handshake: pusher-js wraps the pusher:error it got.
  client.connection.bind('error', (event) => {
    const error = event?.type === 'WebSocketError' ? event.error : event;
    if (error?.type === 'PusherError' && error.data?.code) refusedWith = error.data.code;
  });
  await until(() => client.connection.state === 'connected' || refusedWith !== null, 'an answer to the connection');
  if (refusedWith !== null) {
    client.disconnect();
    return { client, outcome: refusedWith };
  }
  return { client, outcome: 'connected' };
}

test('the quota counts both nodes: the 4th connection gets 4004, a leaving client frees a place', async () => {
  const first = await connect(nodes[0]);
  const second = await connect(nodes[0]);
  const third = await connect(nodes[1]);
  assert.deepEqual([first.outcome, second.outcome, third.outcome], ['connected', 'connected', 'connected']);
  // Each node alone is under the quota; together they are at it.
  assert.equal((await connect(nodes[1])).outcome, 4004);
  assert.equal((await connect(nodes[0])).outcome, 4004);

  // One leaves node a: node b has a place again.
  first.client.disconnect();
  let again;
  await until(async () => {
    again = await connect(nodes[1]);
    return again.outcome === 'connected';
  }, 'a place freed by a client that left', 5000);
  assert.equal((await connect(nodes[1])).outcome, 4004);
});

test('a node killed with SIGKILL has its connections released by the other', async () => {
  // Node a holds one connection of the three (the test above), node b two.
  nodes[0].alive = false;
  await nodes[0].kill();
  for (const client of clients) {
    if (client.node === nodes[0]) client.disconnect(); // no retries to the dead node
  }
  // Its heartbeat key lives 5 s; node b reaps it within a second after.
  await until(async () => (await connect(nodes[1])).outcome === 'connected', 'the dead node\'s connection released', 12000);
  assert.equal((await connect(nodes[1])).outcome, 4004);
});
