// The pod for scripts/bench-inference: an OpenAI-compatible server that answers at once, so what
// the benchmark measures is the gateway, not the model. /health, /v1/models, and
// /v1/chat/completions as one small JSON answer (with usage) or, with stream:true, as
// --chunks SSE chunks --chunk-ms apart, each carrying in its content the pod's CLOCK_MONOTONIC
// time (ns) when it was written, so the client can tell how long each chunk took to arrive.
//   node fast_pod.mjs [--port 0] [--chunks 20] [--chunk-ms 2]
// prints {"port":N} once it listens. The benchmark checks it is not the bottleneck by loading
// it directly beside the gateway in the same run.
import http from 'node:http';

const args = {};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];
const chunks = Number(args.chunks ?? 20);
const chunkMs = Number(args['chunk-ms'] ?? 2);
const MODEL = 'bench-model';
const created = Math.floor(Date.now() / 1000);
const models = JSON.stringify({ object: 'list', data: [{ id: MODEL, object: 'model', created, owned_by: 'vllm' }] });
const answer = JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion', created, model: MODEL,
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
});
const usageChunk = `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created, model: MODEL, choices: [], usage: { prompt_tokens: 5, completion_tokens: chunks, total_tokens: 5 + chunks } })}\n\n`;
const chunkPrefix = `data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":${created},"model":"${MODEL}","choices":[{"index":0,"delta":{"content":"`;
const chunkSuffix = '"},"finish_reason":null}]}\n\n';

function stream(res, includeUsage) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let sent = 0;
  const next = () => {
    if (res.destroyed) return;
    if (sent === chunks) {
      if (includeUsage) res.write(usageChunk);
      res.end('data: [DONE]\n\n');
      return;
    }
    sent += 1;
    res.write(chunkPrefix + process.hrtime.bigint().toString() + chunkSuffix);
    setTimeout(next, chunkMs);
  };
  next();
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') return res.end();
  if (req.method === 'GET' && req.url === '/v1/models') {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(models) });
    return res.end(models);
  }
  if (req.method === 'POST' && req.url === '/v1/chat/completions') {
    const parts = [];
    req.on('data', (c) => parts.push(c));
    req.on('end', () => {
      const body = Buffer.concat(parts).toString();
      // Cheaper than JSON.parse for the two flags the bench sends.
      if (body.includes('"stream":true')) return stream(res, body.includes('"include_usage":true'));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
    });
    return undefined;
  }
  res.writeHead(404, { 'content-type': 'application/json' });
  return res.end('{"error":{"message":"not found","type":"invalid_request_error","param":null,"code":404}}');
});
server.keepAliveTimeout = 60_000;
server.listen(Number(args.port ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
