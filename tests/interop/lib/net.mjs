// Loopback ports for the servers the tests start (homeport, PostgreSQL, Redis).
import { createServer } from 'node:net';

// A port the kernel just handed out on 127.0.0.1 and that is free again when this resolves.
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
