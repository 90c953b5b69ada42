// Preloaded (`node --require`) by the no-network tests: every way Node opens a socket or resolves
// a name is replaced by a function that records the attempt in $PISUB_NET_LOG and throws.
'use strict';
const fs = require('node:fs');
const LOG = process.env.PISUB_NET_LOG;

function blocked(what) {
    return function () {
        const where = (new Error().stack || '').split('\n').slice(2, 6).join(' | ');
        if (LOG) fs.appendFileSync(LOG, `${what} ${where}\n`);
        throw new Error(`network access is disabled in this test (${what})`);
    };
}

const net = require('node:net');
net.Socket.prototype.connect = blocked('net.Socket.connect');
net.connect = net.createConnection = blocked('net.connect');
net.Server.prototype.listen = blocked('net.Server.listen');
const tls = require('node:tls');
tls.connect = blocked('tls.connect');
const dns = require('node:dns');
for (const fn of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveSrv', 'resolveTxt', 'reverse']) {
    if (typeof dns[fn] === 'function') dns[fn] = blocked(`dns.${fn}`);
    if (dns.promises && typeof dns.promises[fn] === 'function') dns.promises[fn] = blocked(`dns.promises.${fn}`);
}
for (const mod of ['node:http', 'node:https', 'node:http2']) {
    const m = require(mod);
    for (const fn of ['request', 'get', 'connect', 'createServer']) if (typeof m[fn] === 'function') m[fn] = blocked(`${mod}.${fn}`);
}
require('node:dgram').createSocket = blocked('dgram.createSocket');
if (typeof globalThis.fetch === 'function') globalThis.fetch = blocked('fetch');
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = blocked('WebSocket');
