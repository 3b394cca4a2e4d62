// grpc-js CLIENT calling a PerfFleet server: node client.js <host:port>
// Prints one JSON line per check ({"check","ok","detail"}) and exits 0 when every check passed.
'use strict';
const { grpc, Echo } = require('./echo-proto');

const target = process.argv[2];
if (!target) {
  console.error('usage: node client.js <host:port>');
  process.exit(2);
}

const client = new Echo(target, grpc.credentials.createInsecure());
const results = [];

function report(check, ok, detail) {
  results.push(ok);
  console.log(JSON.stringify({ check, ok, detail: String(detail ?? '') }));
}

function deadlineIn(ms) {
  return new Date(Date.now() + ms);
}

function unary(request, metadata = new grpc.Metadata(), options = {}) {
  // grpc-js calls back before it emits 'status' (which carries the trailers): settle on the later of the two.
  return new Promise((resolve) => {
    let result = null;
    let trailers = null;
    const settle = () => { if (result && trailers) resolve({ ...result, trailers }); };
    const call = client.unary(request, metadata, options, (error, reply) => { result = { error, reply }; settle(); });
    call.on('status', (status) => { trailers = status.metadata; settle(); });
  });
}

async function check(name, body) {
  try {
    const [ok, detail] = await body();
    report(name, ok, detail);
  } catch (e) {
    report(name, false, e && e.stack ? e.stack : e);
  }
}

async function main() {
  await check('unary', async () => {
    const metadata = new grpc.Metadata();
    metadata.set('authorization', 'Bearer interop-token');
    metadata.set('trace-bin', Buffer.from([0, 255, 10]));
    const { error, reply, trailers } = await unary({ message: 'hello' }, metadata, { deadline: deadlineIn(10000) });
    if (error) return [false, error.message];
    const trailer = trailers && trailers.get('x-trailer')[0];
    const ok = reply.message === 'hello'
      && reply.headers.authorization === 'Bearer interop-token'
      && reply.headers['trace-bin'] === Buffer.from([0, 255, 10]).toString('base64')
      && trailer === 'unary-done';
    return [ok, JSON.stringify({ message: reply.message, headers: reply.headers, trailer })];
  });

  await check('server-streaming', () => new Promise((resolve) => {
    const indexes = [];
    let header = null;
    const call = client.serverStream({ message: 's', count: 20 });
    call.on('metadata', (m) => { header = m.get('x-stream')[0]; });
    call.on('data', (reply) => indexes.push(reply.index));
    call.on('error', (e) => resolve([false, e.message]));
    call.on('status', (status) => {
      if (status.code !== grpc.status.OK) return;
      const ok = indexes.length === 20 && indexes.every((v, i) => v === i) && header === 'started';
      resolve([ok, `received ${indexes.length}, x-stream=${header}`]);
    });
  }));

  await check('client-streaming', () => new Promise((resolve) => {
    const call = client.clientStream((error, reply) => {
      if (error) return resolve([false, error.message]);
      resolve([reply.message === 'a,b,c' && reply.index === 3, reply.message]);
    });
    for (const word of ['a', 'b', 'c']) call.write({ message: word });
    call.end();
  }));

  await check('duplex', () => new Promise((resolve) => {
    const call = client.duplex();
    const seen = [];
    let next = 0;
    const send = () => call.write({ message: 'ping' + next });
    call.on('data', (reply) => {
      seen.push(reply.message);
      next++;
      if (next < 5) send(); else call.end();
    });
    call.on('error', (e) => resolve([false, e.message]));
    call.on('status', (status) => {
      if (status.code !== grpc.status.OK) return;
      resolve([seen.join(',') === 'ping0,ping1,ping2,ping3,ping4', seen.join(',')]);
    });
    send();
  }));

  await check('deadline', async () => {
    const started = Date.now();
    const { error } = await unary({ delayMs: 10000 }, new grpc.Metadata(), { deadline: deadlineIn(300) });
    const elapsed = Date.now() - started;
    return [!!error && error.code === grpc.status.DEADLINE_EXCEEDED && elapsed < 5000, error ? `${error.code} after ${elapsed} ms` : 'no error'];
  });

  await check('error-status', async () => {
    const { error } = await unary({ failCode: grpc.status.NOT_FOUND, failMessage: 'test 42 not found — ünïcode 100%' });
    if (!error) return [false, 'no error'];
    const detail = error.metadata.get('x-error-detail-bin')[0];
    const ok = error.code === grpc.status.NOT_FOUND && error.details === 'test 42 not found — ünïcode 100%'
      && Buffer.isBuffer(detail) && detail.equals(Buffer.from([1, 2, 3]));
    return [ok, `${error.code} ${error.details}`];
  });

  await check('unknown-exception', async () => {
    const { error } = await unary({ throwPlain: true });
    return [!!error && error.code === grpc.status.UNKNOWN && !error.details.includes('secret'), error ? `${error.code} ${error.details}` : 'no error'];
  });

  await check('unimplemented', () => new Promise((resolve) => {
    const serialize = (v) => v;
    client.makeUnaryRequest('/perffleet.testing.Echo/NoSuchMethod', serialize, serialize, Buffer.alloc(0), (error) => {
      resolve([!!error && error.code === grpc.status.UNIMPLEMENTED, error ? `${error.code} ${error.details}` : 'no error']);
    });
  }));

  // Last: the .NET test then checks that the server saw the cancellation.
  await check('cancellation', () => new Promise((resolve) => {
    const call = client.serverStream({ count: 1, delayMs: 10000 });
    call.on('data', () => call.cancel());
    call.on('error', (e) => resolve([e.code === grpc.status.CANCELLED, `${e.code} ${e.details}`]));
    call.on('status', (status) => { if (status.code === grpc.status.OK) resolve([false, 'completed without cancellation']); });
  }));

  client.close();
  process.exit(results.every(Boolean) ? 0 : 1);
}

main();
