// A stand-in for RunPod, run as its own process, speaking the documented shapes:
//   REST (https://rest.runpod.io/v1):  GET /v1/pods, GET /v1/endpoints (bare JSON arrays),
//                                      POST /v1/pods/{id}/start, POST /v1/pods/{id}/stop
//   serverless (https://api.runpod.ai/v2): GET /v2/{endpoint}/health ->
//       {"jobs":{"completed","failed","inProgress","inQueue","retried"},"workers":{"idle","running"}}
//     and /v2/{endpoint}/openai/v1/* forwarded to the endpoint's worker (a fake vLLM)
//   pod proxy (https://{pod}-{port}.proxy.runpod.net): /proxy/{pod}-{port}/* forwarded to what
//     the pod serves on that port, 502 when nothing does or the pod is not running
// Every route wants `Authorization: Bearer <api key>` (401 otherwise), except the proxy, which
// passes the header on as RunPod's proxy does.
//
//   node fake-runpod.mjs --api-key KEY [--port 0]    prints {"port":N} on its first stdout line
// Test controls (not RunPod's):
//   POST /_fake/state {pods: [pod + {_serves: {"8000": "http://127.0.0.1:P"}}],
//                      endpoints: [endpoint + {_health: {jobs, workers}, _worker: "http://127.0.0.1:P"}]}
//   GET  /_fake/log -> ["POST /v1/pods/abc/stop", ...]
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: { 'api-key': { type: 'string', default: 'rp-key' }, port: { type: 'string', default: '0' } },
});
const state = { pods: [], endpoints: [] };
const log = [];

function sendJson(res, status, body) {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) });
  res.end(data);
}

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks);
}

const visible = (o) => Object.fromEntries(Object.entries(o).filter(([k]) => !k.startsWith('_')));

// Passes the request to `target` + `rest` and streams the answer back unchanged.
async function forward(req, res, target, rest) {
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req);
  const headers = { ...req.headers };
  delete headers.host;
  delete headers['content-length'];
  let upstream;
  try {
    upstream = await fetch(`${target}${rest}`, { method: req.method, headers, body });
  } catch (error) {
    return sendJson(res, 502, { error: `bad gateway: ${error.message}` });
  }
  const out = {};
  upstream.headers.forEach((v, k) => { if (!['content-length', 'transfer-encoding', 'content-encoding'].includes(k)) out[k] = v; });
  res.writeHead(upstream.status, out);
  if (upstream.body) for await (const chunk of upstream.body) res.write(chunk);
  res.end();
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const path = url.pathname;
  log.push(`${req.method} ${path}`);
  try {
    if (path === '/_fake/state' && req.method === 'POST') {
      Object.assign(state, JSON.parse(await readBody(req)));
      return sendJson(res, 200, {});
    }
    if (path === '/_fake/log') return sendJson(res, 200, log);

    const proxy = path.match(/^\/proxy\/([^/]+)-(\d+)(\/.*)?$/);
    if (proxy) {
      const pod = state.pods.find((p) => p.id === proxy[1]);
      const target = pod?.desiredStatus === 'RUNNING' ? pod._serves?.[proxy[2]] : undefined;
      if (!target) return sendJson(res, 502, { error: 'no service on this port' });
      return forward(req, res, target, `${proxy[3] ?? '/'}${url.search}`);
    }

    if (req.headers.authorization !== `Bearer ${args['api-key']}`) {
      return sendJson(res, 401, { error: 'Unauthorized' });
    }
    if (path === '/v1/pods' && req.method === 'GET') return sendJson(res, 200, state.pods.map(visible));
    if (path === '/v1/endpoints' && req.method === 'GET') return sendJson(res, 200, state.endpoints.map(visible));
    const action = path.match(/^\/v1\/pods\/([^/]+)\/(start|stop)$/);
    if (action && req.method === 'POST') {
      const pod = state.pods.find((p) => p.id === action[1]);
      if (!pod) return sendJson(res, 404, { error: `pod ${action[1]} not found` });
      pod.desiredStatus = action[2] === 'start' ? 'RUNNING' : 'EXITED';
      if (action[2] === 'start') pod.lastStartedAt = new Date().toISOString();
      return sendJson(res, 200, visible(pod));
    }
    const serverless = path.match(/^\/v2\/([^/]+)\/(health|openai\/v1\/.*)$/);
    if (serverless) {
      const endpoint = state.endpoints.find((e) => e.id === serverless[1]);
      if (!endpoint) return sendJson(res, 404, { error: `endpoint ${serverless[1]} not found` });
      if (serverless[2] === 'health') {
        const health = endpoint._health ?? {};
        return sendJson(res, 200, {
          jobs: { completed: 0, failed: 0, inProgress: 0, inQueue: 0, retried: 0, ...health.jobs },
          workers: { idle: 0, running: 0, ...health.workers },
        });
      }
      if (!endpoint._worker) return sendJson(res, 500, { error: 'no worker' });
      // The worker does not check keys: RunPod did. Its /v1/... are the endpoint's /openai/v1/...
      const headers = req.headers;
      delete headers.authorization;
      return forward(req, res, endpoint._worker, `/${serverless[2].slice('openai/'.length)}${url.search}`);
    }
    return sendJson(res, 404, { error: `no route ${req.method} ${path}` });
  } catch (error) {
    if (!res.headersSent) sendJson(res, 400, { error: String(error.message ?? error) });
  }
});

server.listen(Number(args.port), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
