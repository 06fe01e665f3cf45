/**
 * The one runtime seam: a bidirectional byte stream to a daemon. Node TCP (node-tcp.ts) now, a WebSocket
 * through ws-proxy later. Nothing above this file knows which one it has; nothing below the stream knows commands.
 */
export interface Transport {
  /** A description of the peer for error messages, e.g. "127.0.0.1:9618". */
  readonly peer: string;
  /** The next chunk of bytes, or null once the peer has closed. Rejects with an HTCondorIOError on failure. */
  read(): Promise<Uint8Array | null>;
  /** Sends bytes; resolves when the transport has accepted them (back-pressure). */
  write(data: Uint8Array): Promise<void>;
  /** Closes the connection at once; pending and later reads resolve null. Idempotent. */
  close(): void;
}

export interface ConnectOptions {
  /** Connect timeout in milliseconds. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/** Opens transports; chosen by the caller (no runtime sniffing). */
export interface TransportFactory {
  connect(host: string, port: number, options: ConnectOptions): Promise<Transport>;
}
