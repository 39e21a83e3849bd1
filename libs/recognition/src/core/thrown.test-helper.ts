import { DomainError, isDomainError } from '@app/common';

/** Runs `fn` and returns the DomainError it throws (undefined when it does not throw); for specs only. */
export function thrown(fn: () => unknown): DomainError | undefined {
  try {
    fn();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  return undefined;
}
