// Load tool for scripts/bench-channels: opens Pusher protocol-7 WebSocket clients and publishes
// through the REST API, then prints one JSON line of results. It stops by itself.
//   node load.mjs idle   --port P --key K --connections 10000 --hold 10 --pid SERVER_PID
//   node load.mjs fanout --port P --app-id I --key K --secret S --subscribers 1000 --rate 100 --seconds 10 --pid SERVER_PID [--workers 2]
//        [--receiver node|native --receiver-bin PATH] [--subscriber-ports P1,P2,P3] (--pid PID1,PID2,PID3)
// `ws` comes from tests/interop's node_modules (HOMEPORT_NODE_MODULES).
// In fanout mode the subscribers are spread over --workers worker threads and the main thread
// only publishes (keep-alive REST), so one Node thread parsing 100,000 frames/s does not delay the
// publishes or the receipts it is supposed to time. Times are absolute (timeOrigin + now()), so
// the threads' clocks agree. With --receiver native the subscribers live instead in --workers
// processes of fanout_receiver.cpp (epoll, no Node, no `ws`), which take a frame for a fraction of
// what a Node thread needs, so on this 2-core machine less of the measured latency is the load
// tool's own; the publisher stays here either way.
import { spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import http from 'node:http';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const require = createRequire(`${process.env.HOMEPORT_NODE_MODULES}/`);
const WebSocket = require('ws');

const [mode, ...rest] = isMainThread ? process.argv.slice(2) : workerData.argv;
const args = {};
for (let i = 0; i < rest.length; i += 2) args[rest[i].replace(/^--/, '')] = rest[i + 1];
const clock = () => performance.timeOrigin + performance.now(); // ms, comparable across threads
const port = Number(args.port);
// --pid may name several servers (the nodes of a cluster): CPU is summed over them, RSS too.
const pids = String(args.pid ?? '').split(',').filter(Boolean).map(Number);
// --subscriber-ports P1,P2,...: worker w's subscribers connect to P[w % n] (a cluster's nodes);
// publishes always go to --port.
const subscriberPorts = String(args['subscriber-ports'] ?? '').split(',').filter(Boolean).map(Number);
const subscriberPort = (w) => (subscriberPorts.length ? subscriberPorts[w % subscriberPorts.length] : port);
// At most the listen backlog of the HTTP engine (QTcpServer default 50), so opening measures the
// server rather than SYN retries.
const OPEN_CONCURRENCY = 50;
const DRAIN_MS = 5000; // how long stragglers may take after the last publish
const CLOCK_TICKS = 100; // USER_HZ on Linux

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function procStatus() {
  const total = { rssMiB: 0, peakMiB: 0 };
  for (const pid of pids) {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))[1]);
    total.rssMiB += kib('VmRSS') / 1024;
    total.peakMiB += kib('VmHWM') / 1024;
  }
  return total;
}
function cpuSeconds() {
  let seconds = 0;
  for (const pid of pids) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    seconds += (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime + stime
  }
  return seconds;
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

// One worker thread: opens its share of subscribers, subscribes them, tells the main thread, then
// records publish -> receipt latency for every tick frame until told to stop.
async function subscriberWorker() {
  const { count, publishes, channel } = workerData;
  const latencies = new Float64Array(publishes * count);
  let received = 0;
  let subscribed = 0;
  let lastReceiptAt = 0;
  const { clients, failures } = await openClients(count, (ws, text) => {
    if (text.includes('"pusher_internal:subscription_succeeded"')) { subscribed++; return; }
    // The frame is {"event":"tick","channel":...,"data":"{\"seq\":N,\"t\":T}"}: read t without
    // two JSON.parse calls per frame, which would make the load tool the bottleneck.
    const marker = '\\"t\\":';
    const at = text.indexOf(marker);
    if (at < 0 || !text.includes('"event":"tick"')) return;
    const now = clock();
    latencies[received++] = now - parseFloat(text.slice(at + marker.length));
    lastReceiptAt = now;
  });
  for (const ws of clients) ws.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel } }));
  for (let i = 0; i < 200 && subscribed < clients.length; i++) await sleep(50);
  parentPort.postMessage({ type: 'ready', clients: clients.length, failures, subscribed });
  // 'count' -> how many arrived so far; 'stop' -> send everything and close.
  for (;;) {
    const command = await new Promise((resolve) => parentPort.once('message', resolve));
    if (command === 'stop') break;
    parentPort.postMessage({ type: 'count', received });
  }
  const result = latencies.slice(0, received);
  parentPort.postMessage({ type: 'done', received, lastReceiptAt, latencies: result }, [result.buffer]);
  await closeAll(clients);
}

async function fanout() {
  const subscribers = Number(args.subscribers);
  const rate = Number(args.rate);
  const seconds = Number(args.seconds);
  const workerCount = Math.max(1, Math.min(Number(args.workers ?? 2), subscribers));
  const channel = 'bench-fanout';
  const publishes = rate * seconds;

  const native = args.receiver === 'native';
  const workers = [];
  for (let w = 0; w < workerCount; w++) {
    const count = Math.floor(subscribers / workerCount) + (w < subscribers % workerCount ? 1 : 0);
    const messages = [];
    let wake = null;
    const push = (m) => { messages.push(m); wake?.(); };
    const next = async () => { while (!messages.length) await new Promise((r) => { wake = r; }); return messages.shift(); };
    if (native) {
      // The same conversation as with a worker thread, as lines over the child's stdin/stdout.
      const out = `${tmpdir()}/homeport-fanout-receiver.${process.pid}.${w}`;
      const child = spawn(args['receiver-bin'], ['--port', String(subscriberPort(w)), '--key', args.key, '--count', String(count),
        '--channel', channel, '--out', out, '--expected', String(publishes * count)], { stdio: ['pipe', 'pipe', 'inherit'] });
      child.on('error', (e) => { console.error(e); process.exit(1); });
      createInterface({ input: child.stdout }).on('line', (line) => {
        const [type, a, b, c] = line.split(' ');
        if (type === 'ready') push({ type, clients: Number(a), failures: Number(b), subscribed: Number(c) });
        else if (type === 'count') push({ type, received: Number(a) });
        else if (type === 'done') {
          const bytes = readFileSync(out);
          const latencies = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
          rmSync(out, { force: true });
          push({ type, received: Number(a), lastReceiptAt: Number(b), latencies });
        }
      });
      const worker = { postMessage: (command) => child.stdin.write(`${command}\n`), once: (_, done) => child.once('exit', done) };
      workers.push({ worker, next });
    } else {
      const worker = new Worker(new URL(import.meta.url), { workerData: { argv: [mode, ...rest, '--port', String(subscriberPort(w))], count, publishes, channel } });
      worker.on('message', push);
      worker.on('error', (e) => { console.error(e); process.exit(1); });
      workers.push({ worker, next });
    }
  }
  const ready = await Promise.all(workers.map((w) => w.next()));
  const clients = ready.reduce((n, r) => n + r.clients, 0);
  const failures = ready.reduce((n, r) => n + r.failures, 0);
  const subscribed = ready.reduce((n, r) => n + r.subscribed, 0);
  await sleep(1000);

  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const path = `/apps/${args['app-id']}/events`;
  let publishErrors = 0;
  const publishOne = (seq) => new Promise((resolve) => {
    const body = JSON.stringify({ name: 'tick', channel, data: JSON.stringify({ seq, t: clock() }) });
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
  const start = clock();
  const pending = [];
  for (let seq = 0; seq < publishes; seq++) {
    const due = start + (seq * 1000) / rate;
    const wait = due - clock();
    if (wait > 0) await sleep(wait);
    pending.push(publishOne(seq));
  }
  await Promise.all(pending);
  const expected = publishes * clients;
  // Stragglers get up to DRAIN_MS after the last publish was answered.
  const drainUntil = clock() + DRAIN_MS;
  for (;;) {
    for (const w of workers) w.worker.postMessage('count');
    const counts = await Promise.all(workers.map((w) => w.next()));
    if (counts.reduce((n, c) => n + c.received, 0) >= expected || clock() >= drainUntil) break;
    await sleep(20);
  }
  const cpuPercent = ((cpuSeconds() - cpuStart) / ((clock() - start) / 1000)) * 100;
  for (const w of workers) w.worker.postMessage('stop');
  const done = await Promise.all(workers.map((w) => w.next()));
  let received = 0;
  let lastReceiptAt = 0;
  const all = new Float64Array(done.reduce((n, d) => n + d.received, 0));
  for (const d of done) {
    all.set(d.latencies, received);
    received += d.received;
    lastReceiptAt = Math.max(lastReceiptAt, d.lastReceiptAt);
  }
  const sorted = all.sort();
  const result = {
    mode, receiver: native ? 'native' : 'node', subscribers: clients, workers: workerCount, failures, subscribed, publishes, publishErrors, expected, received,
    lost: expected - received,
    deliveriesPerSecond: received / ((lastReceiptAt - start) / 1000),
    p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted[sorted.length - 1],
    cpuPercent, rssMiB: procStatus().rssMiB,
  };
  agent.destroy();
  await Promise.all(workers.map((w) => new Promise((r) => w.worker.once('exit', r))));
  return result;
}

if (!isMainThread) {
  await subscriberWorker();
  process.exit(0);
}
const result = mode === 'idle' ? await idle() : mode === 'fanout' ? await fanout() : null;
if (!result) {
  console.error('usage: load.mjs idle|fanout --port P ...');
  process.exit(2);
}
console.log(JSON.stringify(result));
process.exit(0);
