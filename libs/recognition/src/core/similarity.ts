import { DomainError } from '@app/common';
import { RECOGNITION_ERRORS } from './recognition.errors';

/**
 * Cosine similarity of two embeddings, in [−1, 1]; higher means more alike. Accumulates in float64 so the
 * same vectors always give the same score whatever their length.
 */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) {
    throw new DomainError(
      RECOGNITION_ERRORS.BAD_ARGUMENT,
      `embeddings differ in length (${a.length} vs ${b.length})`,
    );
  }
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  if (na === 0 || nb === 0) return 0;
  return dot / Math.sqrt(na * nb);
}
