// @htcondor-ts/core/node: the Node-only pieces (TCP, FS authentication and token files, the configuration files).
// Browsers and serverless runtimes without Node APIs import only the main entry.
export { nodeTcp } from './transport/node-tcp.js';
export {
  nodeSecurityPlatform,
  defaultSecurityContext,
  writeToken,
  readTokenDirectory,
  tokenDirectoryFor,
  nodeFs,
  discoverSciToken,
  type NodeSecurityPlatformOptions,
} from './security/node.js';
export { nodeTls } from './security/node-tls.js';
export * from './config/node/index.js';
