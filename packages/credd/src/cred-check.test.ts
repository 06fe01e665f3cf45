import { ClassAd } from '@htcondor-ts/classad';
import { CredCheck, CredStatus, isUrl } from './cred-check.js';
import { CredResult, credFailed, GENERIC_DELETE, GENERIC_QUERY } from './store-cred.js';

describe('CredCheck, CredStatus and result codes', () => {
  test('a URL answer means "go there"; an empty one means present; anything else is an error', () => {
    const url = new CredCheck('box', 'https://credd.example/key/abc');
    expect([url.present, url.url, url.error, String(url)]).toEqual([false, 'https://credd.example/key/abc', undefined, 'https://credd.example/key/abc']);
    const ok = new CredCheck('box*h', '');
    expect([ok.present, ok.url, ok.error, String(ok)]).toEqual([true, undefined, undefined, 'box*h']);
    const err = new CredCheck('box', 'no OAuth credmon configured');
    expect([err.present, err.error]).toEqual([false, 'no OAuth credmon configured']);
    expect([isUrl('x://y'), isUrl('1http://y'), isUrl('mailto:me')]).toEqual([true, false, false]);
  });

  test('store_cred_failed: a query may answer a time; delete may not', () => {
    expect(credFailed(1_795_596_911, GENERIC_QUERY)).toBe(false);
    expect(credFailed(1_795_596_911, GENERIC_DELETE)).toBe(true);
    expect(credFailed(CredResult.SuccessPending, GENERIC_QUERY)).toBe(false);
    expect(credFailed(CredResult.NotFound, GENERIC_QUERY)).toBe(true);
  });

  test('CredStatus says whether the credmon has processed the credential', () => {
    const s = new CredStatus(CredResult.SuccessPending, new ClassAd({ CredTime: 5 }));
    expect(s.pending).toBe(true);
    expect(String(s)).toContain('CredTime = 5');
  });
});
