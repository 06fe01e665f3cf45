import { configure, reloadConfig } from '../config/index.js';
import { LogLevel } from '../protocol/enums.generated.js';
import { disableLogging, enableDebug, enableLogging, log, logger, parseDebugList, redactText, scopeOf } from './index.js';

/** A pino destination that keeps parsed records. */
function sink(): { write(s: string): void; records: Record<string, unknown>[] } {
  const records: Record<string, unknown>[] = [];
  return { records, write: (s: string) => records.push(JSON.parse(s) as Record<string, unknown>) };
}

afterEach(() => {
  disableLogging();
  configure({ files: {}, env: {} });
});

test('silent until enabled', () => {
  const s = sink();
  log(LogLevel.Always, 'nobody hears this');
  logger('security').error('nor this');
  enableLogging({ destination: s, categories: '' });
  log(LogLevel.Always, 'now heard');
  expect(s.records.map((r) => r.msg)).toEqual(['now heard']);
});

test('categories gate scopes; D_FULLDEBUG and :2 raise them to trace', () => {
  const s = sink();
  enableLogging({ destination: s, categories: 'D_SECURITY D_NETWORK:2' });
  log(LogLevel.Security, 'sec debug');
  log(LogLevel.Security | LogLevel.FullDebug, 'sec verbose (dropped)');
  log(LogLevel.Network | LogLevel.FullDebug, 'net verbose');
  log(LogLevel.Config, 'config (dropped)');
  log(LogLevel.Error, 'an error');
  expect(s.records.map((r) => [r.scope, r.msg])).toEqual([
    ['security', 'sec debug'],
    ['network', 'net verbose'],
    ['error', 'an error'],
  ]);
  expect(s.records[0]!.level).toBe(20);
  expect(s.records[1]!.level).toBe(10);
});

test('scope loggers created before enabling follow later changes', () => {
  const sec = logger('security');
  const s = sink();
  enableLogging({ destination: s, categories: 'D_SECURITY' });
  sec.debug('after');
  expect(s.records).toHaveLength(1);
  expect(sec.isLevelEnabled('debug')).toBe(true);
  disableLogging();
  sec.error('silenced again');
  expect(s.records).toHaveLength(1);
});

test('secrets are redacted from fields and messages', () => {
  const s = sink();
  enableLogging({ destination: s, categories: 'D_ALL' });
  const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
  logger('security').info({ token: 'abc', nested: { password: 'pw', key: 'k', ok: 1 }, deep: { a: { signature: 's' } } }, `got password=hunter2 and ${jwt}`);
  const r = s.records[0]!;
  expect(r.token).toBe('[REDACTED]');
  expect(r.nested).toEqual({ password: '[REDACTED]', key: '[REDACTED]', ok: 1 });
  expect(r.deep).toEqual({ a: { signature: '[REDACTED]' } });
  expect(r.msg).toBe('got password=[REDACTED] and [REDACTED]');
  expect(JSON.stringify(s.records)).not.toMatch(/hunter2|abc|eyJzdWI/);
});

test('enableDebug takes its categories from TOOL_DEBUG', () => {
  reloadConfig({ files: { '/etc/condor/condor_config': 'TOOL_DEBUG = D_COMMAND\n' } });
  const s = sink();
  enableDebug({ destination: s });
  logger('command').debug('cmd');
  logger('security').debug('sec (dropped)');
  expect(s.records.map((r) => r.msg)).toEqual(['cmd']);
});

test('parseDebugList and scopeOf', () => {
  expect(parseDebugList('D_ALL').base).toBe('debug');
  expect(parseDebugList('D_FULLDEBUG').base).toBe('debug');
  expect([...parseDebugList('D_SECURITY, D_FULLDEBUG').levels]).toEqual([['security', 'trace']]);
  expect(parseDebugList('garbage D_NOSUCH').levels.size).toBe(0);
  expect(scopeOf(LogLevel.Hostname | LogLevel.PID)).toBe('hostname');
  expect(redactText('token: "abc def" key=x')).toBe('token: [REDACTED] key=[REDACTED]');
});

test('invalid options are rejected', () => {
  expect(() => enableLogging({ destination: 42 } as never)).toThrow(/invalid logging options/);
});
