// @htcondor-ts/core: the CEDAR stream, transports, addresses, the command path, errors and protocol constants.
export * from './errors.js';
export * from './protocol/commands.generated.js';
export * from './protocol/enums.generated.js';
export * from './protocol/collector.generated.js';
export { parseSinful, formatSinful, connectOrder, parseSafeAddress, type Sinful, type Endpoint } from './address/sinful.js';
export type { Transport, TransportFactory, ConnectOptions as TransportConnectOptions } from './transport/transport.js';
export { defaultTransport } from './transport/default-transport.js';
// Also in ./node; kept here for Node users of the main entry (the browser build maps the transport seam away).
export { nodeTcp } from './transport/node-tcp.js';
// Portable: browsers (through ws-proxy), serverless runtimes without raw TCP, Node with the ws package.
export { webSocketTransport, type WebSocketTransportOptions, type WebSocketConstructor, type WebSocketLike, type WebSocketEventLike } from './transport/websocket.js';
export { ProxyCloseCodes, type ProxyCloseCode } from './transport/websocket-protocol.js';
export { CedarStream, type CedarStreamOptions } from './stream/cedar-stream.js';
export { FrameDecoder, encodePlainPackets, makeHeader, HEADER_SIZE, DEFAULT_MAX_PACKET } from './wire/frame.js';
export { MessageReader } from './wire/message-reader.js';
export { MessageWriter } from './wire/message-writer.js';
export { WireAdReader, putWireAd, wireAdLines, type WireAd } from './wire/classad-wire.js';
export { adFromWire, adToWireLines } from './wire/ad-convert.js';
export type { PacketCipher, PlaintextTranscript } from './wire/packet-cipher.js';
export { toHex, fromHex, concatBytes } from './wire/utf8.js';
export { connectToDaemon, sendSharedPortId } from './command/connect.js';
export {
  DaemonClient,
  DEFAULT_TIMEOUT_MS,
  type DaemonClientOptions,
  type CallOptions,
  type StartCommandOptions,
  type SecurityProvider,
} from './command/daemon-client.js';
export * from './config/index.js';
export * from './logging/index.js';
export {
  SecurityContext,
  SecLevels,
  CLIENT_VERSION,
  HTCondorSessionNotFoundError,
  NO_PLATFORM,
  parseToken,
  AuthMethodBits,
  SUPPORTED_METHODS,
  Token,
  TokenRequest,
  fetchToken,
  wireMethodName,
  displayMethodName,
  securityOptionsFromConfig,
  type PingResult,
  type SecurityContextOptions,
  type SecLevel,
  type SessionInfo,
  type SecurityPlatform,
  type ParsedToken,
  type TokenClaims,
  type TokenRequestOptions,
  type FetchTokenOptions,
  type CommandStarter,
  type CommandRequest,
  type TlsCapability,
  type TlsClientEngine,
  type TlsClientOptions,
} from './security/index.js';
