// Node's TLS as the TlsCapability of SSL/SCITOKENS authentication: a tls.TLSSocket over an in-memory duplex, so the
// records can be carried inside CEDAR messages in the lock-step Condor_Auth_SSL expects. Node-only.
import { isIP } from 'node:net';
import { Duplex } from 'node:stream';
import { checkServerIdentity, connect, type TLSSocket } from 'node:tls';
import type { TlsCapability, TlsClientEngine, TlsClientOptions } from './platform.js';

function concat(list: Buffer[]): Uint8Array {
  const b = Buffer.concat(list);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

class NodeTlsEngine implements TlsClientEngine {
  state: 'handshaking' | 'connected' | 'failed' = 'handshaking';
  failure: string | undefined;
  verified = false;
  #out: Buffer[] = [];
  #data: Buffer[] = [];
  #events = 0;
  readonly #wire: Duplex;
  readonly #tls: TLSSocket;

  constructor(o: TlsClientOptions) {
    const out = this.#out;
    this.#wire = new Duplex({
      read() {},
      write: (chunk: Buffer, _enc, cb) => {
        out.push(chunk);
        this.#events++;
        cb();
      },
    });
    const name = o.serverName;
    this.#tls = connect({
      socket: this.#wire,
      ...(isIP(name) ? {} : { servername: name }),
      ...(o.ca !== undefined ? { ca: typeof o.ca === 'string' ? o.ca : [...o.ca] } : {}),
      ...(o.cert !== undefined ? { cert: o.cert } : {}),
      ...(o.key !== undefined ? { key: o.key } : {}),
      // Verification is judged after the handshake, as the C++ does (post_connection_check), so that a refusal can
      // be told to the server in step; nothing is trusted before `verified` is checked.
      rejectUnauthorized: false,
      checkServerIdentity: (_host, cert) => checkServerIdentity(name, cert),
      minVersion: 'TLSv1.2',
    });
    this.#tls.on('secureConnect', () => {
      this.state = 'connected';
      this.verified = this.#tls.authorized;
      if (!this.verified) this.failure = String(this.#tls.authorizationError ?? 'certificate not verified');
      this.#events++;
    });
    this.#tls.on('data', (d: Buffer) => {
      this.#data.push(d);
      this.#events++;
    });
    this.#tls.on('error', (e: Error) => {
      this.state = 'failed';
      this.failure ??= e.message;
      this.#events++;
    });
  }

  takeOutput(): Uint8Array {
    const o = concat(this.#out);
    this.#out.length = 0;
    return o;
  }
  feed(bytes: Uint8Array): void {
    this.#wire.push(Buffer.from(bytes));
    this.#events++;
  }
  /** Waits until TLS has been quiet for a few event-loop turns (it works asynchronously on what it was fed). */
  async settle(): Promise<void> {
    let last = -1;
    let quiet = 0;
    for (let i = 0; i < 500 && quiet < 4; i++) {
      await new Promise((r) => setImmediate(r));
      if (this.#events === last) quiet++;
      else {
        quiet = 0;
        last = this.#events;
      }
    }
  }
  takeData(): Uint8Array {
    const d = concat(this.#data);
    this.#data.length = 0;
    return d;
  }
  write(data: Uint8Array): void {
    this.#tls.write(Buffer.from(data));
  }
  close(): void {
    this.#tls.destroy();
    this.#wire.destroy();
  }
}

export const nodeTls: TlsCapability = {
  client: (o) => new NodeTlsEngine(o),
};
