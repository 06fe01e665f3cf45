// The STORE_CRED conversation (do_store_cred in src/condor_utils/store_cred.cpp; server store_cred_handler):
//   string user ("" = the authenticated identity), string password (legacy modes only), int mode,
//   [non-legacy: int credlen, bytes cred, ClassAd (service/handle, or empty)], EOM
//   -> long result, [non-legacy: ClassAd], EOM
// The client refuses to send credentials unless the connection is authenticated and encrypted, as the C++ client
// does for a remote daemon (set_crypto_mode(true) + FAILURE_NOT_SECURE).
import { ClassAd } from '@htcondor-ts/classad';
import {
  Commands,
  HTCondorAuthorizationError,
  HTCondorIOError,
  HTCondorReplyError,
  type CallOptions,
  type DaemonClient,
} from '@htcondor-ts/core';

export const MODE_MASK = 3;
export const GENERIC_ADD = 0;
export const GENERIC_DELETE = 1;
export const GENERIC_QUERY = 2;
export const GENERIC_CONFIG = 3;
export const STORE_CRED_LEGACY = 0x40;
export const STORE_CRED_WAIT_FOR_CREDMON = 0x80;
export const STORE_CRED_LEGACY_PWD = STORE_CRED_LEGACY | 0x24;

/** The result codes of STORE_CRED (store_cred.h), with the daemon's own wording (err_strings in store_cred.cpp). */
export const CredResult = {
  Failure: 0,
  Success: 1,
  BadPassword: 2,
  NoImpersonate: 3,
  NotSecure: 4,
  NotFound: 5,
  SuccessPending: 6,
  NotAllowed: 7,
  BadArgs: 8,
  ProtocolMismatch: 9,
  CredmonTimeout: 10,
  ConfigError: 11,
  JsonParse: 12,
  CredMismatch: 13,
} as const;
export type CredResult = (typeof CredResult)[keyof typeof CredResult];

const MESSAGES = [
  'Operation failed',
  'Operation succeeded',
  'A credential is stored, but it is invalid',
  'Operation failed because the target daemon is not running as SYSTEM',
  'Operation aborted because communication was not secure',
  'No credential is stored',
  'A credential is stored, but it has not yet been processed',
  'Operation failed because it is not allowed',
  'Operation aborted due to missing or bad arguments',
  'Arguments are missing, client and server may be mismatched',
  'The credmon did not process credentials within the timeout period',
  'Operation failed because of a configuration error',
  'Failure parsing credential as JSON',
  'Credential was found but it did not match requested scopes or audience',
];

/** The credd answered a credential operation with a failure code (`code`: a CredResult). */
export class HTCondorCredError extends HTCondorReplyError {
  override name = 'HTCondorCredError';
}

/** store_cred_failed: a query may answer a time (> 100) instead of SUCCESS. */
export function credFailed(result: number, mode: number): boolean {
  if ((mode & MODE_MASK) !== GENERIC_DELETE && result > 100) return false;
  return result !== CredResult.Success && result !== CredResult.SuccessPending;
}

export function credError(result: number, mode: number, where: string, user: string): HTCondorReplyError {
  const text = MESSAGES[result] ?? `unknown result ${result}`;
  const op = ['add', 'delete', 'query', 'check'][mode & MODE_MASK];
  const who = user === '' ? 'the authenticated identity' : user;
  if (result === CredResult.NotAllowed) {
    return new HTCondorAuthorizationError(
      `the credd at ${where} refused to ${op} a credential of ${who}: ${text} (only the user itself, or one of CRED_SUPER_USERS, may)`,
      { where, code: result },
    );
  }
  const hint =
    result === CredResult.ConfigError
      ? ' (is SEC_CREDENTIAL_DIRECTORY_KRB / _OAUTH configured on the credd?)'
      : result === CredResult.Failure && (mode & 0x2c) === 0x24
        ? ' (user passwords are stored only by credds on Windows)'
        : '';
  return new HTCondorCredError(`the credd at ${where} could not ${op} the credential of ${who}: ${text}${hint}`, { where, code: result });
}

export interface StoreCredRequest {
  user: string;
  mode: number;
  /** Legacy modes: the password; otherwise the credential bytes. */
  credential?: Uint8Array | undefined;
  password?: string | undefined;
  serviceAd?: ClassAd | undefined;
}

export async function doStoreCred(client: DaemonClient, req: StoreCredRequest, opts: CallOptions): Promise<{ result: number; ad: ClassAd | undefined }> {
  const where = client.address.text;
  const stream = await client.startCommand(Commands.STORE_CRED, opts);
  try {
    if (!stream.cryptoMode) {
      throw new HTCondorCredError(
        `refusing to send a credential to ${where} over an unencrypted connection: give the Credd a SecurityContext that authenticates (e.g. IDTOKENS)`,
        { where, code: CredResult.NotSecure },
      );
    }
    const legacy = (req.mode & STORE_CRED_LEGACY) !== 0;
    stream.putString(req.user).putString(legacy ? (req.password ?? '') : '').putInt(req.mode);
    if (!legacy) {
      const cred = req.credential ?? new Uint8Array(0);
      stream.putInt(cred.length);
      if (cred.length) stream.putBytes(cred);
      stream.putClassAd(req.serviceAd ?? new ClassAd());
    }
    await stream.endOfMessage();
    const result = Number(await stream.getInt64());
    const ad = legacy ? undefined : await stream.getClassAd();
    await stream.finishMessage();
    return { result, ad };
  } catch (e) {
    if (e instanceof HTCondorIOError) throw new HTCondorIOError(`STORE_CRED to ${where} failed: ${e.message}`, { cause: e, where });
    throw e;
  } finally {
    stream.close();
  }
}
