import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { PageTitle } from '../common/PageTitle';
import { RunsTable, type RunFilters } from './RunsTable';
import { RUN_STATES, type RunState } from './schedule-labels';
import { SchedulesTable } from './SchedulesTable';

/**
 * Job history: the bureau's schedules (GET /api/schedules) and their runs (GET /api/schedules/runs), the runs
 * filtered by job and state in the URL (`?schedule=&state=`) so a list can be shared.
 */
export default function SchedulesPage() {
  const { t } = useTranslation('schedules');
  const [params, setParams] = useSearchParams();
  const schedules = useQuery({
    queryKey: ['schedules'],
    queryFn: () => unwrap(api.GET('/api/schedules')),
  });

  const state = params.get('state');
  const filters: RunFilters = {
    schedule: params.get('schedule')?.trim() || undefined,
    state: RUN_STATES.includes(state as RunState) ? (state as RunState) : undefined,
  };
  const setFilters = (next: RunFilters) => {
    const p = new URLSearchParams();
    if (next.schedule) p.set('schedule', next.schedule);
    if (next.state) p.set('state', next.state);
    setParams(p);
  };

  return (
    <>
      <PageTitle title={t('title')} sub={t('sub')} />
      <SchedulesTable query={schedules} />
      <RunsTable
        // A new filter starts again at the first page: the runs' keyset pages live in this component.
        key={`${filters.schedule ?? ''}\u0000${filters.state ?? ''}`}
        filters={filters}
        schedules={schedules.data ?? []}
        onFilter={setFilters}
      />
    </>
  );
}
