// Loads the test-only Echo service definition shared with the .NET tests.
'use strict';
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const definition = protoLoader.loadSync(path.join(__dirname, '..', 'Protos', 'interop.proto'), {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
});

module.exports = { grpc, Echo: grpc.loadPackageDefinition(definition).perffleet.testing.Echo };
