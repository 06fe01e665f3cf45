// (In src/node/: Node-only, outside the portable check.) A Transport over a Node socket we already hold: the connection a daemon opened back to us at a CCB broker's
// request (core's TCP transport only dials out). Node-only; reached through '@htcondor-ts/daemon/node'.
import type { Socket } from 'node:net';
import { HTCondorIOError, type Transport } from '@htcondor-ts/core';

export class SocketTransport implements Transport {
  readonly peer: string;
  readonly #socket: Socket;
  #queue: Uint8Array[] = [];
  #ended = false;
  #error: HTCondorIOError | undefined;
  #waiter: { resolve: (v: Uint8Array | null) => void; reject: (e: unknown) => void } | undefined;

  constructor(socket: Socket, peer: string) {
    this.#socket = socket;
    this.peer = peer;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Uint8Array) => {
      const view = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const w = this.#waiter;
      this.#waiter = undefined;
      if (w) w.resolve(view);
      else this.#queue.push(view);
    });
    socket.on('end', () => this.#finish());
    socket.on('close', () => this.#finish());
    socket.on('error', (err: NodeJS.ErrnoException) => {
      this.#error = new HTCondorIOError(`connection from ${peer} failed: ${err.code ?? err.message}`, { cause: err, where: peer });
      this.#finish();
    });
  }

  #finish(): void {
    this.#ended = true;
    const w = this.#waiter;
    this.#waiter = undefined;
    if (w) {
      if (this.#error) w.reject(this.#error);
      else w.resolve(null);
    }
  }

  read(): Promise<Uint8Array | null> {
    const next = this.#queue.shift();
    if (next) return Promise.resolve(next);
    if (this.#ended) return this.#error ? Promise.reject(this.#error) : Promise.resolve(null);
    if (this.#waiter) return Promise.reject(new HTCondorIOError('internal: concurrent reads on one transport'));
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  write(data: Uint8Array): Promise<void> {
    if (this.#ended) return Promise.reject(this.#error ?? new HTCondorIOError(`connection from ${this.peer} is closed; cannot send`, { where: this.peer }));
    return new Promise((resolve, reject) => {
      this.#socket.write(data, (err) => (err ? reject(new HTCondorIOError(`sending to ${this.peer} failed: ${err.message}`, { cause: err, where: this.peer })) : resolve()));
    });
  }

  close(): void {
    if (!this.#socket.destroyed) this.#socket.destroy();
    this.#queue = [];
    this.#finish();
  }
}
