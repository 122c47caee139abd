// Load tool for scripts/bench-channels: opens Pusher protocol-7 WebSocket clients and publishes
// through the REST API, then prints one JSON line of results. It stops by itself.
//   node load.mjs idle   --port P --key K --connections 10000 --hold 10 --pid SERVER_PID
//   node load.mjs fanout --port P --app-id I --key K --secret S --subscribers 1000 --rate 100 --seconds 10 --pid SERVER_PID
// `ws` comes from tests/interop's node_modules (HOMEPORT_NODE_MODULES).
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(`${process.env.HOMEPORT_NODE_MODULES}/`);
const WebSocket = require('ws');

const [mode, ...rest] = process.argv.slice(2);
const args = {};
for (let i = 0; i < rest.length; i += 2) args[rest[i].replace(/^--/, '')] = rest[i + 1];
const port = Number(args.port);
const pid = Number(args.pid);
// At most the listen backlog of the HTTP engine (QTcpServer default 50), so opening measures the
// server rather than SYN retries.
const OPEN_CONCURRENCY = 50;
const DRAIN_MS = 5000; // how long stragglers may take after the last publish
const CLOCK_TICKS = 100; // USER_HZ on Linux

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function procStatus() {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))[1]);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}
function cpuSeconds() {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime + stime
}
function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

// Opens `count` clients, `OPEN_CONCURRENCY` handshakes at a time; onFrame(ws, frame) sees every frame.
async function openClients(count, onFrame) {
  const url = `ws://127.0.0.1:${port}/app/${args.key}?protocol=7&client=bench&version=1`;
  const clients = [];
  let failures = 0;
  const openOne = () => new Promise((resolve) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const timer = setTimeout(() => { failures++; ws.terminate(); resolve(); }, 30000);
    ws.on('message', (data) => {
      const text = data.toString();
      if (text.includes('pusher:connection_established')) {
        clearTimeout(timer);
        clients.push(ws);
        resolve();
      }
      onFrame?.(ws, text);
    });
    ws.on('error', () => { clearTimeout(timer); failures++; resolve(); });
  });
  for (let started = 0; started < count; started += OPEN_CONCURRENCY)
    await Promise.all(Array.from({ length: Math.min(OPEN_CONCURRENCY, count - started) }, openOne));
  return { clients, failures };
}

async function closeAll(clients) {
  for (const ws of clients) ws.terminate();
  await sleep(500);
}

async function idle() {
  const count = Number(args.connections);
  const holdSeconds = Number(args.hold);
  const before = procStatus();
  const openedAt = performance.now();
  const { clients, failures } = await openClients(count);
  const openSeconds = (performance.now() - openedAt) / 1000;
  await sleep(2000); // let the server settle before measuring
  const cpuStart = cpuSeconds();
  await sleep(holdSeconds * 1000);
  const idleCpuPercent = ((cpuSeconds() - cpuStart) / holdSeconds) * 100;
  const held = procStatus();
  const open = clients.filter((ws) => ws.readyState === WebSocket.OPEN).length;
  await closeAll(clients);
  return { mode, connections: open, failures, openSeconds, rssBeforeMiB: before.rssMiB, rssMiB: held.rssMiB, peakMiB: held.peakMiB, idleCpuPercent };
}

function signedPath(path, body) {
  const params = {
    auth_key: args.key,
    auth_timestamp: String(Math.floor(Date.now() / 1000)),
    auth_version: '1.0',
    body_md5: createHash('md5').update(body).digest('hex'),
  };
  const query = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&');
  const signature = createHmac('sha256', args.secret).update(`POST\n${path}\n${query}`).digest('hex');
  return `${path}?${query}&auth_signature=${signature}`;
}

async function fanout() {
  const subscribers = Number(args.subscribers);
  const rate = Number(args.rate);
  const seconds = Number(args.seconds);
  const channel = 'bench-fanout';
  const publishes = rate * seconds;
  const latencies = new Float64Array(publishes * subscribers);
  let received = 0;
  let subscribed = 0;
  let lastReceiptAt = 0;
  const { clients, failures } = await openClients(subscribers, (ws, text) => {
    if (text.includes('"pusher_internal:subscription_succeeded"')) { subscribed++; return; }
    if (!text.includes('"event":"tick"')) return;
    const now = performance.now();
    const frame = JSON.parse(text);
    const data = JSON.parse(frame.data);
    latencies[received++] = now - data.t;
    lastReceiptAt = now;
  });
  for (const ws of clients) ws.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel } }));
  for (let i = 0; i < 200 && subscribed < clients.length; i++) await sleep(50);
  await sleep(1000);

  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const path = `/apps/${args['app-id']}/events`;
  let publishErrors = 0;
  const publishOne = (seq) => new Promise((resolve) => {
    const body = JSON.stringify({ name: 'tick', channel, data: JSON.stringify({ seq, t: performance.now() }) });
    const request = http.request({ host: '127.0.0.1', port, method: 'POST', path: signedPath(path, body), agent,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (response) => {
      if (response.statusCode !== 200) publishErrors++;
      response.resume();
      response.on('end', resolve);
    });
    request.on('error', () => { publishErrors++; resolve(); });
    request.end(body);
  });
  const cpuStart = cpuSeconds();
  const start = performance.now();
  const pending = [];
  for (let seq = 0; seq < publishes; seq++) {
    const due = start + (seq * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(publishOne(seq));
  }
  await Promise.all(pending);
  const expected = publishes * clients.length;
  const drainUntil = performance.now() + DRAIN_MS;
  while (received < expected && performance.now() < drainUntil) await sleep(20);
  const cpuPercent = ((cpuSeconds() - cpuStart) / ((performance.now() - start) / 1000)) * 100;
  const sorted = latencies.subarray(0, received).sort();
  const result = {
    mode, subscribers: clients.length, failures, subscribed, publishes, publishErrors, expected, received,
    lost: expected - received,
    deliveriesPerSecond: received / ((lastReceiptAt - start) / 1000),
    p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted[sorted.length - 1],
    cpuPercent, rssMiB: procStatus().rssMiB,
  };
  agent.destroy();
  await closeAll(clients);
  return result;
}

const result = mode === 'idle' ? await idle() : mode === 'fanout' ? await fanout() : null;
if (!result) {
  console.error('usage: load.mjs idle|fanout --port P ...');
  process.exit(2);
}
console.log(JSON.stringify(result));
process.exit(0);
