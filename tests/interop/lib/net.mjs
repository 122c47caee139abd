// Loopback ports for the servers the tests start (homeport, PostgreSQL, Redis).
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';

// Ports are drawn below the kernel's ephemeral range. A port the kernel hands out for
// listen(0) comes from that range, and so does the local port of every outgoing connection the
// parallel tests make: between closing the probe and the server's own bind, a client socket of
// another test could take it, and a service then fails to start with "address in use".
function ephemeralRangeStart() {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low > 2048) return low;
  } catch { /* not Linux: the usual default */ }
  return 32768;
}
const HIGHEST = ephemeralRangeStart() - 1;
const LOWEST = Math.max(1025, HIGHEST - 12000);

function tryListen(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

// A loopback port nobody listens on, free again when this resolves.
export async function freePort() {
  for (let attempt = 0; attempt < 200; ++attempt) {
    const port = LOWEST + Math.floor(Math.random() * (HIGHEST - LOWEST + 1));
    if (await tryListen(port)) return port;
  }
  throw new Error(`no free port between ${LOWEST} and ${HIGHEST}`);
}
