// The client half of wss.test.mjs, run as its own node process so NODE_EXTRA_CA_CERTS (read only
// when node starts) makes the test's certificate trusted, as an app's deployment would. pusher-js
// connects with forceTLS to the channels port, subscribes, and the `pusher` server SDK triggers
// an event over https; prints one JSON line with what arrived, or the error.
import Pusher from 'pusher-js';
import PusherServer from 'pusher';

const { PORT, APP_ID, APP_KEY, APP_SECRET, HOST } = process.env;
const TIMEOUT_MS = 8000;

function once(bind, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS);
    bind((value) => { clearTimeout(timer); resolve(value); });
  });
}

if (process.env.PUSHER_DEBUG) Pusher.logToConsole = true;
const client = new Pusher(APP_KEY, {
  wsHost: HOST,
  wssPort: Number(PORT),
  forceTLS: true,
  enabledTransports: ['ws'], // pusher-js's WebSocket transport; forceTLS makes it wss://
  cluster: 'mt1',
  enableStats: false,
});
const result = { states: [] };
client.connection.bind('state_change', ({ current }) => result.states.push(current));
try {
  await once((cb) => client.connection.bind('connected', cb), 'the wss connection');
  result.socketId = client.connection.socket_id;
  const channel = client.subscribe('tls-orders');
  await once((cb) => channel.bind('pusher:subscription_succeeded', cb), 'the subscription');
  const server = new PusherServer({
    appId: APP_ID, key: APP_KEY, secret: APP_SECRET, host: HOST, port: PORT, useTLS: true,
  });
  const received = once((cb) => channel.bind('order.shipped', cb), 'the event');
  const response = await server.trigger('tls-orders', 'order.shipped', { id: 7, over: 'tls' });
  result.triggerStatus = response.status;
  result.event = await received;
  const info = await server.get({ path: '/channels/tls-orders', params: { info: 'subscription_count' } });
  result.channel = await info.json();
} catch (error) {
  result.error = String(error?.message ?? error);
}
client.disconnect();
process.stdout.write(JSON.stringify(result) + '\n');
process.exit(0);
