import { createHash } from 'node:crypto';
import type { CollectionWindow } from './collection-window';

/**
 * The searchID of one paging pass, derived from the endpoint, the window and the pass number, in UUID form.
 * Derived, not random: a window asked again with nothing changed returns the same bytes, which are then the
 * same batch, so a re-run adds not even a batch row.
 */
export function searchIdOf(endpointId: string, w: CollectionWindow, pass: number): string {
  const h = createHash('sha256')
    .update(`acs-search\0${endpointId}\0${w.start.toISOString()}\0${w.end.toISOString()}\0${pass}`)
    .digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
