import { Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from './session';

/** Signed-in pages: without a session, to the sign-in page, coming back here afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { principal, loading } = useSession();
  const location = useLocation();
  if (loading) return <Skeleton active style={{ padding: 24 }} />;
  if (!principal) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  return <>{children}</>;
}
