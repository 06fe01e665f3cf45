import { HTCondorValueError } from '../errors.js';
import { clientDefaults, collectorHosts, securitySettings, tokenDirectory } from './client-defaults.js';
import { loadConfig, memoryHost, Param } from './index.js';

const load = (text: string): Param => {
  const cfg = loadConfig({ host: memoryHost({ '/c': text }, { CONDOR_CONFIG: '/c' }) });
  return new Param(() => cfg);
};

test('no configuration: HTCondor code defaults', () => {
  const p = load('');
  expect(securitySettings('CLIENT', p)).toEqual({
    authentication: 'OPTIONAL', encryption: 'OPTIONAL', integrity: 'OPTIONAL', negotiation: 'PREFERRED',
    authenticationMethods: ['FS', 'IDTOKENS', 'KERBEROS', 'SCITOKENS', 'SSL'], cryptoMethods: ['AES', 'BLOWFISH', '3DES'],
  });
  expect(collectorHosts(p)).toEqual([]);
  expect(tokenDirectory({ home: '/home/alice' }, p)).toBe('/home/alice/.condor/tokens.d');
  expect(tokenDirectory({ isRoot: true }, p)).toBe('/tokens.d'); // $(ETC) is empty without a config
});

test('SEC_<PERM>_X, then SEC_DEFAULT_X; the packaged 9.0 security', () => {
  const p = load('use SECURITY : recommended_v9_0\nSEC_CLIENT_AUTHENTICATION_METHODS = IDTOKENS, FS\nETC = /etc/condor\nCONDOR_HOST = cm.example.org\n');
  const s = securitySettings('CLIENT', p);
  expect(s.authentication).toBe('REQUIRED');
  expect(s.authenticationMethods).toEqual(['IDTOKENS', 'FS']);
  expect(securitySettings('READ', p).authentication).toBe('OPTIONAL');
  expect(securitySettings('READ', p).authenticationMethods).toEqual(['FS', 'IDTOKENS', 'KERBEROS', 'SCITOKENS', 'SSL']);
  expect(collectorHosts(p)).toEqual(['cm.example.org']);
  expect(tokenDirectory({ isRoot: true }, p)).toBe('/etc/condor/tokens.d');
});

test('invalid requirement values are rejected', () => {
  expect(() => securitySettings('CLIENT', load('SEC_DEFAULT_ENCRYPTION = sometimes\n'))).toThrow(HTCondorValueError);
});

test('per-client overrides win', () => {
  const p = load('COLLECTOR_HOST = a.example.org, b.example.org:9620\nSEC_TOKEN_DIRECTORY = /tok\n');
  expect(clientDefaults({}, { param: p }).collectorHosts).toEqual(['a.example.org', 'b.example.org:9620']);
  const d = clientDefaults({ collectorHosts: ['mine:9618'], tokenDirectory: undefined }, { param: p });
  expect(d.collectorHosts).toEqual(['mine:9618']);
  expect(d.tokenDirectory).toBeUndefined();
  expect(clientDefaults({}, { param: p }).tokenDirectory).toBe('/tok');
});
