// The shape of one client-side authentication method, run inside the method-selection rounds of
// Authentication::authenticate_continue. A method must keep the message exchange in step with the server even when
// it fails (the C++ sends error statuses rather than hanging up), so failures are results, not exceptions;
// exceptions are for a broken connection.
import type { CedarStream } from '../../stream/cedar-stream.js';
import type { PolicyAd } from '../policy-ad.js';
import type { WireMethod } from './names.js';

export interface AuthExchange {
  stream: CedarStream;
  /** The server's reconciled policy (TrustDomain, IssuerKeys, RemoteVersion...). */
  serverPolicy: PolicyAd;
  /** The address we connected to (SSL checks the server certificate against its alias or host). */
  connectSinful: string;
}

export type AuthOutcome = { ok: true; detail?: string } | { ok: false; reason: string };

export interface ClientAuthMethod {
  readonly name: WireMethod;
  /** Whether we can offer this method at all (e.g. a token exists); decided before the negotiation. */
  available(): Promise<boolean>;
  authenticate(x: AuthExchange): Promise<AuthOutcome>;
}
