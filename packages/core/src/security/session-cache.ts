// Security sessions this client holds, after SecMan's session_cache + command_map: a session (by its server-given id)
// carries the AES key and the reconciled policy; each (daemon, command) pair the server listed in ValidCommands
// maps to one session. A cache belongs to one SecurityContext, so sessions are never shared between identities.
// Expiry: SessionDuration from creation, and SessionLease of idleness (renewed on every use), as KeyCacheEntry.
import { wipe } from './bytes.js';
import type { PolicyAd } from './policy-ad.js';

export interface CachedSession {
  readonly id: string;
  /** The 32-byte AES-GCM key, when the session was keyed. */
  readonly key: Uint8Array | undefined;
  readonly policy: PolicyAd;
  /** The identity the server mapped us to (post-auth "User"). */
  readonly user: string | undefined;
  /** The authentication method used (display name: IDTOKENS, FS...). */
  readonly method: string | undefined;
  readonly validCommands: readonly number[];
  readonly encryption: boolean;
  readonly integrity: boolean;
  readonly remoteVersion: string | undefined;
  /** Absolute expiry in ms since the epoch (0: none). */
  readonly expiresAt: number;
  /** Idle lease in seconds (0: none). */
  readonly leaseSeconds: number;
  lastUsed: number;
}

export class SessionCache {
  readonly #sessions = new Map<string, CachedSession>();
  readonly #commands = new Map<string, string>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  static commandKey(daemonKey: string, command: number): string {
    return `{${daemonKey},<${command}>}`;
  }

  /** The live session for a command to a daemon, or undefined (expired entries are dropped on the way). */
  lookup(daemonKey: string, command: number): CachedSession | undefined {
    const ck = SessionCache.commandKey(daemonKey, command);
    const sid = this.#commands.get(ck);
    if (sid === undefined) return undefined;
    const s = this.#sessions.get(sid);
    if (!s) {
      this.#commands.delete(ck);
      return undefined;
    }
    const now = this.#now();
    if ((s.expiresAt && s.expiresAt <= now) || (s.leaseSeconds && s.lastUsed + s.leaseSeconds * 1000 <= now)) {
      this.invalidate(sid);
      return undefined;
    }
    return s;
  }

  /** Marks use (renews the lease). */
  touch(s: CachedSession): void {
    s.lastUsed = this.#now();
  }

  insert(daemonKey: string, s: CachedSession): void {
    this.#sessions.set(s.id, s);
    for (const c of s.validCommands) this.#commands.set(SessionCache.commandKey(daemonKey, c), s.id);
  }

  /** Forgets one session (the server no longer knows it, or it expired). */
  invalidate(sid: string): boolean {
    const s = this.#sessions.get(sid);
    if (!s) return false;
    this.#sessions.delete(sid);
    for (const [k, v] of this.#commands) if (v === sid) this.#commands.delete(k);
    wipe(s.key);
    return true;
  }

  clear(): void {
    for (const sid of [...this.#sessions.keys()]) this.invalidate(sid);
    this.#commands.clear();
  }

  get size(): number {
    return this.#sessions.size;
  }

  sessions(): CachedSession[] {
    return [...this.#sessions.values()];
  }
}
