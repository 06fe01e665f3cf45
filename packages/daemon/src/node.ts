// @htcondor-ts/daemon/node: the Node-only pieces (they listen on a TCP port): CCB reverse connections.
export { reverseConnectTransport, splitCcbContact, type ReverseConnectOptions } from './node/reverse-connect.js';
export { SocketTransport } from './node/socket-transport.js';
