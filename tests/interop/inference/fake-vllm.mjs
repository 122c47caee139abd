// A stand-in for a vLLM pod, run as its own process: the OpenAI-compatible routes vLLM serves
// (/v1/models, /v1/chat/completions and /v1/completions as JSON or SSE, /v1/embeddings with float
// and base64 encodings), /health, /metrics in Prometheus text as vLLM's prometheus_client writes
// it (both metric-name generations: --metrics current for vllm:kv_cache_usage_perc, old for
// vllm:gpu_cache_usage_perc), and vLLM's 401 body for a wrong key. Answers are deterministic (ids from a hash of the request's content) so a
// test can compare what the gateway returns with what the pod returns directly.
//
//   node fake-vllm.mjs --name a --models m1,m2 [--api-key K] [--port 0]
// prints {"port":N} on its first stdout line. Test controls (not part of vLLM's surface):
//   POST /_fake/config {failStatus, failTimes, breakAfterChunks, chunkDelayMs, firstByteDelayMs,
//                       firstTokenDelayMs, healthy, healthDelayMs, metrics: 'current'|'old'|'none',
//                       waiting, kvCacheUsage}
//        firstByteDelayMs: nothing at all (not even the head) for that long, JSON or SSE, as a pod
//        behind a proxy that holds the answer; firstTokenDelayMs (streams): the head at once, the
//        first event after that long, as vLLM does while the request waits in its queue;
//        chunkDelayMs: between events.
//   POST /_fake/observe {ttft: [seconds...], e2e: [seconds...], promptTokens, generationTokens}
//        adds observations to the histograms and counters as if requests had run
//   GET  /_fake/stats  -> {requests: {path: count}, completed, aborted}
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    name: { type: 'string', default: 'pod' },
    models: { type: 'string', default: 'fake-model' },
    'api-key': { type: 'string', default: '' },
    port: { type: 'string', default: '0' },
    metrics: { type: 'string', default: 'current' },
  },
});
const models = args.models.split(',').filter(Boolean);
const apiKey = args['api-key'];
const created = Math.floor(Date.now() / 1000);
const config = {
  failStatus: 0, failTimes: -1, breakAfterChunks: -1, chunkDelayMs: 0, firstByteDelayMs: 0, firstTokenDelayMs: 0, healthy: true,
  healthDelayMs: 0, metrics: args.metrics, waiting: null, kvCacheUsage: null,
};
const stats = { requests: {}, completed: 0, aborted: 0 };
let running = 0;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const digest = (text) => createHash('sha256').update(text).digest('hex');
// Independent of key order and stream_options, which a gateway may rewrite.
const canonical = (v) => (Array.isArray(v) ? v.map(canonical)
  : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])])) : v);
const requestDigest = (body) => digest(JSON.stringify(canonical({ ...body, stream_options: undefined })));
const words = (text) => String(text).split(/\s+/).filter(Boolean);

function sendJson(res, status, body) {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) });
  res.end(data);
}

// vLLM's current error shape (ErrorInfo): code is the status, type its phrase.
function sendError(res, status, message, type) {
  sendJson(res, status, { error: { message, type, param: null, code: status } });
}

function messageText(content) {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => p.text ?? '').join(' ');
  return '';
}

// The reply as tokens: each piece is one streamed delta and one completion token.
function replyPieces(prefix, text) {
  return words(`${prefix} ${text}`).map((w, i) => (i === 0 ? w : ` ${w}`));
}

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

function modelList() {
  return {
    object: 'list',
    data: models.map((id) => ({ id, object: 'model', created, owned_by: 'vllm', root: id, parent: null, max_model_len: 4096, permission: [] })),
  };
}

// vLLM's histogram bounds (vllm/v1/metrics/loggers.py) for time to first token and request latency.
const TTFT_BUCKETS = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0,
  20.0, 40.0, 80.0, 160.0, 640.0, 2560.0];
const E2E_BUCKETS = [0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0,
  480.0, 960.0, 1920.0, 7680.0];
const histogram = (bounds) => ({ bounds, counts: bounds.map(() => 0), inf: 0, sum: 0 });
const ttft = histogram(TTFT_BUCKETS);
const e2e = histogram(E2E_BUCKETS);
let successes = 0;
function observe(h, seconds) {
  h.bounds.forEach((le, i) => { if (seconds <= le) h.counts[i] += 1; });
  h.inf += 1;
  h.sum += seconds;
}
// prometheus_client writes floats the Python way: 1.0, 0.25, 1e-05.
const py = (v) => (Number.isInteger(v) ? `${v}.0` : String(v));

function metricsText() {
  if (config.metrics === 'none') return '# no vLLM here\n';
  const labels = `engine="0",model_name="${models[0]}"`;
  const kv = config.kvCacheUsage ?? Math.min(1, running * 0.125);
  const kvName = config.metrics === 'old' ? 'vllm:gpu_cache_usage_perc' : 'vllm:kv_cache_usage_perc';
  const lines = [];
  const gauge = (name, help, value) => lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name}{${labels}} ${py(value)}`);
  const counter = (name, help, value) => lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`, `${name}{${labels}} ${py(value)}`);
  const hist = (name, help, h) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
    h.bounds.forEach((le, i) => lines.push(`${name}_bucket{${labels},le="${py(le)}"} ${py(h.counts[i])}`));
    lines.push(`${name}_bucket{${labels},le="+Inf"} ${py(h.inf)}`, `${name}_count{${labels}} ${py(h.inf)}`, `${name}_sum{${labels}} ${py(h.sum)}`);
  };
  lines.push('# HELP python_gc_objects_collected_total Objects collected during gc', '# TYPE python_gc_objects_collected_total counter',
    'python_gc_objects_collected_total{generation="0"} 1234.0');
  gauge('vllm:num_requests_running', 'Number of requests in model execution batches.', running);
  gauge('vllm:num_requests_waiting', 'Number of requests waiting to be processed.', config.waiting ?? 0);
  gauge(kvName, 'KV-cache usage. 1 means 100 percent usage.', kv);
  counter('vllm:prompt_tokens_total', 'Number of prefill tokens processed.', stats.promptTokens ?? 0);
  counter('vllm:generation_tokens_total', 'Number of generation tokens processed.', stats.completionTokens ?? 0);
  lines.push('# HELP vllm:request_success_total Count of successfully processed requests.', '# TYPE vllm:request_success_total counter',
    `vllm:request_success_total{${labels},finished_reason="stop"} ${py(successes)}`);
  hist('vllm:time_to_first_token_seconds', 'Histogram of time to first token in seconds.', ttft);
  hist('vllm:e2e_request_latency_seconds', 'Histogram of e2e request latency in seconds.', e2e);
  return `${lines.join('\n')}\n`;
}

async function stream(req, res, chunks, usageChunk) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  let closed = false;
  res.on('close', () => { closed = true; });
  if (config.firstTokenDelayMs) {
    res.flushHeaders();
    await sleep(config.firstTokenDelayMs);
  }
  let sent = 0;
  for (const chunk of chunks) {
    if (closed) return;
    if (config.breakAfterChunks >= 0 && sent === config.breakAfterChunks) {
      await sleep(50);
      res.socket.destroy(); // the pod dies mid-stream
      return;
    }
    // Waits until the chunk is handed to the socket, so a break after it happens after its bytes.
    await new Promise((resolve) => res.write(`data: ${JSON.stringify(chunk)}\n\n`, resolve));
    sent += 1;
    if (config.chunkDelayMs) await sleep(config.chunkDelayMs);
  }
  if (closed) return;
  if (usageChunk) res.write(`data: ${JSON.stringify(usageChunk)}\n\n`);
  res.end('data: [DONE]\n\n');
}

async function chatCompletions(req, res, body) {
  const prompt = (body.messages ?? []).map((m) => messageText(m.content)).join(' ');
  const last = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user');
  const pieces = replyPieces(`${args.name} heard:`, messageText(last?.content ?? ''));
  const id = `chatcmpl-${requestDigest(body).slice(0, 24)}`;
  const usage = { prompt_tokens: words(prompt).length, total_tokens: words(prompt).length + pieces.length, completion_tokens: pieces.length, prompt_tokens_details: null };
  stats.promptTokens = (stats.promptTokens ?? 0) + usage.prompt_tokens;
  stats.completionTokens = (stats.completionTokens ?? 0) + usage.completion_tokens;
  if (!body.stream) {
    return sendJson(res, 200, {
      id, object: 'chat.completion', created, model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content: pieces.join(''), refusal: null, tool_calls: [] }, logprobs: null, finish_reason: 'stop', stop_reason: null }],
      usage, prompt_logprobs: null,
    });
  }
  const includeUsage = body.stream_options?.include_usage === true;
  const base = { id, object: 'chat.completion.chunk', created, model: body.model };
  const withUsage = (c) => (includeUsage ? { ...c, usage: null } : c);
  const chunks = [withUsage({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }] })];
  for (const p of pieces) chunks.push(withUsage({ ...base, choices: [{ index: 0, delta: { content: p }, logprobs: null, finish_reason: null }] }));
  chunks.push(withUsage({ ...base, choices: [{ index: 0, delta: { content: '' }, logprobs: null, finish_reason: 'stop', stop_reason: null }] }));
  await stream(req, res, chunks, includeUsage ? { ...base, choices: [], usage } : null);
}

async function completions(req, res, body) {
  const prompt = Array.isArray(body.prompt) ? body.prompt.join(' ') : String(body.prompt ?? '');
  const pieces = replyPieces(`${args.name} continues:`, prompt);
  const id = `cmpl-${requestDigest(body).slice(0, 24)}`;
  const usage = { prompt_tokens: words(prompt).length, total_tokens: words(prompt).length + pieces.length, completion_tokens: pieces.length, prompt_tokens_details: null };
  stats.promptTokens = (stats.promptTokens ?? 0) + usage.prompt_tokens;
  stats.completionTokens = (stats.completionTokens ?? 0) + usage.completion_tokens;
  const base = { id, object: 'text_completion', created, model: body.model };
  if (!body.stream) {
    return sendJson(res, 200, { ...base, choices: [{ index: 0, text: pieces.join(''), logprobs: null, finish_reason: 'stop', stop_reason: null, prompt_logprobs: null }], usage });
  }
  const includeUsage = body.stream_options?.include_usage === true;
  const chunks = pieces.map((p, i) => ({ ...base, choices: [{ index: 0, text: p, logprobs: null, finish_reason: i === pieces.length - 1 ? 'stop' : null, stop_reason: null }] }));
  await stream(req, res, chunks, includeUsage ? { ...base, choices: [], usage } : null);
}

function embeddings(req, res, body) {
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  let promptTokens = 0;
  const data = inputs.map((input, index) => {
    const text = Array.isArray(input) ? input.join(' ') : String(input);
    promptTokens += Array.isArray(input) ? input.length : words(text).length;
    const hash = createHash('sha256').update(`${args.name}|${text}`).digest();
    const vector = Array.from({ length: 8 }, (_, i) => (hash[i] - 128) / 128);
    const embedding = body.encoding_format === 'base64'
      ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
      : Array.from(new Float32Array(vector));
    return { index, object: 'embedding', embedding };
  });
  stats.promptTokens = (stats.promptTokens ?? 0) + promptTokens;
  sendJson(res, 200, { id: `embd-${digest(JSON.stringify(body)).slice(0, 24)}`, object: 'list', created, model: body.model, data, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens, completion_tokens: 0, prompt_tokens_details: null } });
}

const server = createServer(async (req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  stats.requests[`${req.method} ${path}`] = (stats.requests[`${req.method} ${path}`] ?? 0) + 1;
  try {
    if (path === '/_fake/config' && req.method === 'POST') {
      Object.assign(config, JSON.parse(await readBody(req)));
      return sendJson(res, 200, config);
    }
    if (path === '/_fake/stats') return sendJson(res, 200, stats);
    if (path === '/_fake/observe' && req.method === 'POST') {
      const o = JSON.parse(await readBody(req));
      for (const v of o.ttft ?? []) observe(ttft, v);
      for (const v of o.e2e ?? []) observe(e2e, v);
      stats.promptTokens = (stats.promptTokens ?? 0) + (o.promptTokens ?? 0);
      stats.completionTokens = (stats.completionTokens ?? 0) + (o.generationTokens ?? 0);
      return sendJson(res, 200, {});
    }
    if (path === '/health') {
      if (config.healthDelayMs) await sleep(config.healthDelayMs);
      res.writeHead(config.healthy ? 200 : 503, { 'content-length': 0 });
      return res.end();
    }
    if (path === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      return res.end(metricsText());
    }
    if (path.startsWith('/v1') && apiKey && req.headers.authorization !== `Bearer ${apiKey}`) {
      return sendJson(res, 401, { error: 'Unauthorized' });
    }
    if (path === '/v1/models' && req.method === 'GET') return sendJson(res, 200, modelList());
    if (req.method !== 'POST' || !['/v1/chat/completions', '/v1/completions', '/v1/embeddings'].includes(path)) {
      return sendError(res, 404, `Not Found: ${req.method} ${path}`, 'NotFoundError');
    }
    const body = JSON.parse(await readBody(req));
    if (config.failStatus && config.failTimes !== 0) {
      if (config.failTimes > 0) config.failTimes -= 1;
      return sendError(res, config.failStatus, `${args.name} is failing on purpose`, 'ServiceUnavailableError');
    }
    if (!models.includes(body.model)) {
      return sendError(res, 404, `The model \`${body.model}\` does not exist.`, 'NotFoundError');
    }
    running += 1;
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    const firstWrite = res.write.bind(res);
    let firstByte = null;
    res.write = (...a) => { firstByte ??= seconds(); return firstWrite(...a); };
    res.on('close', () => {
      running -= 1;
      if (res.writableFinished) {
        stats.completed += 1;
        successes += 1;
        observe(ttft, firstByte ?? seconds());
        observe(e2e, seconds());
      } else stats.aborted += 1;
    });
    if (config.firstByteDelayMs) {
      let gone = false;
      res.once('close', () => { gone = true; });
      await sleep(config.firstByteDelayMs);
      if (gone) return; // the caller gave up waiting
    }
    if (path === '/v1/chat/completions') await chatCompletions(req, res, body);
    else if (path === '/v1/completions') await completions(req, res, body);
    else embeddings(req, res, body);
  } catch (error) {
    if (!res.headersSent) sendError(res, 400, String(error.message ?? error), 'BadRequestError');
  }
});

server.listen(Number(args.port), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
