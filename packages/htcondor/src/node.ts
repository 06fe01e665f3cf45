// htcondor-ts/node: what only Node has (TCP is the default transport already): the machine's configuration files,
// FS authentication and token files, and a security context built from the configuration as a C++ tool would.
export { useNodeConfig, loadNodeConfig, defaultSecurityContext, nodeSecurityPlatform, writeToken, nodeTcp } from '@htcondor-ts/core/node';
