'use strict';
// Preloaded (node --require) into scripts under test so that their HTTPS requests to the tenant
// host reach the emulated tenant on loopback. The scripts keep their real URLs, hence their real
// Host header, SNI and token audience. Node's fetch (undici) opens TLS sockets through
// tls.connect with an options object, so rewriting that object is enough.
const tls = require('node:tls');

const host = process.env.E2E_TENANT_HOST;
const port = Number(process.env.E2E_TENANT_PORT);
if (!host || !Number.isInteger(port) || port <= 0) {
  throw new Error('resolve-tenant.cjs needs E2E_TENANT_HOST and E2E_TENANT_PORT');
}

const connect = tls.connect;
tls.connect = function connectToTenant(...args) {
  const options = args[0];
  if (options !== null && typeof options === 'object' && (options.host === host || options.servername === host)) {
    args[0] = { ...options, host: '127.0.0.1', port, servername: host };
  }
  return connect.apply(this, args);
};
