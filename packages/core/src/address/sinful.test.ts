import { HTCondorValueError } from '../errors.js';
import { connectOrder, formatSinful, parseSafeAddress, parseSinful } from './sinful.js';

describe('sinful strings', () => {
  const schedd = '<127.0.0.1:9618?addrs=127.0.0.1-9618+[fd00--2]-9618&alias=vm&noUDP&sock=schedd_19336_c7bf>';

  test('a daemon address as the real pool advertises it', () => {
    const s = parseSinful(schedd);
    expect(s.host).toBe('127.0.0.1');
    expect(s.port).toBe(9618);
    expect(s.sharedPortId).toBe('schedd_19336_c7bf');
    expect(s.alias).toBe('vm');
    expect(s.params.has('noUDP')).toBe(true);
    expect(s.endpoints).toEqual([
      { host: '127.0.0.1', port: 9618, family: 4 },
      { host: 'fd00::2', port: 9618, family: 6 },
    ]);
    expect(connectOrder(s)[0]).toEqual({ host: '127.0.0.1', port: 9618, family: 4 });
  });

  test('IPv6 primary, bare host:port, default port, url-encoded values', () => {
    expect(parseSinful('<[::1]:1234>')).toMatchObject({ host: '::1', port: 1234 });
    expect(parseSinful('collector.example.org:9619')).toMatchObject({ host: 'collector.example.org', port: 9619 });
    expect(parseSinful('<10.0.0.1>').port).toBe(9618);
    expect(parseSinful('<1.2.3.4:5?alias=a%2Bb>').alias).toBe('a+b');
    expect(parseSafeAddress('[2001-db8--1]-9618')).toEqual({ host: '2001:db8::1', port: 9618, family: 6 });
  });

  test('round trip through formatSinful', () => {
    const s = parseSinful(schedd);
    expect(parseSinful(formatSinful(s.host, s.port, s.params)).params).toEqual(s.params);
  });

  test.each(['<', '<>', '<1.2.3.4:>', '<1.2.3.4:99999>', '<[::1:9618>', '<1.2.3.4:9618 junk>'])('%s is refused with a typed error', (bad) => {
    expect(() => parseSinful(bad)).toThrow(HTCondorValueError);
  });
});
