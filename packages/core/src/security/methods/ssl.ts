// SSL and SCITOKENS (Condor_Auth_SSL, condor_auth_ssl.cpp): a TLS handshake carried in CEDAR messages in lock-step.
// Every message is: int status, int len, bytes[len] (TLS records), EOM. Status: ERROR -1, A_OK 0, SENDING 1,
// RECEIVING 2, QUITTING 3, HOLDING 4 (condor_auth_ssl.h).
//   1. S->C int status; C->S int status (client_share_status).
//   2. Handshake, rounds r = 1, 2, ...: advance TLS unless HOLDING (handshake done); odd r: send our status and
//      records, even r: receive the server's and feed them to TLS; done when both sides are HOLDING.
//      Then the client checks the server certificate (post_connection_check); on failure it reads one message and
//      answers QUITTING.
//   3. Session key: r = 1, 2, ...: read 256 bytes of application data unless HOLDING; odd r: receive, even: send.
//      (Unused with ECDH, but the exchange must happen.)
//   4. SCITOKENS only: the client writes BE32(len) || token; odd r: send, even: receive; the server answers
//      HOLDING (accepted) or QUITTING (rejected).
import { parseSinful } from '../../address/sinful.js';
import type { CedarStream } from '../../stream/cedar-stream.js';
import { concatBytes, encodeUtf8 } from '../bytes.js';
import type { TlsCapability, TlsClientEngine } from '../platform.js';
import type { AuthExchange, AuthOutcome, ClientAuthMethod } from './method.js';

const ERROR = -1;
const A_OK = 0;
const RECEIVING = 2;
const QUITTING = 3;
const HOLDING = 4;
const SESSION_KEY_LEN = 256;
const MAX_BUF = 1024 * 1024;
const MAX_ROUNDS = 256;

export interface SslMethodOptions {
  tls: TlsCapability | undefined;
  /** PEM CA certificates trusted for the server (AUTH_SSL_CLIENT_CAFILE). */
  ca?: string | readonly string[] | undefined;
  /** Client certificate and key (PEM), optional. */
  cert?: string | undefined;
  key?: string | undefined;
  /** Check the server certificate against this name instead of the address's alias/host. */
  serverName?: string | undefined;
  /** For SCITOKENS: where the bearer token comes from. */
  scitoken?: (() => Promise<string | undefined>) | undefined;
}

async function sendMsg(stream: CedarStream, status: number, bytes: Uint8Array): Promise<void> {
  stream.putInt(status).putInt(bytes.length);
  if (bytes.length > 0) stream.putBytes(bytes);
  await stream.endOfMessage();
}

async function recvMsg(stream: CedarStream): Promise<{ status: number; bytes: Uint8Array }> {
  const status = await stream.getInt();
  const len = await stream.getInt();
  if (len < 0 || len > MAX_BUF) throw new RangeError(`SSL: bad record length ${len}`);
  const bytes = len > 0 ? await stream.getBytes(len) : new Uint8Array(0);
  await stream.finishMessage();
  return { status, bytes };
}

export class SslMethod implements ClientAuthMethod {
  readonly name: 'SSL' | 'SCITOKENS';
  readonly #o: SslMethodOptions;
  constructor(options: SslMethodOptions, scitokens = false) {
    this.#o = options;
    this.name = scitokens ? 'SCITOKENS' : 'SSL';
  }

  async available(): Promise<boolean> {
    if (!this.#o.tls) return false;
    if (this.name === 'SCITOKENS') return !!(await this.#o.scitoken?.());
    return true;
  }

  #serverName(connectSinful: string): string {
    if (this.#o.serverName) return this.#o.serverName;
    try {
      const s = parseSinful(connectSinful);
      return s.alias ?? s.host;
    } catch {
      return connectSinful;
    }
  }

  async authenticate({ stream, connectSinful }: AuthExchange): Promise<AuthOutcome> {
    let engine: TlsClientEngine | undefined;
    let clientStatus = A_OK;
    let why: string | undefined;
    let token: string | undefined;
    try {
      if (this.name === 'SCITOKENS') {
        token = await this.#o.scitoken?.();
        if (!token) throw new Error('no SciToken found (BEARER_TOKEN, BEARER_TOKEN_FILE, $XDG_RUNTIME_DIR/bt_u<uid>)');
      }
      if (!this.#o.tls) throw new Error('this runtime has no TLS capability');
      engine = this.#o.tls.client({ serverName: this.#serverName(connectSinful), ca: this.#o.ca, cert: this.#o.cert, key: this.#o.key });
    } catch (e) {
      clientStatus = ERROR;
      why = (e as Error).message;
    }
    try {
      // 1. Share status: the server speaks first.
      const serverStatus0 = await stream.getInt();
      await stream.finishMessage();
      stream.putInt(clientStatus);
      await stream.endOfMessage();
      if (clientStatus !== A_OK) return { ok: false, reason: why ?? 'TLS setup failed' };
      if (serverStatus0 !== A_OK) return { ok: false, reason: 'the server could not set up TLS (its certificate or key is missing or unreadable: AUTH_SSL_SERVER_CERTFILE / KEYFILE)' };
      const tls = engine!;

      // 2. Handshake.
      let c = RECEIVING;
      let s = RECEIVING;
      for (let r = 1; ; r++) {
        if (c !== HOLDING) {
          await tls.settle();
          c = tls.state === 'connected' ? HOLDING : tls.state === 'failed' ? QUITTING : RECEIVING;
        }
        if (r % 2 === 1) await sendMsg(stream, c, tls.takeOutput());
        else {
          const m = await recvMsg(stream);
          s = m.status === ERROR ? QUITTING : m.status;
          if (m.bytes.length) tls.feed(m.bytes);
        }
        if (s === HOLDING && c === HOLDING) break;
        if (c === QUITTING) return { ok: false, reason: `TLS handshake failed: ${tls.failure ?? 'unknown error'}` };
        if (s === QUITTING) return { ok: false, reason: 'the server ended the TLS handshake (see its log: D_SECURITY)' };
        if (r > 2 * MAX_ROUNDS) return { ok: false, reason: 'the TLS handshake did not finish' };
      }
      // post_connection_check: the certificate chain and name.
      if (!tls.verified) {
        const m = await recvMsg(stream);
        if (m.status !== QUITTING) await sendMsg(stream, QUITTING, new Uint8Array(0));
        return { ok: false, reason: `the server's certificate was not accepted: ${tls.failure ?? 'verification failed'} (trust its CA with the ssl.ca option, AUTH_SSL_CLIENT_CAFILE)` };
      }

      // 3. The server's 256-byte session key (not used: the session key comes from ECDH).
      c = RECEIVING;
      s = RECEIVING;
      let got: Uint8Array = new Uint8Array(0);
      for (let r = 1; ; r++) {
        if (r > MAX_ROUNDS) return { ok: false, reason: 'too many rounds exchanging the TLS session key' };
        if (c !== HOLDING) {
          await tls.settle();
          const d = tls.takeData();
          if (d.length) got = concatBytes([got, d]);
          c = got.length >= SESSION_KEY_LEN ? HOLDING : tls.state === 'failed' ? QUITTING : RECEIVING;
        }
        if (r % 2 === 1) {
          const m = await recvMsg(stream);
          s = m.status;
          if (m.bytes.length) tls.feed(m.bytes);
        } else await sendMsg(stream, c, tls.takeOutput());
        if (s === HOLDING && c === HOLDING) break;
        if (s === QUITTING || c === QUITTING) return { ok: false, reason: 'TLS session key exchange failed' };
      }
      got.fill(0);

      // 4. SCITOKENS: send the bearer token through the tunnel.
      if (token !== undefined) {
        const bytes = encodeUtf8(token);
        const framed = new Uint8Array(4 + bytes.length);
        new DataView(framed.buffer).setUint32(0, bytes.length);
        framed.set(bytes, 4);
        tls.write(framed);
        c = HOLDING;
        s = RECEIVING;
        for (let r = 1; ; r++) {
          if (r > MAX_ROUNDS) return { ok: false, reason: 'too many rounds sending the SciToken' };
          if (r % 2 === 0) {
            const m = await recvMsg(stream);
            s = m.status;
            if (m.bytes.length) tls.feed(m.bytes);
          } else {
            await tls.settle();
            await sendMsg(stream, c, tls.takeOutput());
          }
          if (s === HOLDING && c === HOLDING) break;
          if (s === QUITTING) return { ok: false, reason: 'the server rejected the SciToken (issuer, audience or mapping; see its log with D_SECURITY)' };
        }
      }
      return { ok: true };
    } finally {
      engine?.close();
    }
  }
}
