// Preloaded by a test: any attempt to open a socket or resolve a name fails loudly, in the main thread and in workers.
const net = require('node:net');
const dns = require('node:dns');
const tls = require('node:tls');

function blocked(what) {
  return function () {
    process.stderr.write(`NETWORK BLOCKED: ${what}\n`);
    throw new Error(`network access attempted: ${what}`);
  };
}

net.Socket.prototype.connect = blocked('net.Socket.connect');
net.connect = net.createConnection = blocked('net.connect');
tls.connect = blocked('tls.connect');
dns.lookup = blocked('dns.lookup');
dns.resolve = blocked('dns.resolve');
dns.promises.lookup = blocked('dns.promises.lookup');
dns.promises.resolve = blocked('dns.promises.resolve');
