import { decodeCursor, encodeCursor, pageOf } from './pagination';

describe('cursors', () => {
  it('round-trip the last key read, opaque to clients', () => {
    expect(decodeCursor(encodeCursor('1234'), 'string')).toBe('1234');
    expect(decodeCursor(encodeCursor(17), 'number')).toBe(17);
    expect(encodeCursor('1234')).not.toContain('1234');
    expect(decodeCursor(undefined, 'string')).toBeNull();
  });

  it('refuse a cursor this API did not issue with a 422 naming the cursor', () => {
    for (const bad of ['garbage', encodeCursor(17), Buffer.from('{"x":1}').toString('base64url')]) {
      expect(() => decodeCursor(bad, 'string')).toThrow('cursor: cursor is not one this API issued');
    }
    let caught: unknown = null;
    try {
      decodeCursor('garbage', 'number');
    } catch (e) {
      caught = e;
    }
    expect((caught as { errors?: unknown } | null)?.errors).toEqual([
      { field: 'cursor', message: 'cursor is not one this API issued' },
    ]);
  });
});

describe('pageOf', () => {
  const rows = [{ id: '1' }, { id: '2' }, { id: '3' }];
  it('returns `limit` items and a cursor after the last one when a further row was read', () => {
    const page = pageOf(
      rows,
      2,
      (r) => r.id,
      (r) => r.id,
    );
    expect(page.items).toEqual(['1', '2']);
    expect(decodeCursor(page.nextCursor!, 'string')).toBe('2');
  });
  it('returns no cursor on the last page', () => {
    expect(
      pageOf(
        rows,
        3,
        (r) => r.id,
        (r) => r.id,
      ),
    ).toEqual({ items: ['1', '2', '3'], nextCursor: null });
  });
});
