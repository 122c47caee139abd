// The real Pusher SDKs against a real headless homeport: pusher-js (Node build, ws transport)
// and laravel-echo as browsers would use them, the `pusher` server SDK for REST, auth and
// webhook verification.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import Pusher from 'pusher-js';
import PusherServer from 'pusher';
import Echo from 'laravel-echo';
import { startHomeport } from '../lib/homeport.mjs';
import { sleep, until } from '../lib/wait.mjs';

const APP = { id: '4242', key: 'interopkey', secret: 'interopsecret' };
const TIMEOUT_MS = 5000;

// Resolves with the first emission of `event` on a pusher-js/Echo emitter, or rejects after a timeout.
function once(bind, what = 'event') {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS);
    bind((value) => { clearTimeout(timer); resolve(value); });
  });
}

describe('channels with pusher-js, laravel-echo and the pusher server SDK', () => {
  let homeport;
  let server;
  const clients = [];
  const hooks = [];
  let hookServer;

  // A browser: pusher-js with its authorization done by the server SDK, as a backend would.
  function connect({ user = null, userData = null } = {}) {
    const client = new Pusher(APP.key, {
      wsHost: '127.0.0.1',
      wsPort: homeport.ports.channels,
      forceTLS: false,
      enabledTransports: ['ws'],
      cluster: 'mt1',
      disableStats: true,
      channelAuthorization: {
        customHandler: ({ socketId, channelName }, callback) =>
          callback(null, server.authorizeChannel(socketId, channelName, channelName.startsWith('presence-') ? user : undefined)),
      },
      userAuthentication: {
        customHandler: ({ socketId }, callback) => callback(null, server.authenticateUser(socketId, userData)),
      },
    });
    clients.push(client);
    return client;
  }
  async function connected(client) {
    if (client.connection.state !== 'connected') await once((cb) => client.connection.bind('connected', cb), 'connected');
    return client;
  }
  async function subscribed(client, name) {
    const channel = client.subscribe(name);
    await once((cb) => channel.bind('pusher:subscription_succeeded', cb), `subscription to ${name}`);
    return channel;
  }

  before(async () => {
    hookServer = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        hooks.push({ headers: req.headers, rawBody: body });
        res.end('{}');
      });
    });
    await new Promise((r) => hookServer.listen(0, '127.0.0.1', r));
    process.env.HOMEPORT_CHANNELS_APPS = `${APP.id}:${APP.key}:${APP.secret}:Interop`;
    process.env.HOMEPORT_CHANNELS_WEBHOOK_URL = `http://127.0.0.1:${hookServer.address().port}/pusher`;
    homeport = await startHomeport({ disable: ['errors', 'search', 'storage', 'inference'] });
    await homeport.settled();
    server = new PusherServer({
      appId: APP.id,
      key: APP.key,
      secret: APP.secret,
      host: '127.0.0.1',
      port: String(homeport.ports.channels),
      useTLS: false,
      encryptionMasterKeyBase64: randomBytes(32).toString('base64'),
    });
  });

  after(async () => {
    for (const client of clients) client.disconnect();
    hookServer.close();
    const { code } = await homeport.stop();
    assert.equal(code, 0, homeport.log());
  });

  test('connects with a socket id the server SDK accepts', async () => {
    const client = await connected(connect());
    assert.match(client.connection.socket_id, /^\d+\.\d+$/);
  });

  test('public channel: REST trigger reaches subscribers, socket_id excludes the sender', async () => {
    const a = await connected(connect());
    const b = await connected(connect());
    const channelA = await subscribed(a, 'news');
    const channelB = await subscribed(b, 'news');
    const gotA = [];
    channelA.bind('headline', (data) => gotA.push(data));
    const received = once((cb) => channelB.bind('headline', cb), 'headline on b');
    const response = await server.trigger('news', 'headline', { title: 'hello' }, { socket_id: a.connection.socket_id });
    assert.equal(response.status, 200);
    assert.deepEqual(await received, { title: 'hello' });
    await sleep(300);
    assert.deepEqual(gotA, []);
  });

  test('triggerBatch and channel queries', async () => {
    const a = await connected(connect());
    const channel = await subscribed(a, 'batch-room');
    const events = [];
    channel.bind_global((name, data) => { if (!name.startsWith('pusher')) events.push([name, data]); });
    const response = await server.triggerBatch([
      { channel: 'batch-room', name: 'one', data: { n: 1 } },
      { channel: 'batch-room', name: 'two', data: { n: 2 } },
    ]);
    assert.equal(response.status, 200);
    await until(() => events.length >= 2, 'both batched events');
    assert.deepEqual(events, [['one', { n: 1 }], ['two', { n: 2 }]]);

    const list = await (await server.get({ path: '/channels', params: { filter_by_prefix: 'batch-' } })).json();
    assert.deepEqual(Object.keys(list.channels), ['batch-room']);
    const info = await (await server.get({ path: '/channels/batch-room', params: { info: 'subscription_count' } })).json();
    assert.equal(info.occupied, true);
    assert.equal(info.subscription_count, 1);
    await assert.rejects(server.get({ path: '/channels', params: { info: 'user_count' } }), (error) => error.status === 400);
  });

  test('private channel: client events reach others, never the sender', async () => {
    const a = await connected(connect());
    const b = await connected(connect());
    const channelA = await subscribed(a, 'private-chat');
    const channelB = await subscribed(b, 'private-chat');
    const echoed = [];
    channelA.bind('client-typing', (data) => echoed.push(data));
    const received = once((cb) => channelB.bind('client-typing', cb), 'client event');
    assert.equal(channelA.trigger('client-typing', { who: 'a' }), true);
    assert.deepEqual(await received, { who: 'a' });
    await sleep(300);
    assert.deepEqual(echoed, []);
  });

  test('presence: members with user_info, one member per user across tabs, users query', async () => {
    const alice = { user_id: 'alice', user_info: { name: 'Alice' } };
    const bob = { user_id: 'bob', user_info: { name: 'Bob' } };
    const watcher = await connected(connect({ user: bob }));
    const room = await subscribed(watcher, 'presence-room');
    const added = [];
    room.bind('pusher:member_added', (member) => added.push(member));
    const tab1 = await connected(connect({ user: alice }));
    const tab2 = await connected(connect({ user: alice }));
    await subscribed(tab1, 'presence-room');
    const tab2Room = await subscribed(tab2, 'presence-room');
    assert.equal(tab2Room.members.count, 2);
    assert.deepEqual(tab2Room.members.get('alice').info, { name: 'Alice' });
    assert.equal(tab2Room.members.me.id, 'alice');
    await sleep(200);
    assert.deepEqual(added.map((m) => m.id), ['alice']);

    const users = await (await server.get({ path: '/channels/presence-room/users' })).json();
    assert.deepEqual(users.users.map((u) => u.id).sort(), ['alice', 'bob']);
    const counts = await (await server.get({ path: '/channels', params: { filter_by_prefix: 'presence-', info: 'user_count' } })).json();
    assert.equal(counts.channels['presence-room'].user_count, 2);

    const removed = once((cb) => room.bind('pusher:member_removed', cb), 'member_removed');
    tab1.disconnect();
    tab2.disconnect();
    assert.equal((await removed).id, 'alice');
    assert.equal(room.members.count, 1);
  });

  test('encrypted channel: the client decrypts what the server SDK encrypted; the server relays it untouched', async () => {
    const client = await connected(connect());
    const channel = await subscribed(client, 'private-encrypted-vault');
    const received = once((cb) => channel.bind('secret', cb), 'encrypted event');
    await server.trigger('private-encrypted-vault', 'secret', { code: 1234 });
    assert.deepEqual(await received, { code: 1234 });
  });

  test('cache channels: the last event is replayed on subscribe, else pusher:cache_miss', async () => {
    await server.trigger('cache-prices', 'price', { eur: 1 });
    await server.trigger('cache-prices', 'price', { eur: 2 });
    const client = await connected(connect());
    const channel = client.subscribe('cache-prices');
    assert.deepEqual(await once((cb) => channel.bind('price', cb), 'cached event'), { eur: 2 });
    const empty = client.subscribe('cache-empty');
    await once((cb) => empty.bind('pusher:cache_miss', cb), 'cache miss');
  });

  test('signin, watchlist online/offline, sendToUser and terminateUserConnections', async () => {
    const watcher = connect({ userData: { id: 'watcher', watchlist: ['friend'] } });
    const notes = [];
    watcher.user.bind('note', (data) => notes.push(data));
    const online = [];
    watcher.user.watchlist.bind('online', (event) => online.push(...event.user_ids));
    const offline = [];
    watcher.user.watchlist.bind('offline', (event) => offline.push(...event.user_ids));
    watcher.signin();
    await connected(watcher);
    await watcher.user.signinDonePromise;
    assert.equal(watcher.user.user_data.id, 'watcher');
    await until(() => watcher.user.serverToUserChannel?.subscribed, 'the watcher\'s server-to-user channel');

    const friend = connect({ userData: { id: 'friend' } });
    friend.signin();
    await connected(friend);
    await friend.user.signinDonePromise;
    await until(() => online.includes('friend'), 'friend online');
    assert.deepEqual(online, ['friend']);

    await server.sendToUser('watcher', 'note', { text: 'hi' });
    await until(() => notes.length > 0, 'the note sent to the user');
    assert.deepEqual(notes, [{ text: 'hi' }]);

    const gone = once((cb) => friend.connection.bind('disconnected', cb), 'friend disconnected');
    const response = await server.terminateUserConnections('friend');
    assert.equal(response.status, 200);
    await gone;
    await until(() => offline.includes('friend'), 'friend offline');
    assert.ok(offline.includes('friend'));
  });

  test('laravel-echo: public listen, private listen, presence here/joining/whisper', async () => {
    const makeEcho = (user) => new Echo({
      broadcaster: 'pusher',
      key: APP.key,
      wsHost: '127.0.0.1',
      wsPort: homeport.ports.channels,
      forceTLS: false,
      enabledTransports: ['ws'],
      cluster: 'mt1',
      disableStats: true,
      Pusher,
      authorizer: (channel) => ({
        authorize: (socketId, callback) =>
          callback(null, server.authorizeChannel(socketId, channel.name, channel.name.startsWith('presence-') ? user : undefined)),
      }),
    });
    const echo1 = makeEcho({ user_id: 1, user_info: { name: 'One' } });
    const echo2 = makeEcho({ user_id: 2, user_info: { name: 'Two' } });
    clients.push(echo1.connector.pusher, echo2.connector.pusher);

    const shipped = once((cb) => echo1.channel('orders').listen('.OrderShipped', cb), 'OrderShipped');
    const privateEvent = once((cb) => echo1.private('orders.1').listen('.OrderPaid', cb), 'OrderPaid');
    const here = once((cb) => echo1.join('chat').here(cb), 'here');
    assert.deepEqual((await here).map((u) => u.name), ['One']);
    const joining = once((cb) => echo1.join('chat').joining(cb), 'joining');
    const whisper = once((cb) => echo1.join('chat').listenForWhisper('typing', cb), 'whisper');
    await once((cb) => echo2.join('chat').here(cb), 'here for two');
    assert.equal((await joining).name, 'Two');
    echo2.join('chat').whisper('typing', { name: 'Two' });
    assert.deepEqual(await whisper, { name: 'Two' });

    await until(() => echo1.connector.pusher.channel('private-orders.1')?.subscribed, 'private-orders.1 subscribed');
    await until(() => echo1.connector.pusher.channel('orders')?.subscribed, 'orders subscribed');
    await server.trigger('orders', 'OrderShipped', { id: 7 });
    await server.trigger('private-orders.1', 'OrderPaid', { id: 1 });
    assert.deepEqual(await shipped, { id: 7 });
    assert.deepEqual(await privateEvent, { id: 1 });
    echo1.disconnect();
    echo2.disconnect();
  });

  test('webhooks arrive signed so the server SDK accepts them', async () => {
    await until(() => hooks.some((h) => h.rawBody.includes('client_event')), 'the client_event webhook');
    assert.ok(hooks.length > 0, 'no webhook arrived');
    const names = new Set();
    for (const hook of hooks) {
      assert.equal(hook.headers['content-type'], 'application/json');
      const webhook = server.webhook({ headers: hook.headers, rawBody: hook.rawBody });
      assert.equal(webhook.isValid(), true);
      for (const event of webhook.getEvents()) names.add(event.name);
    }
    for (const name of ['channel_occupied', 'member_added', 'client_event', 'cache_miss', 'subscription_count'])
      assert.ok(names.has(name), `no ${name} webhook among ${[...names]}`);
    const forged = server.webhook({ headers: { ...hooks[0].headers, 'x-pusher-signature': '00' }, rawBody: hooks[0].rawBody });
    assert.equal(forged.isValid(), false);
  });
});
