// Helpers for the errors interop tests: a real @sentry/node client per scenario (not the global
// one, so several DSNs can be used in one process) and Homeport's REST API read back with the
// bearer token from the service's data dir.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  NodeClient, Scope, defaultStackParser, makeNodeTransport, contextLinesIntegration, linkedErrorsIntegration,
} from '@sentry/node';

export function dsnOf(homeport, key = homeport.secrets.errors.public_key) {
  return `http://${key}@127.0.0.1:${homeport.ports.errors}/${homeport.secrets.errors.project_id}`;
}

// A client and scope of their own; integrations that give grouping its inputs: context lines
// (the source line of each frame) and linked errors (Error.cause chains).
export function sentryClient(dsn, options = {}) {
  const client = new NodeClient({
    dsn,
    transport: makeNodeTransport,
    stackParser: defaultStackParser,
    integrations: [contextLinesIntegration(), linkedErrorsIntegration()],
    sendClientReports: false,
    ...options,
  });
  const scope = new Scope();
  scope.setClient(client);
  client.init();
  return { client, scope };
}

export function restApi(homeport) {
  const token = readFileSync(join(homeport.dataDir, 'errors', 'api_token'), 'utf8').trim();
  const base = `http://127.0.0.1:${homeport.ports.errors}/api/0`;
  const get = async (path) => {
    const response = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  return {
    get,
    // The raw answer to any method, for bodies that are not JSON and for status checks.
    fetch: (path, init = {}) => fetch(`${base}${path}`, {
      ...init, headers: { ...(init.headers ?? {}), Authorization: `Bearer ${token}` },
    }),
    async put(path, body) {
      const response = await fetch(`${base}${path}`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    issues: (query = '') => get(`/projects/homeport/default/issues/?query=${encodeURIComponent(query)}&limit=1000`),
    // Polls until check(issues) holds; events are stored before the SDK's request is answered,
    // but the SDK sends in the background.
    async waitForIssues(check, query = '', timeoutMs = 10000) {
      const deadline = Date.now() + timeoutMs;
      let issues = [];
      while (Date.now() < deadline) {
        issues = await get(`/projects/homeport/default/issues/?query=${encodeURIComponent(query)}&limit=1000`);
        if (check(issues)) return issues;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`issues never matched: ${JSON.stringify(issues.map((i) => [i.title, i.count]))}`);
    },
  };
}

// Prometheus text: the value of one sample line, 0 when absent.
export async function metric(homeport, line) {
  const text = await (await fetch(`${homeport.admin}/metrics`, { headers: homeport.adminHeaders })).text();
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found ? Number(found.split(' ').pop()) : 0;
}
