import type { UseQueryResult } from '@tanstack/react-query';
import { Empty, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './ProblemAlert';

/**
 * The designed states of a query: a skeleton while loading, the problem (with retry) on error, an explained empty
 * state, or the content.
 */
export function QueryState<T>({
  query,
  empty,
  isEmpty,
  compact = false,
  children,
}: {
  query: UseQueryResult<T>;
  /** What to say when there is nothing (defaults to the common "nothing here yet"). */
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  /** A small empty state, for a card that is usually empty and should not push the page's content down. */
  compact?: boolean;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Skeleton active aria-busy="true" aria-label={t('state.loading')} />;
  if (query.isError) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) {
    return (
      <Empty
        image={compact ? Empty.PRESENTED_IMAGE_SIMPLE : undefined}
        style={compact ? { margin: '8px 0' } : undefined}
        description={empty ?? t('state.empty')}
      />
    );
  }
  return <>{children(query.data)}</>;
}
