// Starts a real `homeport --headless` on free loopback ports in its own temp data dir, for the
// interop tests of every service. The binary comes from HOMEPORT_BINARY (set by ctest).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { freePort } from './net.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVICES = ['channels', 'errors', 'search', 'storage', 'inference'];
// Homeport starts in well under a second on a quiet machine; with the cores shared by parallel
// builds and test runs it has taken much longer. Only a start that never comes waits this long.
const START_DEADLINE_MS = 60000;

async function waitFor(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error(`homeport did not come up within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// extraEnv: more environment for homeport, e.g. { HOMEPORT_ERRORS_EVENTS_PER_MINUTE: '2' }.
// dataDir: reuse a data dir (restart and crash tests); the caller then removes it.
export async function startHomeport({ disable = [], extraEnv = {}, dataDir: givenDataDir } = {}) {
  const binary = process.env.HOMEPORT_BINARY;
  if (!binary) throw new Error('HOMEPORT_BINARY is not set (run through ctest)');
  const dataDir = givenDataDir ?? mkdtempSync(join(tmpdir(), 'homeport-interop-'));
  const ports = {};
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  for (const name of SERVICES) {
    ports[name] = await freePort();
    env[`HOMEPORT_${name.toUpperCase()}_PORT`] = String(ports[name]);
  }
  ports.admin = await freePort();
  env.HOMEPORT_ADMIN_PORT = String(ports.admin);
  Object.assign(env, extraEnv);

  const args = ['--headless', '--data-dir', dataDir, ...disable.flatMap((s) => ['--disable', s])];
  const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const admin = `http://127.0.0.1:${ports.admin}`;
  try {
    await waitFor(async () => (await fetch(`${admin}/health`)).ok, START_DEADLINE_MS);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${error.message}\n${log}`);
  }
  const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
  const adminHeaders = { Authorization: `Bearer ${secrets.admin.token}` };

  return {
    ports,
    secrets,
    dataDir,
    admin,
    adminHeaders,
    log: () => log,
    // Waits until every enabled service reports running (or failed) in /status.
    async settled() {
      let status;
      await waitFor(async () => {
        status = await (await fetch(`${admin}/status`, { headers: adminHeaders })).json();
        return status.services.every((s) => s.state === 'running' || s.state === 'failed' || disable.includes(s.name));
      }, START_DEADLINE_MS);
      return status;
    },
    async stop() {
      child.kill('SIGTERM');
      const result = await exited;
      if (!givenDataDir) rmSync(dataDir, { recursive: true, force: true });
      return result;
    },
    // e.g. 'SIGHUP': re-read the settings file.
    signal(name) {
      child.kill(name);
    },
    // A crash: SIGKILL, nothing flushed or closed; the data dir stays.
    async kill() {
      child.kill('SIGKILL');
      return exited;
    },
  };
}
