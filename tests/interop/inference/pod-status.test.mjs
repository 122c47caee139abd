// The pod status path end to end: fake vLLM pods serving /metrics in both metric-name generations
// and a fake RunPod serverless endpoint, a real homeport polling them, and what it concludes read
// back from the admin /metrics (homeport_inference_pod_* gauges): KV-cache fill from either name,
// queue and KV pressure making a pod degraded, TTFT and latency p50/p95 from how the histogram
// buckets grew, a scaled-to-zero endpoint cold yet answering through the gateway, and a dead pod
// down.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeRunpod, startFakeVllm, startGateway } from './pods.mjs';

let current;
let old;
let worker;
let runpod;
let gateway;

before(async () => {
  current = await startFakeVllm({ name: 'current', models: ['chat-current'], metrics: 'current' });
  old = await startFakeVllm({ name: 'old', models: ['chat-old'], metrics: 'old' });
  worker = await startFakeVllm({ name: 'worker', models: ['rp-model'] });
  await current.configure({ kvCacheUsage: 0.42 });
  await old.configure({ kvCacheUsage: 0.3 });
  runpod = await startFakeRunpod();
  await runpod.setState({
    endpoints: [{ id: 'ep1', name: 'serverless vllm', workersMin: 0, workersMax: 3, _worker: worker.root,
      _health: { workers: { idle: 0, running: 0 } } }],
  });
  gateway = await startGateway([
    { fake: current, entry: { kind: 'vllm', cost_per_hour: 1.99 } },
    { fake: old },
    { entry: { name: 'serverless', kind: 'runpod-serverless', url: `${runpod.serverlessBase}/ep1/openai/v1`,
      api_key: runpod.apiKey, models: ['rp-model'] } },
  ], { expectModels: ['chat-current', 'chat-old', 'rp-model'] });
});

after(async () => {
  const { code } = await gateway?.homeport.stop() ?? { code: 0 };
  for (const fake of [current, old, worker, runpod]) await fake?.stop();
  assert.equal(code, 0);
});

// The value of one gauge sample in Prometheus text, or undefined.
function gauge(text, name, labels) {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

async function until(what, check) {
  const deadline = Date.now() + 20000;
  let text = '';
  for (;;) {
    text = await gateway.metrics();
    if (check(text)) return text;
    if (Date.now() > deadline) assert.fail(`${what} did not happen; admin /metrics:\n${text.split('\n').filter((l) => l.includes('pod')).join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const state = (text, pod) => ['up', 'degraded', 'cold', 'down'].find((s) => gauge(text, 'homeport_inference_pod_state', `pod="${pod}",state="${s}"`) === 1);

test('KV-cache fill comes from vllm:kv_cache_usage_perc, or vllm:gpu_cache_usage_perc on older pods', async () => {
  const text = await until('both KV gauges', (t) => gauge(t, 'homeport_inference_pod_kv_cache_usage', 'pod="current"') === 0.42
    && gauge(t, 'homeport_inference_pod_kv_cache_usage', 'pod="old"') === 0.3);
  assert.equal(state(text, 'current'), 'up');
  assert.equal(state(text, 'old'), 'up');
  assert.equal(gauge(text, 'homeport_inference_pod_requests_waiting', 'pod="current"'), 0);
});

test('requests waiting or a nearly full KV cache make a pod degraded, and it recovers', async () => {
  await current.configure({ waiting: 3 });
  await old.configure({ kvCacheUsage: 0.97 });
  let text = await until('both degraded', (t) => state(t, 'current') === 'degraded' && state(t, 'old') === 'degraded');
  assert.equal(gauge(text, 'homeport_inference_pod_requests_waiting', 'pod="current"'), 3);
  await current.configure({ waiting: 0 });
  await old.configure({ kvCacheUsage: 0.3 });
  text = await until('both up again', (t) => state(t, 'current') === 'up' && state(t, 'old') === 'up');
  assert.equal(gauge(text, 'homeport_inference_pod_kv_cache_usage', 'pod="old"'), 0.3);
});

test('TTFT and end-to-end p50/p95 come from the growth of vLLM\'s histogram buckets', async () => {
  // Four requests with a 0.3 s first token and 1.2 s in all. In vLLM's buckets 0.3 lies in
  // (0.25, 0.5] and 1.2 in (1.0, 1.5]: p50 = 0.25 + 0.25 * 2/4, p95 = 0.25 + 0.25 * 3.8/4,
  // e2e p50 = 1.0 + 0.5 * 2/4.
  await current.observe({ ttft: [0.3, 0.3, 0.3, 0.3], e2e: [1.2, 1.2, 1.2, 1.2], promptTokens: 400, generationTokens: 800 });
  const text = await until('quantiles', (t) => gauge(t, 'homeport_inference_pod_ttft_p50_seconds', 'pod="current"') === 0.375);
  assert.equal(gauge(text, 'homeport_inference_pod_ttft_p95_seconds', 'pod="current"'), 0.4875);
  assert.equal(gauge(text, 'homeport_inference_pod_e2e_latency_p50_seconds', 'pod="current"'), 1.25);
  assert.ok(gauge(text, 'homeport_inference_pod_generation_tokens_per_second', 'pod="current"') > 0);
  // Nothing was observed on the other pod.
  assert.equal(gauge(text, 'homeport_inference_pod_ttft_p50_seconds', 'pod="old"'), undefined);
});

test('a RunPod serverless endpoint with no workers is cold, answers anyway, and is up once a worker idles', async () => {
  let text = await until('cold', (t) => state(t, 'serverless') === 'cold');
  assert.equal(gauge(text, 'homeport_inference_pod_workers', 'pod="serverless"'), 0);
  const { data: reply, response } = await gateway.client().chat.completions
    .create({ model: 'rp-model', messages: [{ role: 'user', content: 'wake up' }] }).withResponse();
  assert.equal(response.headers.get('x-homeport-pod'), 'serverless');
  assert.equal(reply.choices[0].message.content, 'worker heard: wake up');

  await runpod.setState({ endpoints: [{ id: 'ep1', name: 'serverless vllm', _worker: worker.root,
    _health: { workers: { idle: 1, running: 0 } } }] });
  text = await until('up', (t) => state(t, 'serverless') === 'up');
  assert.equal(gauge(text, 'homeport_inference_pod_workers', 'pod="serverless"'), 1);

  await runpod.setState({ endpoints: [{ id: 'ep1', name: 'serverless vllm', _worker: worker.root,
    _health: { workers: { idle: 0, running: 2 }, jobs: { inQueue: 5, inProgress: 2 } } }] });
  text = await until('degraded by its queue', (t) => state(t, 'serverless') === 'degraded');
  assert.equal(gauge(text, 'homeport_inference_pod_jobs_in_queue', 'pod="serverless"'), 5);
  // RunPod was asked with the account key, at the documented path.
  assert.ok((await runpod.log()).includes('GET /v2/ep1/health'));
});

test('a pod that stops answering is down', async () => {
  await old.kill();
  await until('down', (t) => state(t, 'old') === 'down');
});
