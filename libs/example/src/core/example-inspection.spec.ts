import type { DomainError } from '@app/common';
import { exampleLaw } from '../generate-inspection';
import { ExampleInspection } from './example-inspection';

describe('ExampleInspection', () => {
  const options = { seed: 1, captures: 1_000, subjects: 50, format: 'jsonl' as const, law: exampleLaw() };

  it('refuses nonsense sizes with a stable code', () => {
    for (const bad of [
      { captures: 0 },
      { captures: 1.5 },
      { subjects: 0 },
      { window: { from: '2021-01-01', to: '2020-01-01' } },
      { window: { from: '2013-01-01', to: '2015-01-01' } },
      { window: { from: '2021-02-30', to: '2022-01-01' } },
    ]) {
      expect(() => new ExampleInspection({ ...options, ...bad })).toThrow(
        expect.objectContaining({ code: 'EXAMPLE.BAD_OPTION' }) as DomainError,
      );
    }
  });

  it('knows the expected audit only once every capture line has been produced', () => {
    const example = new ExampleInspection(options);
    expect(() => example.expected()).toThrow(
      expect.objectContaining({ code: 'EXAMPLE.NOT_GENERATED' }) as DomainError,
    );
    const lines = [...example.captureLines()];
    const { ingest } = example.expected();
    expect(lines).toHaveLength(ingest.captures.read);
    expect(ingest.captures.accepted).toBe(1_000);
  });

  it('writes a CSV header and one column set per line, and keeps capture times in order', () => {
    const example = new ExampleInspection({ ...options, format: 'csv' });
    const [header, ...rows] = [...example.captureLines()];
    expect(header).toBe(
      'eventId,deviceId,occurredAt,eventType,subjectRef,matchScore,masked,purpose,snapshotSha256\n',
    );
    const good = rows.filter((r) => r.startsWith('E'));
    expect(good.every((r) => r.split(',').length === 9)).toBe(true);
    const times = good.map((r) => r.split(',')[2].slice(0, 19).replace('T', ' '));
    expect([...times].sort()).toEqual(times);
  });
});
