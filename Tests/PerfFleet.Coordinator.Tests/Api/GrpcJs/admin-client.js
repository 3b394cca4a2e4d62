// grpc-js CLIENT of a coordinator's admin API (LoadTests), loading the public protos as any
// outside client would: node admin-client.js <host:port> <admin token> <protos directory>
// Prints one JSON line per check ({"check","ok","detail"}). @grpc/grpc-js and
// @grpc/proto-loader come from NODE_PATH (the interop tests' node_modules).
'use strict';
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const [target, token, protos] = process.argv.slice(2);
if (!protos) {
  console.error('usage: node admin-client.js <host:port> <admin token> <protos directory>');
  process.exit(2);
}

const definition = protoLoader.loadSync(path.join(protos, 'perffleet', 'v1', 'loadtests.proto'), {
  includeDirs: [protos],
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
});
const { LoadTests } = grpc.loadPackageDefinition(definition).perffleet.v1;
const client = new LoadTests(target, grpc.credentials.createInsecure());

function admin() {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', 'Bearer ' + token);
  return metadata;
}

// Settles with the error or reply and the trailers (grpc-js emits 'status' after the callback).
function call(method, request, metadata = admin()) {
  return new Promise((resolve) => {
    let result = null;
    let trailers = null;
    const settle = () => { if (result && trailers) resolve({ ...result, trailers }); };
    const options = { deadline: new Date(Date.now() + 20000) };
    const pending = client[method](request, metadata, options, (error, reply) => { result = { error, reply }; settle(); });
    pending.on('status', (status) => { trailers = status.metadata; settle(); });
  });
}

function spec(repository, overrides = {}) {
  return {
    repository,
    clone_url: `https://git.example.invalid/${repository}.git`,
    commit: 'abcdef0123456789abcdef0123456789abcdef01',
    scenario: 'api',
    kind: 'TEST_KIND_TEST',
    rate: 100,
    duration: { seconds: '30', nanos: 0 },
    branch: 'main',
    ...overrides,
  };
}

async function check(name, body) {
  try {
    const [ok, detail] = await body();
    console.log(JSON.stringify({ check: name, ok, detail: String(detail ?? '') }));
  } catch (e) {
    console.log(JSON.stringify({ check: name, ok: false, detail: String(e && e.stack ? e.stack : e) }));
  }
}

// INVALID_ARGUMENT (3) naming `field` in the detail and the perffleet-field trailer.
async function invalid(method, request, field) {
  const { error, trailers } = await call(method, request);
  if (!error) return [false, 'the call succeeded'];
  const named = trailers.get('perffleet-field')[0];
  return [error.code === grpc.status.INVALID_ARGUMENT && named === field && error.details.startsWith(field + ':'),
    JSON.stringify({ code: error.code, details: error.details, field: named })];
}

async function main() {
  const repository = 'acme/js-' + process.pid;
  let scheduled = null;
  await check('schedule-get-list', async () => {
    const created = await call('Schedule', { spec: spec(repository) });
    if (created.error) return [false, created.error.details];
    scheduled = created.reply;
    const got = await call('Get', { id: scheduled.id });
    const listed = await call('List', { repository });
    if (got.error || listed.error) return [false, (got.error || listed.error).details];
    return [got.reply.test.id === scheduled.id && got.reply.test.spec.kind === 'TEST_KIND_TEST'
      && listed.reply.tests.length === 1 && listed.reply.tests[0].id === scheduled.id,
    JSON.stringify({ id: scheduled.id, listed: listed.reply.tests.map((t) => t.id) })];
  });
  await check('no-token-unauthenticated', async () => {
    const { error } = await call('List', {}, new grpc.Metadata());
    return [error && error.code === grpc.status.UNAUTHENTICATED, error ? error.details : 'succeeded'];
  });
  await check('schedule-duration-seconds', () => invalid('Schedule', { spec: spec(repository, { duration: { seconds: '9000000000000000', nanos: 0 } }) }, 'spec.duration'));
  await check('schedule-duration-nanos', () => invalid('Schedule', { spec: spec(repository, { duration: { seconds: '1', nanos: 2000000000 } }) }, 'spec.duration'));
  await check('schedule-kind-99', () => invalid('Schedule', { spec: spec(repository, { kind: 99 }) }, 'spec.kind'));
  await check('update-duration-seconds', () => invalid('Update', { id: scheduled ? scheduled.id : 'none', duration: { seconds: '-9000000000000000', nanos: 0 } }, 'duration'));
  await check('update-duration-nanos', () => invalid('Update', { id: scheduled ? scheduled.id : 'none', duration: { seconds: '1', nanos: -5 } }, 'duration'));
  await check('list-status-99', () => invalid('List', { status: [99] }, 'status'));
  await check('list-kind-99', () => invalid('List', { kind: 99 }, 'kind'));
  await check('nothing-stored', async () => {
    const listed = await call('List', { repository });
    if (listed.error) return [false, listed.error.details];
    const test = listed.reply.tests[0];
    return [listed.reply.tests.length === 1 && test.spec.duration.seconds === '30' && test.spec.kind === 'TEST_KIND_TEST',
      JSON.stringify(listed.reply.tests.map((t) => ({ id: t.id, kind: t.spec.kind, duration: t.spec.duration })))];
  });
  client.close();
}

main();
