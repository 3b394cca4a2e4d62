// grpc-js SERVER for PerfFleet's client: node server.js
// Listens on a free loopback port, prints "LISTENING <port>", then one line per notable event
// ("CANCELLED <method>"). Stops when stdin closes, so it never outlives the test that started it.
'use strict';
const { grpc, Echo } = require('./echo-proto');

function requestHeaders(call) {
  const headers = {};
  for (const [key, value] of Object.entries(call.metadata.getMap())) {
    headers[key] = Buffer.isBuffer(value) ? value.toString('base64') : String(value);
  }
  return headers;
}

function reply(call, request, index) {
  return { message: request.message, index, headers: requestHeaders(call), payload: request.payload };
}

function errorFor(request) {
  if (request.throwPlain) return { code: grpc.status.UNKNOWN, details: 'handler failed' };
  if (request.failCode) {
    const metadata = new grpc.Metadata();
    metadata.set('x-error-detail-bin', Buffer.from([1, 2, 3]));
    return { code: request.failCode, details: request.failMessage, metadata };
  }
  return null;
}

// Waits delay_ms unless the call is cancelled first (then reports it and resolves false).
function wait(call, request, method) {
  if (!request.delayMs) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(true), request.delayMs);
    call.on('cancelled', () => {
      clearTimeout(timer);
      console.log(`CANCELLED ${method}`);
      resolve(false);
    });
  });
}

const server = new grpc.Server();
server.addService(Echo.service, {
  async unary(call, callback) {
    if (!(await wait(call, call.request, 'Unary'))) return;
    const error = errorFor(call.request);
    if (error) return callback(error);
    const trailer = new grpc.Metadata();
    trailer.set('x-trailer', 'unary-done');
    callback(null, reply(call, call.request, 0), trailer);
  },
  async serverStream(call) {
    const metadata = new grpc.Metadata();
    metadata.set('x-stream', 'started');
    call.sendMetadata(metadata);
    for (let i = 0; i < call.request.count; i++) call.write(reply(call, call.request, i));
    if (!(await wait(call, call.request, 'ServerStream'))) return;
    const error = errorFor(call.request);
    if (error) return call.emit('error', error);
    call.end();
  },
  clientStream(call, callback) {
    const messages = [];
    call.on('data', (request) => messages.push(request.message));
    call.on('end', () => callback(null, { message: messages.join(','), index: messages.length }));
  },
  duplex(call) {
    let index = 0;
    call.on('data', (request) => {
      const error = errorFor(request);
      if (error) return call.emit('error', error);
      call.write(reply(call, request, index++));
    });
    call.on('end', () => call.end());
  },
});

server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    console.error(error.message);
    process.exit(1);
  }
  console.log(`LISTENING ${port}`);
});

process.stdin.on('end', () => server.tryShutdown(() => process.exit(0)));
process.stdin.resume();
process.on('SIGTERM', () => server.forceShutdown() || process.exit(0));
