// The baseline for scripts/bench-channels: the minimal broadcast server a team would write with
// Node's `ws` package instead of running a Pusher-compatible server. It speaks just enough of
// protocol 7 for load.mjs (connection_established, public pusher:subscribe, POST
// /apps/{id}/events) and checks no signatures. Prints "port N" once it listens.
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(`${process.env.HOMEPORT_NODE_MODULES}/`);
const { WebSocketServer } = require('ws');

const channels = new Map(); // name -> Set of sockets
let nextId = 1;

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || !/^\/apps\/[^/]+\/events/.test(req.url)) {
    res.writeHead(404).end();
    return;
  }
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    const event = JSON.parse(body);
    const frame = JSON.stringify({ event: event.name, channel: event.channel, data: event.data });
    for (const ws of channels.get(event.channel) ?? []) ws.send(frame);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
  });
});

const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (ws) => {
  const subscribed = new Set();
  ws.send(JSON.stringify({
    event: 'pusher:connection_established',
    data: JSON.stringify({ socket_id: `${nextId++}.1`, activity_timeout: 120 }),
  }));
  ws.on('message', (raw) => {
    let message;
    try { message = JSON.parse(raw); } catch { return; }
    if (message.event !== 'pusher:subscribe') return;
    const name = message.data.channel;
    if (!channels.has(name)) channels.set(name, new Set());
    channels.get(name).add(ws);
    subscribed.add(name);
    ws.send(JSON.stringify({ event: 'pusher_internal:subscription_succeeded', channel: name, data: '{}' }));
  });
  ws.on('close', () => { for (const name of subscribed) channels.get(name)?.delete(ws); });
});

server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => console.log(`port ${server.address().port}`));
