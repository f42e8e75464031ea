// Loaded with `node --require`: every way out of the machine throws (sockets, DNS, http/https, fetch), so that a
// test proves the CLI and the server work without any network access.
'use strict';
const net = require('node:net');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const tls = require('node:tls');
const deny = (what) => () => {
  throw new Error(`network access attempted: ${what}`);
};
net.Socket.prototype.connect = deny('net.Socket.connect');
net.connect = net.createConnection = deny('net.connect');
tls.connect = deny('tls.connect');
dns.lookup = dns.resolve = deny('dns');
dns.promises.lookup = dns.promises.resolve = deny('dns.promises');
http.request = http.get = deny('http.request');
https.request = https.get = deny('https.request');
globalThis.fetch = deny('fetch');
