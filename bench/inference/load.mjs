// Load tool for scripts/bench-inference: sends OpenAI chat completions to a base URL (the gateway
// or the pod directly) over keep-alive connections and prints one JSON line of results.
//   node load.mjs closed --url U --key K --concurrency C (--seconds S | --requests N) [--pid P --samples M]
//   node load.mjs rate   --url U --key K --rate R --seconds S
//   node load.mjs stream --url U --key K --requests N
// closed: C clients, each sending its next request when the last answer arrived; latency p50/p99
//   and requests/s; with --pid, the process's RSS sampled M times over the run.
// rate: an open loop at R requests/s (latency from each request's send time).
// stream: one stream at a time; time to first byte, and per chunk the delay from the pod writing
//   it (its CLOCK_MONOTONIC ns, in the chunk's content) to this process reading it. Node's
//   process.hrtime reads the same CLOCK_MONOTONIC, so the two processes' times compare.
import http from 'node:http';
import { readFileSync } from 'node:fs';

const [mode, ...rest] = process.argv.slice(2);
const args = {};
for (let i = 0; i < rest.length; i += 2) args[rest[i].replace(/^--/, '')] = rest[i + 1];
const url = new URL(`${args.url}/chat/completions`);
const concurrency = Number(args.concurrency ?? 1);
const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(concurrency, 512) });
const plainBody = JSON.stringify({ model: 'bench-model', messages: [{ role: 'user', content: 'hello bench' }] });
const streamBody = JSON.stringify({ model: 'bench-model', messages: [{ role: 'user', content: 'hello bench' }], stream: true, stream_options: { include_usage: true } });
const headers = (body) => ({ 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${args.key}` });
const nowNs = () => process.hrtime.bigint();

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}
function summary(latenciesMs) {
  const sorted = Float64Array.from(latenciesMs).sort();
  return { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), p999: percentile(sorted, 99.9), max: sorted[sorted.length - 1] };
}
function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/^VmRSS:\s+(\d+) kB/m)[1]) / 1024;
}

// One non-streamed request; resolves with its latency in ms (or null on an error status).
function send() {
  return new Promise((resolve) => {
    const start = nowNs();
    const req = http.request(url, { method: 'POST', agent, headers: headers(plainBody) }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode === 200 ? Number(nowNs() - start) / 1e6 : null));
    });
    req.on('error', () => resolve(null));
    req.end(plainBody);
  });
}

async function closed() {
  const seconds = args.seconds ? Number(args.seconds) : Infinity;
  const total = args.requests ? Number(args.requests) : Infinity;
  const pid = args.pid ? Number(args.pid) : 0;
  const samples = Number(args.samples ?? 10);
  const latencies = [];
  const rss = [];
  let started = 0;
  let errors = 0;
  const begin = nowNs();
  const deadline = Number.isFinite(seconds) ? begin + BigInt(Math.round(seconds * 1e9)) : null;
  const sampleEvery = Number.isFinite(total) ? Math.max(1, Math.floor(total / samples)) : 0;
  if (pid) rss.push({ requests: 0, rssMiB: rssMiB(pid) });
  // Latencies are kept for the last 100,000 requests only, so a long run's memory stays flat.
  const keep = 100_000;
  let done = 0;
  const client = async () => {
    while (started < total && (!deadline || nowNs() < deadline)) {
      started += 1;
      const ms = await send();
      done += 1;
      if (ms === null) errors += 1;
      else if (latencies.length < keep) latencies.push(ms);
      else latencies[done % keep] = ms;
      if (pid && sampleEvery && done % sampleEvery === 0) rss.push({ requests: done, rssMiB: rssMiB(pid) });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsed = Number(nowNs() - begin) / 1e9;
  return { mode, concurrency, requests: done, errors, seconds: elapsed, rps: done / elapsed, ...summary(latencies), rss };
}

async function rate() {
  const perSecond = Number(args.rate);
  const seconds = Number(args.seconds);
  const latencies = [];
  let errors = 0;
  const pending = [];
  const begin = nowNs();
  const count = Math.round(perSecond * seconds);
  // Each timer tick sends whatever has come due (a tick is about 1 ms), never spinning, so the
  // answers are read as they come.
  let sent = 0;
  while (sent < count) {
    const due = Math.min(count, Math.floor((Number(nowNs() - begin) / 1e9) * perSecond) + 1);
    for (; sent < due; sent += 1)
      pending.push(send().then((ms) => { if (ms === null) errors += 1; else latencies.push(ms); }));
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(pending);
  const elapsed = Number(nowNs() - begin) / 1e9;
  return { mode, rate: perSecond, requests: latencies.length, errors, seconds: elapsed, rps: latencies.length / elapsed, ...summary(latencies) };
}

function oneStream() {
  return new Promise((resolve, reject) => {
    const start = nowNs();
    let firstByte = null;
    let buffer = '';
    const delays = [];
    const req = http.request(url, { method: 'POST', agent, headers: headers(streamBody) }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (text) => {
        const at = nowNs();
        if (firstByte === null) firstByte = Number(at - start) / 1e6;
        buffer += text;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const m = event.match(/"content":"(\d+)"/);
          if (m) delays.push(Number(at - BigInt(m[1])) / 1e6);
        }
      });
      res.on('end', () => resolve({ firstByte, delays, status: res.statusCode }));
    });
    req.on('error', reject);
    req.end(streamBody);
  });
}

async function streams() {
  const total = Number(args.requests ?? 200);
  const ttfb = [];
  const delays = [];
  for (let i = 0; i < total; i += 1) {
    const r = await oneStream();
    if (r.status !== 200) throw new Error(`stream answered ${r.status}`);
    ttfb.push(r.firstByte);
    delays.push(...r.delays);
  }
  const s = (xs) => summary(xs);
  return { mode, streams: total, chunks: delays.length, ttfb: s(ttfb), chunkDelay: s(delays) };
}

const run = { closed, rate, stream: streams }[mode];
if (!run) {
  console.error('usage: node load.mjs closed|rate|stream --url U --key K ...');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(await run())}\n`);
agent.destroy();
