// @htcondor-ts/ws-proxy: relays browser WebSockets to HTCondor daemons (CEDAR over TCP), Node only.
export { createWsProxy, CloseCodes, type WsProxy, type WsProxyStats } from './proxy.js';
export { DEFAULT_LIMITS, type WsProxyOptions, type WsProxyLimits } from './options.js';
export { Allowlist, parseTarget, formatTarget, type Target } from './allowlist.js';
