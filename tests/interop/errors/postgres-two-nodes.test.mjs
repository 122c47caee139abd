// Two real homeport nodes whose errors service shares one real PostgreSQL ([errors] database_url):
// the real @sentry/node SDK sends the same throw sites to both nodes at once, and either node's
// REST API then shows one issue per throw site with the events of both nodes counted; an
// attachment over 1 MiB sent to one node is served by the other and goes with its issue.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startHomeport } from '../lib/homeport.mjs';
import { startPostgres } from '../lib/postgres.mjs';
import { dsnOf, sentryClient, restApi } from './sentry.mjs';

let postgres;
const nodes = [];

before(async () => {
  postgres = await startPostgres();
  const env = { HOMEPORT_ERRORS_DATABASE_URL: postgres.url() };
  // One after the other: the first creates the schema and the default project, the second finds them.
  for (let i = 0; i < 2; i++) {
    const node = await startHomeport({ disable: ['channels', 'search', 'storage', 'inference'], extraEnv: env });
    await node.settled();
    nodes.push(node);
  }
});

after(async () => {
  for (const node of nodes) {
    const { code } = await node.stop();
    assert.equal(code, 0, node.log());
  }
  await postgres?.stop();
});

function chargeFailed(n) {
  throw new Error(`charge ${n} failed`);
}
function shipmentLost(n) {
  throw new TypeError(`shipment ${n} lost`);
}

test('events sent to two nodes land in one PostgreSQL: one issue per throw site, counted once each', async () => {
  // The project (and its key) is the first node's: the second found it in the database.
  const key = nodes[0].secrets.errors.public_key;
  const senders = nodes.map((node, i) => {
    const sender = sentryClient(dsnOf(node, key));
    sender.scope.setTag('node', `n${i}`);
    return sender;
  });
  const sent = { charge: [0, 0], shipment: [0, 0] };
  // Interleaved, so both nodes create and update the same issues at the same time.
  for (let round = 0; round < 12; round++) {
    for (let i = 0; i < 2; i++) {
      try {
        chargeFailed(round);
      } catch (error) {
        senders[i].scope.captureException(error);
        sent.charge[i]++;
      }
      if (round % 2 === i) {
        try {
          shipmentLost(round);
        } catch (error) {
          senders[i].scope.captureException(error);
          sent.shipment[i]++;
        }
      }
    }
  }
  for (const { client } of senders) assert.equal(await client.flush(10000), true);
  const total = (counts) => counts[0] + counts[1];

  for (const node of nodes) {
    const api = restApi(node);
    const issues = await api.waitForIssues((list) =>
      list.some((i) => i.title.startsWith('Error: charge') && Number(i.count) === total(sent.charge))
      && list.some((i) => i.title.startsWith('TypeError: shipment') && Number(i.count) === total(sent.shipment)));
    assert.equal(issues.length, 2, JSON.stringify(issues.map((i) => [i.title, i.count])));
    for (const [prefix, counts] of [['Error: charge', sent.charge], ['TypeError: shipment', sent.shipment]]) {
      const issue = issues.find((i) => i.title.startsWith(prefix));
      assert.equal(Number(issue.count), total(counts));
      // Both nodes' events are in the issue, as many of each as each node was sent.
      const events = await api.get(`/issues/${issue.id}/events/?full=true&limit=100`);
      assert.equal(events.length, total(counts));
      for (let i = 0; i < 2; i++) {
        const fromNode = events.filter((e) => (e.tags ?? []).some((t) => t.key === 'node' && t.value === `n${i}`));
        assert.equal(fromNode.length, counts[i], `events sent through node ${i}`);
      }
    }
  }
});

test('an issue ignored through one node stays ignored when the other node gets its next event', async () => {
  const key = nodes[0].secrets.errors.public_key;
  const senders = nodes.map((node) => sentryClient(dsnOf(node, key)));
  const raise = () => { throw new Error('cross-node status probe'); };
  const named = (list) => list.filter((i) => i.title === 'Error: cross-node status probe');
  const [api0, api1] = nodes.map((node) => restApi(node));
  // Node 1 sees the issue first, so a node-local memory of it would say unresolved.
  try { raise(); } catch (error) { senders[1].scope.captureException(error); }
  assert.equal(await senders[1].client.flush(10000), true);
  const [issue] = named(await api1.waitForIssues((list) => named(list).length === 1));
  const ignored = await api0.put(`/issues/${issue.id}/`, { status: 'ignored' });
  assert.equal(ignored.status, 200);
  await api1.waitForIssues((list) => named(list).length === 1, 'is:ignored');
  try { raise(); } catch (error) { senders[1].scope.captureException(error); }
  assert.equal(await senders[1].client.flush(10000), true);
  for (const api of [api0, api1]) {
    const issues = named(await api.waitForIssues((list) => named(list).some((i) => i.count === '2'), 'is:ignored'));
    assert.equal(issues.length, 1);
    assert.equal(issues[0].id, issue.id);
    assert.equal(named(await api.issues('is:unresolved')).length, 0);
  }
});

test('a 3 MiB attachment sent to one node is served byte for byte by the other, and goes with its issue', async () => {
  const key = nodes[0].secrets.errors.public_key;
  const { client, scope } = sentryClient(dsnOf(nodes[0], key));
  const data = randomBytes(3 * 1024 * 1024);
  scope.addAttachment({ filename: 'heap.bin', data, contentType: 'application/octet-stream' });
  let eventId;
  try {
    throw new Error('attachment across nodes');
  } catch (error) {
    eventId = scope.captureException(error);
  }
  assert.equal(await client.flush(20000), true);
  const [api0, api1] = nodes.map((node) => restApi(node));
  const named = (list) => list.filter((i) => i.title === 'Error: attachment across nodes');
  const [issue] = named(await api1.waitForIssues((list) => named(list).length === 1));

  const attachments = `/projects/homeport/default/events/${eventId}/attachments/`;
  const listed = await api1.get(attachments);
  assert.equal(listed.length, 1, JSON.stringify(listed));
  assert.equal(listed[0].name, 'heap.bin');
  assert.equal(Number(listed[0].size), data.length);
  const download = await api1.fetch(`${attachments}${listed[0].id}/?download=1`);
  assert.equal(download.status, 200);
  assert.equal(download.headers.get('content-length'), String(data.length));
  assert.ok(Buffer.from(await download.arrayBuffer()).equals(data), 'node B serves the bytes node A received');
  // In the database, not in the receiving node's data dir.
  const attachmentDir = join(nodes[0].dataDir, 'errors', 'attachments');
  assert.equal(existsSync(attachmentDir) ? readdirSync(attachmentDir).length : 0, 0);
  const [[chunks, bytes]] = postgres.query('SELECT count(*), coalesce(sum(length(data)), 0) FROM attachment_blobs');
  assert.ok(Number(chunks) > 1, `${chunks} chunks: no statement carries the whole attachment`);
  assert.equal(Number(bytes), data.length);

  // Sentry's "remove an issue" through node B: node A no longer has the attachment, and its
  // chunks are gone from the database.
  const removed = await api1.fetch(`/issues/${issue.id}/`, { method: 'DELETE' });
  assert.equal(removed.status, 202);
  assert.equal((await api0.fetch(`${attachments}${listed[0].id}/?download=1`)).status, 404);
  assert.deepEqual(await api0.get(attachments), []);
  assert.equal((await api0.fetch(`/issues/${issue.id}/`)).status, 404);
  assert.deepEqual(postgres.query('SELECT count(*) FROM attachment_blobs'), [['0']]);
  assert.deepEqual(postgres.query('SELECT count(*) FROM items WHERE chunks IS NOT NULL'), [['0']]);
});
