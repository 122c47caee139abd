// A loopback TCP proxy between a real S3 client and Homeport that reads the HTTP/1.1 framing
// of both directions (without changing a byte unless told to) and records, per request, its
// request line, the headers that say how the body is signed and encoded, and the answer's
// status and S3 error code. It shows what a client really sends, which its own logs do not.
// Tampering: proxy.tamper(entry) may return a body offset whose byte is flipped on the way to
// the server; proxy.onAnswer(entry) runs before the answer to a tampered request reaches the
// client, so a test can look at the store before the client retries. Both may be set any time.
// Dropping: proxy.cut(entry) may return a body offset where the proxy stops: it closes the
// connection to the server there, awaits proxy.onCut(entry), and only then closes the client's.
import { createConnection, createServer } from 'node:net';
import { connect as tlsConnect, createServer as createTlsServer } from 'node:tls';

export const RECORDED_HEADERS = ['x-amz-content-sha256', 'content-encoding', 'x-amz-decoded-content-length',
  'content-length', 'transfer-encoding', 'x-amz-trailer', 'content-md5', 'expect'];

// Buffered reads from a socket: whole heads, lines, or whatever is there up to a limit.
class SocketReader {
  constructor(socket) {
    this.iterator = socket[Symbol.asyncIterator]();
    this.buffer = Buffer.alloc(0);
    this.ended = false;
  }

  async more() {
    if (this.ended) return false;
    const { value, done } = await this.iterator.next();
    if (done) {
      this.ended = true;
      return false;
    }
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, value]) : value;
    return true;
  }

  take(n) {
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return out;
  }

  // Bytes up to and including the first `separator`; null at a clean end of the stream.
  async until(separator) {
    for (;;) {
      const at = this.buffer.indexOf(separator);
      if (at >= 0) return this.take(at + separator.length);
      if (!(await this.more())) {
        if (this.buffer.length) throw new Error('the stream ended inside an HTTP head or line');
        return null;
      }
    }
  }

  // Up to max bytes (at least one); null at the end of the stream.
  async some(max) {
    if (!this.buffer.length && !(await this.more())) return null;
    return this.take(Math.min(max, this.buffer.length));
  }
}

function parseHead(head) {
  const lines = head.toString('latin1').split('\r\n');
  const headers = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { startLine: lines[0], headers };
}

async function write(socket, data) {
  if (!socket.write(data)) await new Promise((resolve) => socket.once('drain', resolve));
}

class BodyCut extends Error {}

// Copies one body from reader to out as its headers frame it; flips the byte at tamperAt, and
// throws BodyCut once cutAt bytes are through. Returns up to keep bytes of it (for error answers).
async function forwardBody(reader, out, headers, { hasBody = true, tamperAt = null, cutAt = null, keep = 0 } = {}) {
  let kept = Buffer.alloc(0);
  let offset = 0;
  const pass = async (data) => {
    if (cutAt !== null && offset + data.length >= cutAt) {
      await write(out, data.subarray(0, cutAt - offset));
      throw new BodyCut();
    }
    if (tamperAt !== null && tamperAt >= offset && tamperAt < offset + data.length) {
      data = Buffer.from(data);
      data[tamperAt - offset] ^= 0x01;
    }
    offset += data.length;
    if (kept.length < keep) kept = Buffer.concat([kept, data.subarray(0, keep - kept.length)]);
    await write(out, data);
  };
  const copy = async (remaining) => {
    while (remaining > 0) {
      const data = await reader.some(remaining);
      if (!data) throw new Error('the stream ended inside a body');
      await pass(data);
      remaining -= data.length;
    }
  };
  if (!hasBody) return kept;
  if ((headers['transfer-encoding'] ?? '').toLowerCase().includes('chunked')) {
    // HTTP chunked framing: the sizes and CRLFs are passed on too but not counted as body.
    for (;;) {
      const sizeLine = await reader.until('\r\n');
      if (!sizeLine) throw new Error('the stream ended inside a chunked body');
      await write(out, sizeLine);
      const size = parseInt(sizeLine.toString('latin1'), 16);
      if (size === 0) {
        for (;;) {
          const trailer = await reader.until('\r\n');
          if (!trailer) throw new Error('the stream ended inside chunked trailers');
          await write(out, trailer);
          if (trailer.length === 2) return kept;
        }
      }
      await copy(size);
      const crlf = await reader.until('\r\n');
      await write(out, crlf);
    }
  }
  if (headers['content-length'] !== undefined) {
    await copy(Number(headers['content-length']));
    return kept;
  }
  // An answer without length or chunks runs to the end of the connection.
  for (let data; (data = await reader.some(1 << 16));) await pass(data);
  return kept;
}

// targetPort: the server's port on 127.0.0.1. tls: { cert, key } (PEM) when the server speaks
// https: the proxy then answers https with that certificate and trusts it on the way on.
// Resolves to { port, log, tamper, onAnswer, cut, onCut, close() }.
export async function startLoggingProxy({ targetPort, tls = null }) {
  const log = [];
  const proxy = { port: 0, log, tamper: null, onAnswer: null, cut: null, onCut: null };
  const sockets = new Set();

  const onConnection = (client) => {
    const upstream = tls ? tlsConnect({ host: '127.0.0.1', port: targetPort, ca: tls.cert, servername: 'localhost' })
      : createConnection({ host: '127.0.0.1', port: targetPort });
    sockets.add(client);
    sockets.add(upstream);
    const pending = []; // entries waiting for their answers, in order (no pipelining by clients)
    let answerArrived = () => {};
    const nextPending = async () => {
      while (!pending.length) await new Promise((resolve) => { answerArrived = resolve; });
      return pending.shift();
    };
    let cutting = false; // the client's connection stays open until onCut has run
    const fail = (error) => {
      if (!cutting) client.destroy();
      upstream.destroy();
      if (error && !cutting && !/ECONNRESET|EPIPE|destroyed/.test(String(error))) log.push({ proxyError: String(error) });
    };
    client.on('error', fail);
    upstream.on('error', fail);

    (async () => {
      const reader = new SocketReader(client);
      for (;;) {
        const head = await reader.until('\r\n\r\n');
        if (!head) break;
        const { startLine, headers } = parseHead(head);
        const [method, target] = startLine.split(' ');
        const entry = { method, target, tampered: false };
        for (const name of RECORDED_HEADERS) if (headers[name] !== undefined) entry[name] = headers[name];
        log.push(entry);
        pending.push(entry);
        answerArrived();
        const tamperAt = proxy.tamper ? proxy.tamper(entry) : null;
        entry.tampered = tamperAt !== null && tamperAt !== undefined;
        const cutAt = proxy.cut ? proxy.cut(entry) ?? null : null;
        entry.cut = cutAt !== null;
        await write(upstream, head);
        // A request without Content-Length or chunks has no body (RFC 9112, 6.3).
        const hasBody = headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined;
        try {
          await forwardBody(reader, upstream, headers, { hasBody, tamperAt: entry.tampered ? tamperAt : null, cutAt });
        } catch (error) {
          if (!(error instanceof BodyCut)) throw error;
          cutting = true;
          upstream.destroy();
          if (proxy.onCut) await proxy.onCut(entry);
          client.destroy();
          return;
        }
      }
      upstream.end();
    })().catch(fail);

    (async () => {
      const reader = new SocketReader(upstream);
      for (;;) {
        const head = await reader.until('\r\n\r\n');
        if (!head) break;
        const { startLine, headers } = parseHead(head);
        const status = Number(startLine.split(' ')[1]);
        if (status >= 100 && status < 200) { // an interim answer: the final one follows
          await write(client, head);
          continue;
        }
        const entry = await nextPending();
        entry.status = status;
        const hasBody = entry.method !== 'HEAD' && status !== 204 && status !== 304;
        if (entry.tampered && proxy.onAnswer) await proxy.onAnswer(entry);
        await write(client, head);
        const body = await forwardBody(reader, client, headers, { hasBody, keep: status >= 300 ? 4096 : 0 });
        const code = /<Code>([^<]*)<\/Code>/.exec(body.toString('utf8'));
        if (code) entry.errorCode = code[1];
      }
      if (!cutting) client.end();
    })().catch(fail);

    const forget = () => {
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', forget);
  };
  const server = tls ? createTlsServer({ cert: tls.cert, key: tls.key }, onConnection) : createServer(onConnection);

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = server.address().port;
  proxy.close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  return proxy;
}
