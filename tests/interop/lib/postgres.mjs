// Starts a real PostgreSQL (Debian's postgresql-15 binaries, not its system service): initdb into
// a temp dir, then postgres on a free loopback port with its unix sockets in that dir, password
// authentication over TCP; restart() stops and starts it on the same port and data. PostgreSQL
// refuses to run as root, so when the tests do, the server runs as `nobody` and the temp dir is
// handed to that user.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from './net.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

export async function startPostgres({ user = 'homeport', password = 'pg secret' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'homeport-postgres-'));
  const owner = {};
  if (process.getuid() === 0) {
    owner.uid = Number(execFileSync('id', ['-u', 'nobody']).toString().trim());
    owner.gid = Number(execFileSync('id', ['-g', 'nobody']).toString().trim());
    chownSync(dir, owner.uid, owner.gid);
  }
  chmodSync(dir, 0o700);
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner.uid !== undefined) chownSync(pwfile, owner.uid, owner.gid);
  const data = join(dir, 'data');
  execFileSync(join(BIN, 'initdb'), ['-D', data, '-U', user, '--pwfile', pwfile, '--auth-local=trust',
    '--auth-host=scram-sha-256', '--no-sync', '-E', 'UTF8', '--locale=C'], { ...owner, cwd: dir, stdio: 'pipe' });
  const port = await freePort();
  let log = '';
  let child;
  // Starts postgres on the data dir and waits until it answers; restart() calls it again.
  const launch = async () => {
    child = spawn(join(BIN, 'postgres'), ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1',
      '-c', `unix_socket_directories=${dir}`, '-c', 'fsync=off'], { ...owner, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => { log += d; });
    child.stderr.on('data', (d) => { log += d; });
    const deadline = Date.now() + 20000;
    for (;;) {
      try {
        execFileSync(join(BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q'], { stdio: 'ignore' });
        return;
      } catch {
        if (Date.now() > deadline || child.exitCode !== null) {
          child.kill('SIGKILL');
          rmSync(dir, { recursive: true, force: true });
          throw new Error(`postgres did not start on ${port}:\n${log}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  const halt = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT'); // fast shutdown: clients are disconnected, committed data stays
      await exited;
    }
  };
  await launch();
  return {
    port,
    url: (database = 'postgres') =>
      `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    log: () => log,
    // One statement through Debian's psql (postgresql-client-15, which postgresql-15 brings);
    // its rows as arrays of text fields.
    query(sql, database = 'postgres') {
      const out = execFileSync(join(BIN, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', database,
        '-X', '-q', '-t', '-A', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', sql],
      { env: { ...process.env, PGPASSWORD: password }, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
      return out.split('\n').filter((line) => line !== '').map((line) => line.split('\t'));
    },
    // Stops the server (its clients lose their connections) and starts it again on the same
    // port and data: as a database restart or a short outage looks to Homeport. between() runs
    // while it is down.
    async restart({ between = async () => {} } = {}) {
      await halt();
      try {
        await between();
      } finally {
        await launch();
      }
    },
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
