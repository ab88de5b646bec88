// Analytics is loaded when first opened: the chart library is a separate chunk, kept out of the
// lead grid's first paint.
import { lazy, Suspense } from 'react';
import { navScreen } from '../screen';

const AnalyticsScreen = lazy(() => import('./AnalyticsScreen'));

function LazyAnalytics() {
  return (
    <Suspense fallback={<p className="screen-message">Loading analytics…</p>}>
      <AnalyticsScreen />
    </Suspense>
  );
}

export const analyticsScreen = navScreen('Analytics', 'a', LazyAnalytics);
