// What the command-line client tests (awscli, s3cmd, rclone) share: a Homeport with only
// storage running, a scratch folder, bodies whose bytes differ from their neighbours', and a
// runner that reports the tool's own output when it fails.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startHomeport } from '../lib/homeport.mjs';

const execFileAsync = promisify(execFile);

// Keys a tool must carry through its own URL encoding and back.
export const ODD_KEYS = ['odd/with space.txt', 'odd/plus+sign.txt', 'odd/ünïcødé ✓.txt', 'odd/per%cent & amp=eq.txt'];

// size bytes that hash a seed, so two bodies of the same size still differ.
export function bodyOf(seed, size) {
  const block = createHash('sha256').update(seed).digest();
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i += block.length) block.copy(out, i);
  // A counter every 4 KiB, so a part copied to the wrong offset shows.
  for (let i = 0; i + 4 <= size; i += 4096) out.writeUInt32LE(i / 4096, i);
  return out;
}

export function sha256(buffer) {
  return createHash('sha256').update(buffer).digest('hex');
}

// Starts Homeport (storage only) and a scratch folder; call close() in finally. With tls, storage
// speaks https with a self-signed certificate for 127.0.0.1 made by openssl (tls: { certPath,
// cert, key }).
export async function storageFixture(prefix, { tls = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const extraEnv = {};
  let certificate = null;
  if (tls) {
    const certPath = join(dir, 'cert.pem');
    const keyPath = join(dir, 'key.pem');
    await execFileAsync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', keyPath, '-out', certPath]);
    certificate = { certPath, cert: readFileSync(certPath), key: readFileSync(keyPath) };
    Object.assign(extraEnv, { HOMEPORT_STORAGE_TLS_CERT: certPath, HOMEPORT_STORAGE_TLS_KEY: keyPath });
  }
  let homeport;
  try {
    homeport = await startHomeport({ disable: ['channels', 'errors', 'search', 'inference'], extraEnv });
    await homeport.settled();
  } catch (error) {
    await homeport?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    homeport,
    dir,
    tls: certificate,
    endpoint: `${tls ? 'https' : 'http'}://127.0.0.1:${homeport.ports.storage}`,
    accessKey: homeport.secrets.storage.access_key,
    secretKey: homeport.secrets.storage.secret_key,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    async close() {
      rmSync(dir, { recursive: true, force: true });
      return homeport.stop();
    },
  };
}

// Runs a tool; rejects with its stdout and stderr in the message. encoding 'buffer' for bytes.
export function makeRunner(binary, baseArgs, env, encoding = 'utf8') {
  return async (args, options = {}) => {
    const started = Date.now();
    try {
      const { stdout } = await execFileAsync(binary, [...baseArgs, ...args], {
        env, timeout: 45000, maxBuffer: 64 << 20, encoding: options.encoding ?? encoding,
      });
      if (process.env.HOMEPORT_CLI_TIMING) console.log(`${Date.now() - started} ms: ${binary} ${args.join(' ')}`);
      return stdout;
    } catch (error) {
      if (options.expectFailure) return { failed: true, stdout: String(error.stdout), stderr: String(error.stderr) };
      throw new Error(`${binary} ${args.join(' ')} failed (${error.code}):\n${error.stdout}\n${error.stderr}`);
    }
  };
}
