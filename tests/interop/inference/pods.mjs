// Starts fake vLLM pods (fake-vllm.mjs, each its own process) and a real homeport whose
// inference gateway forwards to them through a pods.json.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import OpenAI from 'openai';
import { startHomeport } from '../lib/homeport.mjs';

const FAKE = new URL('./fake-vllm.mjs', import.meta.url).pathname;
const FAKE_RUNPOD = new URL('./fake-runpod.mjs', import.meta.url).pathname;

// Starts a fake as its own process; resolves with the child and the port it printed.
async function spawnFake(script, args, what) {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const firstLine = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}`)));
  });
  return { child, exited, port: JSON.parse(firstLine).port };
}

// metrics: 'current' (vllm:kv_cache_usage_perc) or 'old' (vllm:gpu_cache_usage_perc).
export async function startFakeVllm({ name, models, apiKey = '', metrics = 'current' }) {
  const { child, exited, port } = await spawnFake(FAKE, ['--name', name, '--models', models.join(','), '--api-key', apiKey,
    '--metrics', metrics], `fake vLLM ${name}`);
  const root = `http://127.0.0.1:${port}`;
  return {
    name,
    models,
    apiKey,
    root,
    baseURL: `${root}/v1`,
    // The openai client talking to the pod directly, for comparisons with the gateway.
    client: () => new OpenAI({ baseURL: `${root}/v1`, apiKey: apiKey || 'none', maxRetries: 0 }),
    async configure(settings) {
      const response = await fetch(`${root}/_fake/config`, { method: 'POST', body: JSON.stringify(settings) });
      if (!response.ok) throw new Error(`configure ${name}: ${response.status}`);
    },
    async stats() {
      return (await fetch(`${root}/_fake/stats`)).json();
    },
    // Observations as if requests had run: {ttft: [s...], e2e: [s...], promptTokens, generationTokens}.
    async observe(observations) {
      const response = await fetch(`${root}/_fake/observe`, { method: 'POST', body: JSON.stringify(observations) });
      if (!response.ok) throw new Error(`observe ${name}: ${response.status}`);
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

// A fake RunPod (REST, serverless endpoints and the pod proxy) on one port.
export async function startFakeRunpod({ apiKey = 'rp-key' } = {}) {
  const { child, exited, port } = await spawnFake(FAKE_RUNPOD, ['--api-key', apiKey], 'fake RunPod');
  const root = `http://127.0.0.1:${port}`;
  return {
    apiKey,
    root,
    restBase: `${root}/v1`,
    serverlessBase: `${root}/v2`,
    proxyPattern: `${root}/proxy/{pod}-{port}`,
    async setState(state) {
      const response = await fetch(`${root}/_fake/state`, { method: 'POST', body: JSON.stringify(state) });
      if (!response.ok) throw new Error(`fake RunPod state: ${response.status}`);
    },
    async log() {
      return (await fetch(`${root}/_fake/log`)).json();
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

// The gateways' pods.json folders, removed when the test process exits (the gateway may re-read
// the file while it runs, so it cannot go earlier).
const podsDirs = [];
process.once('exit', () => {
  for (const dir of podsDirs) rmSync(dir, { recursive: true, force: true });
});

// pods: [{ fake, weight, entry }] (entry: more pods.json fields, or the whole entry when there is
// no fake). Waits until the gateway lists every model of every pod (`expectModels` overrides).
// dataDir reuses a data dir (restart tests; the caller removes it), extraEnv adds settings.
export async function startGateway(pods, { healthIntervalMs = 200, dataDir, extraEnv = {}, expectModels } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'homeport-pods-'));
  podsDirs.push(dir);
  const podsFile = join(dir, 'pods.json');
  writeFileSync(podsFile, JSON.stringify({
    pods: pods.map(({ fake, weight = 1, entry = {} }) => (fake
      ? { name: fake.name, url: fake.baseURL, api_key: fake.apiKey, weight, ...entry } : entry)),
  }), { mode: 0o600 });
  const homeport = await startHomeport({
    disable: ['channels', 'errors', 'search', 'storage'],
    dataDir,
    extraEnv: {
      HOMEPORT_INFERENCE_PODS_FILE: podsFile,
      HOMEPORT_INFERENCE_HEALTH_INTERVAL_MS: String(healthIntervalMs),
      ...extraEnv,
    },
  });
  await homeport.settled();
  const baseURL = `http://127.0.0.1:${homeport.ports.inference}/v1`;
  const gatewayKey = homeport.secrets.inference.api_key;
  const expected = new Set(expectModels ?? pods.flatMap(({ fake }) => fake?.models ?? []));
  const deadline = Date.now() + 60000; // generous: the first health checks wait for a loaded machine
  for (;;) {
    const response = await fetch(`${baseURL}/models`, { headers: { Authorization: `Bearer ${gatewayKey}` } });
    const ids = new Set((await response.json()).data.map((m) => m.id));
    if ([...expected].every((id) => ids.has(id))) break;
    if (Date.now() > deadline) throw new Error(`the gateway did not list ${[...expected]}\n${homeport.log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    homeport,
    baseURL,
    gatewayKey,
    client: (apiKey = gatewayKey) => new OpenAI({ baseURL, apiKey, maxRetries: 0 }),
    async metrics() {
      return (await fetch(`${homeport.admin}/metrics`, { headers: homeport.adminHeaders })).text();
    },
    // The gateway's key management and request log (admin key only).
    async admin(method, path, body) {
      const response = await fetch(`${baseURL.replace(/\/v1$/, '')}/admin${path}`, {
        method,
        headers: { Authorization: `Bearer ${gatewayKey}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = await response.json();
      if (!response.ok) throw new Error(`${method} /admin${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    },
  };
}

export async function collect(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}
