import { safeRelativePath } from './upload-storage';

describe('safeRelativePath (client file names are never trusted as paths)', () => {
  it('keeps relative paths inside the folder, normalised', () => {
    expect(safeRelativePath('firm.json')).toBe('firm.json');
    expect(safeRelativePath('captures/day1.csv')).toBe('captures/day1.csv');
    expect(safeRelativePath('captures\\day1.csv')).toBe('captures/day1.csv');
    expect(safeRelativePath('./captures//day1.csv')).toBe('captures/day1.csv');
  });

  it('refuses absolute paths, drive letters, climbing out and empty names', () => {
    for (const bad of ['/etc/passwd', 'C:\\x.csv', '../x.csv', 'captures/../../x', '', '.', 'a\0b']) {
      expect([bad, safeRelativePath(bad)]).toEqual([bad, null]);
    }
  });
});
