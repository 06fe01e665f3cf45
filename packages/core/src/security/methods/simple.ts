// The three small methods. Wire exchanges (all messages end with EOM):
// CLAIMTOBE (condor_auth_claim.cpp): C->S int 1, string user; S->C int 1. (No name: C->S int 0.)
// ANONYMOUS (condor_auth_anonymous.cpp): S->C int 1.
// FS / FS_REMOTE (condor_auth_fs.cpp, 23.9.6 without channel binding): S->C string path (empty: server error);
//   the client mkdirs it 0700 as itself; C->S int 0 | -1; S->C int 0 on success; the client removes the directory.
import type { FsCapability } from '../platform.js';
import type { AuthExchange, AuthOutcome, ClientAuthMethod } from './method.js';

export class ClaimToBeMethod implements ClientAuthMethod {
  readonly name = 'CLAIMTOBE' as const;
  readonly #user: () => string | undefined;
  constructor(user: () => string | undefined) {
    this.#user = user;
  }
  async available(): Promise<boolean> {
    return !!this.#user();
  }
  async authenticate({ stream }: AuthExchange): Promise<AuthOutcome> {
    const user = this.#user();
    if (!user) {
      stream.putInt(0);
      await stream.endOfMessage();
      return { ok: false, reason: 'no user name to claim' };
    }
    stream.putInt(1).putString(user);
    await stream.endOfMessage();
    const r = await stream.getInt();
    await stream.finishMessage();
    return r === 1 ? { ok: true, detail: user } : { ok: false, reason: `the server refused the claimed name ${user}` };
  }
}

export class AnonymousMethod implements ClientAuthMethod {
  readonly name = 'ANONYMOUS' as const;
  async available(): Promise<boolean> {
    return true;
  }
  async authenticate({ stream }: AuthExchange): Promise<AuthOutcome> {
    const r = await stream.getInt();
    await stream.finishMessage();
    return r === 1 ? { ok: true } : { ok: false, reason: 'the server refused anonymous authentication' };
  }
}

export class FsMethod implements ClientAuthMethod {
  readonly name: 'FS' | 'FS_REMOTE';
  readonly #fs: FsCapability | undefined;
  constructor(fs: FsCapability | undefined, remote = false) {
    this.#fs = fs;
    this.name = remote ? 'FS_REMOTE' : 'FS';
  }
  async available(): Promise<boolean> {
    return this.#fs !== undefined;
  }
  async authenticate({ stream }: AuthExchange): Promise<AuthOutcome> {
    const path = await stream.getNullableString();
    await stream.finishMessage();
    let created = false;
    let reason: string | undefined;
    if (!path) {
      reason = 'the server could not create a rendezvous name (check its FS_LOCAL_DIR / FS_REMOTE_DIR)';
    } else if (!this.#fs) {
      reason = 'this runtime cannot create directories (FS authentication needs Node and a filesystem shared with the daemon)';
    } else {
      try {
        await this.#fs.mkdir(path);
        created = true;
      } catch (e) {
        reason = `mkdir(${path}, 0700) failed: ${(e as Error).message}`;
      }
    }
    stream.putInt(created ? 0 : -1);
    await stream.endOfMessage();
    let serverResult: number;
    try {
      serverResult = await stream.getInt();
      await stream.finishMessage();
    } finally {
      if (created) await this.#fs!.rmdir(path!).catch(() => undefined);
    }
    if (reason) return { ok: false, reason };
    return serverResult === 0
      ? { ok: true }
      : { ok: false, reason: `the server did not accept the directory ${path} (is the daemon on this host and does it see the same ${path!.slice(0, path!.lastIndexOf('/')) || '/'}?)` };
  }
}
