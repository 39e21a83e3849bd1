import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { Skeleton } from 'antd';
import { RequireSession } from '../auth/RequireSession';
import { SignInPage } from '../auth/SignInPage';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';

/** Each page is its own chunk, loaded when first opened. */
function page(load: () => Promise<{ default: ComponentType }>): RouteObject['element'] {
  const Page = lazy(load);
  return (
    <Suspense fallback={<Skeleton active />}>
      <Page />
    </Suspense>
  );
}

/** The portal's pages (docs/portal.md). */
export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <Navigate to="/work" replace /> },
      { path: 'work', element: page(() => import('../work/MyWorkPage')) },
      { path: 'dashboard', element: page(() => import('../dashboard/DashboardPage')) },
      { path: 'firms', element: page(() => import('../firms/FirmListPage')) },
      { path: 'firms/:creditCode', element: page(() => import('../firms/FirmPage')) },
      { path: 'inspections/new', element: page(() => import('../inspections/NewInspectionPage')) },
      { path: 'inspections/:id', element: page(() => import('../inspections/InspectionPage')) },
      { path: 'findings', element: page(() => import('../findings/FindingsPage')) },
      { path: 'findings/:id', element: page(() => import('../findings/FindingPage')) },
      { path: 'cases', element: page(() => import('../cases/CaseListPage')) },
      { path: 'cases/:id', element: page(() => import('../cases/CasePage')) },
      { path: 'evaluations', element: page(() => import('../evaluations/EvaluationsPage')) },
      { path: 'audit-log', element: page(() => import('../audit-log/AuditLogPage')) },
      { path: 'schedules', element: page(() => import('../schedules/SchedulesPage')) },
      { path: 'admin', element: page(() => import('../admin/AdminPage')) },
      { path: 'account', element: page(() => import('../auth/AccountPage')) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
