// The codec on bytes recorded from the real pool (fixtures/wire, scripts/record-wire-fixtures.mjs): the real
// Collector and Schedd code paths run over a transport that replays the recorded reply, whole, split at every offset
// and byte by byte; the requests they write must be the recorded ones, and the ads they decode the ones HTCondor's
// own tools listed at the time of recording.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ClassAd } from '@htcondor-ts/classad';
import { Collector } from '@htcondor-ts/collector';
import { AdTypes, concatBytes, fromHex, toHex, type Transport, type TransportFactory } from '@htcondor-ts/core';
import { Schedd } from '@htcondor-ts/schedd';

interface Fixture {
  note: string;
  address: string;
  oracle: { MyType?: string; Name?: string; ClusterId?: number; ProcId?: number }[];
  frames: { direction: 'sent' | 'received'; hex: string }[];
}

const dir = join(__dirname, '..', '..', 'fixtures', 'wire');
const load = (name: string): Fixture => JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Fixture;

/** A transport that answers with `chunks` and records what is written. */
function replay(chunks: Uint8Array[], written: Uint8Array[]): TransportFactory {
  return {
    connect: async () => {
      const queue = [...chunks];
      const t: Transport = {
        peer: 'replay',
        read: async () => queue.shift() ?? null,
        write: async (d) => {
          written.push(d.slice());
        },
        close: () => {
          queue.length = 0;
        },
      };
      return t;
    },
  };
}

/** The bytes whole, split in two at every offset (step 1), and one byte at a time. */
function splits(bytes: Uint8Array, step: number): Uint8Array[][] {
  const out: Uint8Array[][] = [[bytes]];
  for (let cut = 1; cut < bytes.length; cut += step) out.push([bytes.subarray(0, cut), bytes.subarray(cut)]);
  const single: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i++) single.push(bytes.subarray(i, i + 1));
  out.push(single);
  return out;
}

type Run = (transport: TransportFactory, address: string) => Promise<ClassAd[]>;

function check(name: string, run: Run, identity: (ad: ClassAd) => Record<string, unknown>, step: number): void {
  const fx = load(name);
  const received = concatBytes(fx.frames.filter((f) => f.direction === 'received').map((f) => fromHex(f.hex)));
  const sent = fx.frames.filter((f) => f.direction === 'sent').map((f) => f.hex).join('');

  test(`${name}: decodes to the ads HTCondor listed, whatever the chunking`, async () => {
    let reference: string | undefined;
    for (const chunks of splits(received, step)) {
      const written: Uint8Array[] = [];
      const ads = await run(replay(chunks, written), fx.address);
      expect(toHex(concatBytes(written))).toBe(sent);
      const printed = ads.map((a) => a.printJson(true)).join('\n');
      reference ??= printed;
      expect(printed).toBe(reference);
      const key = (r: Record<string, unknown>): string => JSON.stringify(r);
      const ours = ads.map(identity).map(key).sort();
      const theirs = fx.oracle.map((o) => identity({ get: (k: string) => (o as Record<string, unknown>)[k] } as unknown as ClassAd)).map(key).sort();
      expect(ours).toEqual(theirs);
    }
  });
}

const byName = (ad: ClassAd): Record<string, unknown> => ({ MyType: String(ad.get('MyType')), Name: String(ad.get('Name')) });
const byJob = (ad: ClassAd): Record<string, unknown> => ({ job: `${String(ad.get('ClusterId'))}.${String(ad.get('ProcId'))}` });

describe('recorded CEDAR conversations', () => {
  test('every fixture has a note, frames both ways and an oracle', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const fx = load(f.replace(/\.json$/, ''));
      expect(fx.note.length).toBeGreaterThan(20);
      expect(fx.frames.some((x) => x.direction === 'sent') && fx.frames.some((x) => x.direction === 'received')).toBe(true);
      expect(fx.oracle.length).toBeGreaterThan(0);
    }
  });
  check('collector-query-startd', (transport, address) => new Collector(address, { transport }).query(AdTypes.Startd), byName, 1);
  check('collector-query-any-projection', (transport, address) => new Collector(address, { transport }).query(AdTypes.Any, '', ['MyType', 'Name', 'MyAddress']), byName, 1);
  const jobs = load('schedd-query-jobs');
  const cluster = jobs.oracle[0]!.ClusterId!;
  check(
    'schedd-query-jobs',
    (transport, address) => new Schedd(address, { transport }).query(`ClusterId == ${cluster}`),
    byJob,
    1,
  );
});
