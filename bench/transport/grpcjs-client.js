// @grpc/grpc-js load driver for bench/transport: node grpcjs-client.js <port> unary|stream <seconds> <concurrency>
// One channel (one HTTP/2 connection), like the PerfFleet driver. Prints one JSON result line.
'use strict';
const path = require('path');

// The interop tests' node_modules hold @grpc/grpc-js; reuse them rather than install a second copy.
const interop = path.join(__dirname, '..', '..', 'Tests', 'PerfFleet.Contracts.Tests', 'Interop');
const { grpc, Echo } = require(path.join(interop, 'echo-proto.js'));

const [port, mode, secondsText, concurrencyText] = process.argv.slice(2);
const seconds = Number(secondsText);
const concurrency = Number(concurrencyText);
const MESSAGES_PER_STREAM = 100000;
const client = new Echo(`127.0.0.1:${port}`, grpc.credentials.createInsecure());

function unaryLoop(until) {
  return new Promise((resolve) => {
    let calls = 0;
    const next = () => {
      if (Date.now() >= until) return resolve(calls);
      client.unary({ message: 'bench' }, (error) => {
        if (error) { console.error(error.message); process.exit(1); }
        calls++;
        next();
      });
    };
    next();
  });
}

function streamLoop(until) {
  return new Promise((resolve) => {
    let messages = 0;
    const next = () => {
      if (Date.now() >= until) return resolve(messages);
      const call = client.serverStream({ message: 'bench', count: MESSAGES_PER_STREAM });
      const timer = setTimeout(() => call.cancel(), Math.max(0, until - Date.now()));
      call.on('data', () => { messages++; });
      call.on('error', (e) => { if (e.code !== grpc.status.CANCELLED) { console.error(e.message); process.exit(1); } });
      call.on('status', () => { clearTimeout(timer); next(); });
    };
    next();
  });
}

async function runFor(ms) {
  const until = Date.now() + ms;
  const loop = mode === 'unary' ? unaryLoop : streamLoop;
  const counts = await Promise.all(Array.from({ length: concurrency }, () => loop(until)));
  return counts.reduce((a, b) => a + b, 0);
}

(async () => {
  await runFor(1000); // warm-up
  const started = process.hrtime.bigint();
  const count = await runFor(seconds * 1000);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(JSON.stringify({ client: 'grpc-js', mode, seconds, concurrency, count, perSecond: Math.round(count / elapsed) }));
  client.close();
  process.exit(0);
})();
