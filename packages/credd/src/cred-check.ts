// htcondor.CredCheck and htcondor.CredStatus: the answers of check_user_service_creds and query_user_service_cred.
import type { ClassAd } from '@htcondor-ts/classad';

/** HTCondor's notion of a URL (_isURL in bindings/python/htcondor2/_cred_check.py): scheme "://" ... */
export function isUrl(s: string | undefined): boolean {
  return s !== undefined && /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(s);
}

/**
 * What the credd said about a set of OAuth services. `present` is true when every credential is stored (the credd
 * answered no URL); otherwise `url` is where to get them, or `error` says why there is none. (The v2 bindings'
 * truth value is true when a URL came back; `present` here means what its name says.)
 */
export class CredCheck {
  /** The requested services, comma-separated (`service` or `service*handle`), as OAuthServicesNeeded. */
  readonly services: string;
  readonly url: string | undefined;
  readonly error: string | undefined;

  constructor(services: string, urlOrError: string) {
    this.services = services;
    this.url = isUrl(urlOrError) ? urlOrError : undefined;
    this.error = urlOrError !== '' && !isUrl(urlOrError) ? urlOrError : undefined;
  }

  get present(): boolean {
    return this.url === undefined && this.error === undefined;
  }

  toString(): string {
    return this.url ?? this.error ?? this.services;
  }
}

/** What the credd knows of one stored OAuth credential (query_user_service_cred); `ad` is the credd's answer. */
export class CredStatus {
  readonly result: number;
  readonly ad: ClassAd;

  constructor(result: number, ad: ClassAd) {
    this.result = result;
    this.ad = ad;
  }

  /** Stored, but the credmon has not processed it yet. */
  get pending(): boolean {
    return this.result === 6;
  }

  toString(): string {
    return this.ad.printOld();
  }
}
