// Two real homeport nodes whose errors service shares one real PostgreSQL ([errors] database_url),
// started at once on an empty database (one default project); projects created through Sentry's REST API on both nodes at once get distinct ids, and each
// node takes the other's new projects (their DSN keys) at once; PostgreSQL restarted while the
// real @sentry/node SDK sends to both nodes: /status says down then up, ingest is refused with
// 503 + Retry-After meanwhile (the REST API too), resumes after, and every event a node
// acknowledged is stored.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeNodeTransport } from '@sentry/node';
import { startHomeport } from '../lib/homeport.mjs';
import { startPostgres } from '../lib/postgres.mjs';
import { dsnOf, restApi, sentryClient } from './sentry.mjs';
import { sleep, until } from '../lib/wait.mjs';


let postgres;
const nodes = [];

before(async () => {
  postgres = await startPostgres();
  const env = { HOMEPORT_ERRORS_DATABASE_URL: postgres.url() };
  // Both at once, on an empty database: one migrates and creates the default project, the other
  // waits for the migration lock and finds both.
  const started = await Promise.all([0, 1].map(() => startHomeport({
    disable: ['channels', 'search', 'storage', 'inference'], extraEnv: env,
  })));
  nodes.push(...started);
  for (const node of nodes) {
    const status = await node.settled();
    assert.equal(status.services.find((s) => s.name === 'errors').state, 'running', node.log());
  }
});

// The default project's DSN key: the node that created it put its own.
async function defaultKey() {
  const projects = await restApi(nodes[1]).get('/projects/');
  return projects.find((p) => p.slug === 'default').keys[0].public;
}

test('two nodes started at once on an empty database: one schema migration, one default project, the same on both', async () => {
  for (const node of nodes) {
    const projects = await restApi(node).get('/projects/');
    assert.deepEqual(projects.map((p) => p.slug), ['default']);
  }
  const key = await defaultKey();
  assert.ok(nodes.some((node) => node.secrets.errors.public_key === key), 'one of the nodes\' keys');
});

after(async () => {
  for (const node of nodes) {
    const { code } = await node.stop();
    assert.equal(code, 0, node.log());
  }
  await postgres?.stop();
});

async function metrics(node) {
  const status = await (await fetch(`${node.admin}/status`, { headers: node.adminHeaders })).json();
  return status.services.find((s) => s.name === 'errors').metrics;
}

function createProject(node, name) {
  const token = readFileSync(join(node.dataDir, 'errors', 'api_token'), 'utf8').trim();
  return fetch(`http://127.0.0.1:${node.ports.errors}/api/0/teams/homeport/homeport/projects/`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, platform: 'node' }),
  });
}

test('projects created on two nodes at once get distinct ids, and each node serves the other\'s', async () => {
  const names = [];
  for (let i = 0; i < 8; i++) names.push(`shop-a${i}`, `shop-b${i}`);
  // Both nodes at the same moment, interleaved.
  const responses = await Promise.all(names.map((name, i) => createProject(nodes[i % 2], name)));
  const created = [];
  for (const response of responses) {
    assert.equal(response.status, 201);
    created.push(await response.json());
  }
  const ids = created.map((p) => Number(p.id));
  assert.equal(new Set(ids).size, names.length, `ids: ${ids}`);
  assert.ok(!ids.includes(Number(nodes[0].secrets.errors.project_id)), 'no new project took the default one\'s id');

  // Each node lists every project, its own and the other's, without a restart.
  for (const node of nodes) {
    const api = restApi(node);
    await until(async () => (await api.get('/projects/')).length === names.length + 1, 'every project on every node', 5000);
  }
  // A project made through node 1 takes events through node 0 with its own DSN key.
  const made = created[1];
  const key = made.keys[0].public;
  const { client, scope } = sentryClient(`http://${key}@127.0.0.1:${nodes[0].ports.errors}/${made.id}`);
  scope.captureException(new Error('first order of a new shop'));
  assert.equal(await client.flush(10000), true);
  const api = restApi(nodes[1]);
  await until(async () => {
    const issues = await api.get(`/projects/homeport/${made.slug}/issues/`);
    return issues.some((i) => i.title === 'Error: first order of a new shop');
  }, 'the event in the new project');

  // A second project of an existing name is refused as Sentry does.
  assert.equal((await createProject(nodes[0], 'shop-a0')).status, 409);
});

test('PostgreSQL restarted while SDKs send: 503 meanwhile, ingest resumes, nothing acknowledged is lost', async () => {
  const key = await defaultKey();
  const acknowledged = new Set();
  const refused = [];
  // The real SDK and its real transport; each answer is noted with the envelope's event id.
  const senders = nodes.map((node) => sentryClient(dsnOf(node, key), {
    transport: (options) => {
      const transport = makeNodeTransport(options);
      return {
        ...transport,
        send: async (envelope) => {
          const response = await transport.send(envelope);
          const eventId = envelope[0].event_id;
          // No status: the SDK held the envelope back itself (Retry-After), nothing was sent.
          if (response.statusCode === 200) acknowledged.add(eventId);
          else if (response.statusCode !== undefined) refused.push({ status: response.statusCode, retryAfter: response.headers?.['retry-after'] });
          return response;
        },
      };
    },
  }));
  let sending = true;
  let sent = 0;
  const loop = (async () => {
    while (sending) {
      for (const { scope } of senders) {
        scope.captureException(new Error(`checkout failed ${sent++}`));
      }
      await sleep(20);
    }
  })();
  try {
    await until(() => acknowledged.size >= 10, 'events stored before the outage');
    await postgres.restart({
      between: async () => {
        for (const node of nodes) {
          await until(async () => (await metrics(node)).homeport_errors_postgres_connected === 0, 'postgres reported down', 8000);
        }
        await until(() => refused.length >= 2, 'events refused during the outage', 8000);
        // The REST API says so too, rather than answering an empty list.
        const token = readFileSync(join(nodes[1].dataDir, 'errors', 'api_token'), 'utf8').trim();
        const issues = await fetch(`http://127.0.0.1:${nodes[1].ports.errors}/api/0/projects/homeport/default/issues/`,
          { headers: { Authorization: `Bearer ${token}` } });
        assert.equal(issues.status, 503);
        assert.equal(issues.headers.get('retry-after'), '2');
      },
    });
    for (const node of nodes) {
      await until(async () => {
        const m = await metrics(node);
        return m.homeport_errors_postgres_connected === 1 && m.homeport_errors_postgres_reconnects >= 1;
      }, 'postgres reported up again', 15000);
    }
    const before = acknowledged.size;
    // The SDK holds back for Retry-After, then sends again: stored again.
    await until(() => acknowledged.size >= before + 10, 'events stored after the outage', 15000);
  } finally {
    sending = false;
    await loop;
  }
  for (const { client } of senders) await client.flush(10000);

  // The refusals were Sentry's retry-able shape.
  assert.ok(refused.length >= 2);
  for (const r of refused) {
    assert.equal(r.status, 503, JSON.stringify(r));
    assert.equal(r.retryAfter, '2');
  }
  // Every acknowledged event is in the database, read through either node.
  const apis = nodes.map((node) => restApi(node));
  let i = 0;
  for (const eventId of acknowledged) {
    const event = await apis[i++ % 2].get(`/projects/homeport/default/events/${eventId}/`);
    assert.equal(event.eventID, eventId);
  }
});
