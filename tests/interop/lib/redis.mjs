// Starts a real `redis-server` (Debian's package) on a free loopback port in its own temp dir,
// without persistence, for the channels cluster tests; restart() stops it and starts a fresh one
// on the same port (its data is gone, as after a crash of a cache-only Redis).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './net.mjs';

const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

// One PING over RESP; resolves true when Redis answers (+PONG, or -NOAUTH when a password is set).
function ping(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('error', () => resolve(false));
    socket.once('data', (data) => { socket.destroy(); resolve(/^(\+PONG|-NOAUTH)/.test(data.toString())); });
    socket.once('connect', () => socket.write('PING\r\n'));
  });
}

export async function startRedis({ password = '' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'homeport-redis-'));
  const port = await freePort();
  let child;
  let log = '';
  const launch = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no',
      '--daemonize', 'no', '--logfile', ''];
    if (password) args.push('--requirepass', password);
    child = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => { log += d; });
    child.stderr.on('data', (d) => { log += d; });
    const deadline = Date.now() + 10000;
    while (!(await ping(port))) {
      if (Date.now() > deadline) throw new Error(`redis-server did not start on ${port}:\n${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const halt = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  await launch();
  const auth = password ? `:${encodeURIComponent(password)}@` : '';
  return {
    port,
    url: (db = 0) => `redis://${auth}127.0.0.1:${port}/${db}`,
    log: () => log,
    async restart({ downMs = 500 } = {}) {
      await halt();
      await new Promise((r) => setTimeout(r, downMs));
      await launch();
    },
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
