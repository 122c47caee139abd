// Three real homeport nodes sharing their channels through a real redis-server (password and a
// database number in the URL): pusher-js clients spread over the nodes, REST through the
// `pusher` server SDK on one node, webhooks verified with the SDK. A node killed with SIGKILL has
// its presence members removed by the others; Redis restarted mid-run and delivery resumes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import Pusher from 'pusher-js';
import PusherServer from 'pusher';
import { startHomeport } from '../lib/homeport.mjs';
import { startRedis } from '../lib/redis.mjs';
import { sleep, until } from '../lib/wait.mjs';

const APP = { id: '5151', key: 'clusterkey', secret: 'clustersecret' };
const TIMEOUT_MS = 8000;

describe('channels on three nodes through Redis', () => {
  let redis;
  const nodes = [];
  const sdk = []; // one `pusher` server SDK per node
  const clients = [];
  const hookEvents = []; // every webhook event, in arrival order
  let hookServer;

  function connect(node, { user = null, userData = null } = {}) {
    const client = new Pusher(APP.key, {
      wsHost: '127.0.0.1',
      wsPort: nodes[node].ports.channels,
      forceTLS: false,
      enabledTransports: ['ws'],
      cluster: 'mt1',
      disableStats: true,
      channelAuthorization: {
        customHandler: ({ socketId, channelName }, callback) =>
          callback(null, sdk[0].authorizeChannel(socketId, channelName, channelName.startsWith('presence-') ? user : undefined)),
      },
      userAuthentication: {
        customHandler: ({ socketId }, callback) => callback(null, sdk[0].authenticateUser(socketId, userData)),
      },
    });
    clients.push(client);
    return client;
  }
  async function connected(client) {
    await until(() => client.connection.state === 'connected', 'connected');
    return client;
  }
  async function subscribed(client, name) {
    const channel = client.subscribe(name);
    await until(() => channel.subscribed, `subscription to ${name}`);
    return channel;
  }
  async function channelsMetrics(node) {
    const status = await (await fetch(`${node.admin}/status`, { headers: node.adminHeaders })).json();
    return status.services.find((s) => s.name === 'channels').metrics;
  }
  async function clusterFormed(count) {
    await until(async () => {
      for (const node of nodes.filter((n) => n.alive)) {
        const metrics = await channelsMetrics(node);
        if (metrics.homeport_channels_redis_connected !== 1 || metrics.homeport_channels_cluster_nodes !== count) return false;
      }
      return true;
    }, `${count} nodes connected to Redis`, 15000);
  }
  const hooksNamed = (name, channel) => hookEvents.filter((e) => e.name === name && e.channel === channel);

  before(async () => {
    hookServer = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        const webhook = sdk[0].webhook({ headers: req.headers, rawBody: body });
        if (webhook.isValid()) hookEvents.push(...webhook.getEvents());
        res.end('{}');
      });
    });
    await new Promise((r) => hookServer.listen(0, '127.0.0.1', r));
    redis = await startRedis({ password: 'cluster pass' });
    const env = {
      HOMEPORT_CHANNELS_APPS: `${APP.id}:${APP.key}:${APP.secret}:Cluster`,
      HOMEPORT_CHANNELS_WEBHOOK_URL: `http://127.0.0.1:${hookServer.address().port}/pusher`,
      HOMEPORT_CHANNELS_ADAPTER: 'redis',
      HOMEPORT_CHANNELS_REDIS_URL: redis.url(3),
      HOMEPORT_CHANNELS_REDIS_PREFIX: `test${process.pid}:`,
    };
    for (const name of ['a', 'b', 'c']) {
      const node = await startHomeport({
        disable: ['errors', 'search', 'storage', 'inference'],
        extraEnv: { ...env, HOMEPORT_CHANNELS_NODE_ID: `node-${name}` },
      });
      node.alive = true;
      nodes.push(node);
      sdk.push(new PusherServer({
        appId: APP.id, key: APP.key, secret: APP.secret, host: '127.0.0.1', port: String(node.ports.channels), useTLS: false,
      }));
    }
    await clusterFormed(3);
  });

  after(async () => {
    for (const client of clients) client.disconnect();
    hookServer?.close();
    for (const node of nodes) {
      if (!node.alive) {
        rmSync(node.dataDir, { recursive: true, force: true }); // kill() leaves it, as a crash does
        continue;
      }
      const { code } = await node.stop();
      assert.equal(code, 0, node.log());
    }
    await redis?.stop();
  });

  test('a REST event on one node reaches every subscriber on every node exactly once', async () => {
    const received = [];
    for (let i = 0; i < 6; i++) {
      const client = await connected(connect(i % 3));
      const channel = await subscribed(client, 'spread');
      received.push([]);
      channel.bind('tick', (data) => received[i].push(data.n));
    }
    const expected = Array.from({ length: 20 }, (_, n) => n);
    for (const n of expected) await sdk[0].trigger('spread', 'tick', { n });
    await until(() => received.every((got) => got.length >= expected.length), 'every tick on every client');
    await sleep(300); // a duplicate would arrive now
    for (const got of received) assert.deepEqual(got, expected);
  });

  test('socket_id exclusion and client events work across nodes', async () => {
    const a = await connected(connect(0));
    const b = await connected(connect(1));
    const c = await connected(connect(2));
    const channels = [];
    for (const client of [a, b, c]) channels.push(await subscribed(client, 'private-crossing'));
    const got = [[], [], []];
    channels.forEach((channel, i) => {
      channel.bind('server', (data) => got[i].push(['server', data.n]));
      channel.bind('client-wave', (data) => got[i].push(['client', data.n]));
    });
    await sdk[2].trigger('private-crossing', 'server', { n: 1 }, { socket_id: b.connection.socket_id });
    assert.equal(channels[0].trigger('client-wave', { n: 2 }), true);
    await until(() => got[0].length === 1 && got[1].length === 1 && got[2].length === 2, 'the server event and the client event');
    await sleep(300);
    assert.deepEqual(got[0], [['server', 1]]);          // its own client event is not echoed
    assert.deepEqual(got[1], [['client', 2]]);          // excluded from the server event
    assert.deepEqual(got[2].sort(), [['client', 2], ['server', 1]]);
  });

  test('presence members, REST queries and webhooks are cluster-wide and once', async () => {
    const ann = { user_id: 'ann', user_info: { name: 'Ann' } };
    const bob = { user_id: 'bob', user_info: { name: 'Bob' } };
    const annOnA = await connected(connect(0, { user: ann }));
    const room = await subscribed(annOnA, 'presence-room');
    const added = [];
    room.bind('pusher:member_added', (member) => added.push(member.id));
    // Bob has two tabs, on two other nodes: one member.
    const bobOnB = await connected(connect(1, { user: bob }));
    const bobRoomB = await subscribed(bobOnB, 'presence-room');
    const bobOnC = await connected(connect(2, { user: bob }));
    const bobRoomC = await subscribed(bobOnC, 'presence-room');
    assert.equal(bobRoomC.members.count, 2);
    assert.deepEqual(Object.keys(bobRoomC.members.members).sort(), ['ann', 'bob']);
    assert.equal(bobRoomC.members.members.ann.name, 'Ann');
    await until(() => added.length >= 1, 'member_added for bob');
    await sleep(300);
    assert.deepEqual(added, ['bob']);

    for (const server of sdk) {
      const users = await (await server.get({ path: '/channels/presence-room/users' })).json();
      assert.deepEqual(users.users.map((u) => u.id).sort(), ['ann', 'bob']);
      const info = await (await server.get({ path: '/channels/presence-room', params: { info: 'user_count,subscription_count' } })).json();
      assert.deepEqual(info, { occupied: true, user_count: 2, subscription_count: 3 });
    }
    const listed = await (await sdk[1].get({ path: '/channels', params: { filter_by_prefix: 'presence-', info: 'user_count' } })).json();
    assert.deepEqual(listed.channels['presence-room'], { user_count: 2 });

    // Bob closes one tab: still a member; then the other: removed once.
    const removed = [];
    room.bind('pusher:member_removed', (member) => removed.push(member.id));
    bobRoomB.unsubscribe();
    bobOnB.unsubscribe('presence-room');
    await sleep(300);
    assert.deepEqual(removed, []);
    bobOnC.unsubscribe('presence-room');
    await until(() => removed.length === 1, 'member_removed for bob');
    annOnA.unsubscribe('presence-room');

    // member_removed and channel_vacated wait 3 s (as Pusher's do), then come once.
    await until(() => hooksNamed('channel_vacated', 'presence-room').length === 1, 'channel_vacated', 6000);
    await sleep(500);
    assert.equal(hooksNamed('channel_occupied', 'presence-room').length, 1);
    assert.equal(hooksNamed('member_added', 'presence-room').filter((e) => e.user_id === 'bob').length, 1);
    assert.equal(hooksNamed('member_added', 'presence-room').filter((e) => e.user_id === 'ann').length, 1);
    assert.equal(hooksNamed('member_removed', 'presence-room').filter((e) => e.user_id === 'bob').length, 1);
    assert.equal(hooksNamed('channel_vacated', 'presence-room').length, 1);
    // Spread over three nodes, 'spread' was occupied once too.
    assert.equal(hooksNamed('channel_occupied', 'spread').length, 1);
  });

  test('terminate_connections on one node closes the user on another', async () => {
    const user = connect(2, { userData: { id: 'leaver' } });
    user.signin();
    await connected(user);
    await user.user.signinDonePromise;
    const gone = new Promise((resolve) => user.connection.bind('disconnected', resolve));
    const response = await sdk[0].terminateUserConnections('leaver');
    assert.equal(response.status, 200);
    await Promise.race([gone, sleep(TIMEOUT_MS).then(() => { throw new Error('leaver was not disconnected'); })]);
  });

  test('watchlists see users sign in and out on other nodes', async () => {
    const early = connect(2, { userData: { id: 'early' } });
    early.signin();
    await connected(early);
    await early.user.signinDonePromise;
    const watcher = connect(0, { userData: { id: 'watcher', watchlist: ['early', 'friend'] } });
    const online = [];
    const offline = [];
    watcher.user.watchlist.bind('online', (event) => online.push(...event.user_ids));
    watcher.user.watchlist.bind('offline', (event) => offline.push(...event.user_ids));
    watcher.signin();
    await connected(watcher);
    await watcher.user.signinDonePromise;
    // The initial state comes from the whole cluster: 'early' is on node c.
    await until(() => online.includes('early') && offline.includes('friend'), 'the initial watchlist state');
    const friend = connect(1, { userData: { id: 'friend' } });
    friend.signin();
    await connected(friend);
    await friend.user.signinDonePromise;
    await until(() => online.includes('friend'), 'friend online');
    friend.disconnect();
    await until(() => offline.filter((id) => id === 'friend').length === 2, 'friend offline');
    await sleep(300);
    assert.deepEqual(online.sort(), ['early', 'friend']);
    assert.deepEqual(offline.sort(), ['friend', 'friend']);
    early.disconnect();
    watcher.disconnect();
  });

  test('Redis restarted mid-run: the nodes reconnect, rebuild the state and deliver again', async () => {
    const a = await connected(connect(0, { user: { user_id: 'carol', user_info: {} } }));
    const b = await connected(connect(1));
    const onA = await subscribed(a, 'presence-survivors');
    const onB = await subscribed(b, 'survivors');
    const got = [];
    onB.bind('again', (data) => got.push(data.n));
    await redis.restart();
    for (const node of nodes) {
      await until(async () => (await channelsMetrics(node)).homeport_channels_redis_reconnects >= 1, 'a reconnect', 15000);
    }
    await clusterFormed(3);
    // Redis came back empty: each node wrote back what it holds.
    await until(async () => {
      const users = await (await sdk[2].get({ path: '/channels/presence-survivors/users' })).json();
      return users.users?.length === 1 && users.users[0].id === 'carol';
    }, 'carol listed again');
    await sdk[0].trigger('survivors', 'again', { n: 1 });
    await until(() => got.length === 1, 'delivery after the restart');
    await sleep(300);
    assert.deepEqual(got, [1]);
    assert.ok(onA.subscribed);
  });

  test('a node that cannot reach Redis (wrong password) still serves its own clients and says so', async () => {
    const lonely = await startHomeport({
      disable: ['errors', 'search', 'storage', 'inference'],
      extraEnv: {
        HOMEPORT_CHANNELS_APPS: `${APP.id}:${APP.key}:${APP.secret}:Cluster`,
        HOMEPORT_CHANNELS_ADAPTER: 'redis',
        HOMEPORT_CHANNELS_REDIS_URL: `redis://:wrong@127.0.0.1:${redis.port}/3`,
        HOMEPORT_CHANNELS_NODE_ID: 'node-lonely',
      },
    });
    try {
      await lonely.settled();
      const metrics = await channelsMetrics(lonely);
      assert.equal(metrics.homeport_channels_redis_connected, 0);
      assert.equal(metrics.homeport_channels_cluster_nodes, 0);
      const client = new Pusher(APP.key, {
        wsHost: '127.0.0.1', wsPort: lonely.ports.channels, forceTLS: false, enabledTransports: ['ws'], cluster: 'mt1', disableStats: true,
      });
      clients.push(client);
      await connected(client);
      const channel = await subscribed(client, 'alone');
      const got = [];
      channel.bind('hello', (data) => got.push(data.n));
      const local = new PusherServer({
        appId: APP.id, key: APP.key, secret: APP.secret, host: '127.0.0.1', port: String(lonely.ports.channels), useTLS: false,
      });
      await local.trigger('alone', 'hello', { n: 7 });
      await until(() => got.length === 1, 'a local delivery without Redis');
      assert.deepEqual(got, [7]);
      client.disconnect();
      // The cluster did not gain a node.
      assert.equal((await channelsMetrics(nodes[0])).homeport_channels_cluster_nodes, 3);
      assert.match(lonely.log(), /Redis 127\.0\.0\.1:\d+\/3: .*(WRONGPASS|NOAUTH|invalid)/);
    } finally {
      const { code } = await lonely.stop();
      assert.equal(code, 0, lonely.log());
    }
  });

  test('a node killed with SIGKILL has its presence members removed by the others', async () => {
    const stays = await connected(connect(0, { user: { user_id: 'stays', user_info: {} } }));
    const room = await subscribed(stays, 'presence-wake');
    const doomed = await connected(connect(2, { user: { user_id: 'doomed', user_info: {} } }));
    await subscribed(doomed, 'presence-wake');
    await until(() => room.members.count === 2, 'doomed joined');
    const removed = [];
    room.bind('pusher:member_removed', (member) => removed.push(member.id));
    nodes[2].alive = false;
    await nodes[2].kill(); // no close frame, no leave: only the heartbeat stops
    doomed.disconnect();   // keeps the client from retrying the dead node
    // The heartbeat key lives 5 s, the others look every second.
    await until(() => removed.length === 1, 'member_removed for the dead node\'s member', 12000);
    assert.deepEqual(removed, ['doomed']);
    const users = await (await sdk[1].get({ path: '/channels/presence-wake/users' })).json();
    assert.deepEqual(users.users.map((u) => u.id), ['stays']);
    await until(() => hooksNamed('member_removed', 'presence-wake').length >= 1, 'member_removed webhook');
    await sleep(500);
    assert.equal(hooksNamed('member_removed', 'presence-wake').length, 1);
    await clusterFormed(2);
  });
});
