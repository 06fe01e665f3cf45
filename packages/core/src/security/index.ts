// @htcondor-ts/core security: portable entry (no node:* imports). The Node capabilities live in ./node.js.
export { SecurityContext, type CommandStarter, type PingResult } from './security-context.js';
export { type SecurityContextOptions, type SecLevel, SecLevels, CLIENT_VERSION } from './options.js';
export { type SessionInfo, HTCondorSessionNotFoundError } from './session-info.js';
export { type CommandRequest } from './negotiate.js';
export { type SecurityPlatform, type FsCapability, type TokenCandidate, type TlsCapability, type TlsClientEngine, type TlsClientOptions, NO_PLATFORM } from './platform.js';
export { parseToken, type ParsedToken, type TokenClaims } from './jwt.js';
export { AuthMethodBits, SUPPORTED_METHODS, wireMethodName, displayMethodName, type WireMethod } from './methods/names.js';
export { AesGcmPacketCipher, digestTranscript, type HandshakeDigests } from './aes-gcm-cipher.js';
export { KeyExchange, deriveSessionKey } from './ecdh.js';
export { Token, TokenRequest, fetchToken, type TokenRequestOptions, type FetchTokenOptions } from './tokens.js';
export { securityOptionsFromConfig } from './from-config.js';
