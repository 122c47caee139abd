// Homeport's access-key routes on the storage port (/_homeport/access-keys), signed with the
// root key by the AWS SDK's own SigV4 signer (@smithy/signature-v4), as any S3 request is.
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

// The hash the signer asks for (plain SHA-256, or HMAC-SHA256 when given a key), from node:crypto.
class NodeSha256 {
  constructor(secret) { this.hash = secret ? createHmac('sha256', secret) : createHash('sha256'); }
  update(data) { this.hash.update(data); }
  async digest() { return new Uint8Array(this.hash.digest()); }
}

export async function storageAdmin(homeport, method, path, body, credentials) {
  const port = homeport.ports.storage;
  const signer = new SignatureV4({
    service: 's3',
    region: 'us-east-1',
    credentials: credentials ?? {
      accessKeyId: homeport.secrets.storage.access_key,
      secretAccessKey: homeport.secrets.storage.secret_key,
    },
    sha256: NodeSha256,
    uriEscapePath: false,
  });
  const text = body === undefined ? '' : JSON.stringify(body);
  const signed = await signer.sign({
    method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    path: `/_homeport/access-keys${path}`,
    query: {},
    headers: {
      host: `127.0.0.1:${port}`,
      'content-type': 'application/json',
      'x-amz-content-sha256': createHash('sha256').update(text).digest('hex'),
    },
    body: text,
  });
  const headers = { ...signed.headers };
  delete headers.host; // fetch sends the same Host itself
  const response = await fetch(`http://127.0.0.1:${port}/_homeport/access-keys${path}`, {
    method, headers, body: method === 'GET' || method === 'DELETE' ? undefined : text,
  });
  const answer = await response.text();
  return { status: response.status, text: answer, json: response.headers.get('content-type')?.includes('json') ? JSON.parse(answer) : null };
}

// Makes a scoped key and returns the credentials an S3 client takes.
export async function createAccessKey(homeport, name, buckets, access) {
  const { status, json, text } = await storageAdmin(homeport, 'POST', '', { name, buckets, access });
  if (status !== 200) throw new Error(`creating a key answered ${status}: ${text}`);
  return { accessKeyId: json.access_key, secretAccessKey: json.secret_key };
}
