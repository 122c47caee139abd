// Starts fake vLLM pods (fake-vllm.mjs, each its own process) and a real homeport whose
// inference gateway forwards to them through a pods.json.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import OpenAI from 'openai';
import { startHomeport } from '../lib/homeport.mjs';

const FAKE = new URL('./fake-vllm.mjs', import.meta.url).pathname;

export async function startFakeVllm({ name, models, apiKey = '' }) {
  const child = spawn(process.execPath, [FAKE, '--name', name, '--models', models.join(','), '--api-key', apiKey],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const firstLine = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fake vLLM ${name} exited with ${code}`)));
  });
  const { port } = JSON.parse(firstLine);
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

// pods: [{ fake, weight }]. Waits until the gateway lists every model of every pod. dataDir
// reuses a data dir (restart tests; the caller removes it), extraEnv adds settings.
export async function startGateway(pods, { healthIntervalMs = 200, dataDir, extraEnv = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'homeport-pods-'));
  const podsFile = join(dir, 'pods.json');
  writeFileSync(podsFile, JSON.stringify({
    pods: pods.map(({ fake, weight = 1 }) => ({ name: fake.name, url: fake.baseURL, api_key: fake.apiKey, weight })),
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
  const expected = new Set(pods.flatMap(({ fake }) => fake.models));
  const deadline = Date.now() + 15000;
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
