import { QueryClient } from '@tanstack/react-query';
import { ApiProblem } from '../api/client';

/** The one cache of server state. A refusal (4xx) is an answer, not a flake: it is not retried. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      retry: (count, err) =>
        !(err instanceof ApiProblem && err.status >= 400 && err.status < 500) && count < 2,
    },
    mutations: { retry: false },
  },
});
