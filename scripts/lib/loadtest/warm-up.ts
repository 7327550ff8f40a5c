import type { SignedInUser } from '../signed-in-users';
import { CONTEST, type LoadPlan } from './clients';

/**
 * Before the clients start: each kind of page and API call a few times, one at a time, so that a
 * freshly started Worker has compiled its code paths; a cold isolate hit by hundreds of first
 * requests at once measures start-up, not load. `user` votes and withdraws (no net change).
 */
export async function warmUp(plan: LoadPlan, user: SignedInUser): Promise<number> {
  const product = plan.hotProducts[0] ?? 1;
  const pages = [
    '/',
    '/products',
    `/products/${product}`,
    '/contests',
    `/contests/${CONTEST}`,
    '/communities',
    '/events',
    `/companies/${plan.companyIds[0] ?? 1}`,
    `/products?q=${encodeURIComponent('智能体')}`,
  ];
  const calls: Array<[string, string, boolean]> = [
    ...pages.flatMap(
      (p): Array<[string, string, boolean]> => [
        ['GET', p, false],
        ['GET', `/en${p === '/' ? '' : p}`, true],
      ],
    ),
    ['GET', '/me', true],
    ['GET', '/api/v1/products?q=agent', false],
    ['GET', `/api/v1/products/${product}`, false],
    ['GET', '/api/v1/me/teams', true],
    ['PUT', `/api/v1/products/${product}/vote`, true],
    ['DELETE', `/api/v1/products/${product}/vote`, true],
  ];
  const started = performance.now();
  for (let round = 0; round < 3; round++) {
    for (const [method, path, signedIn] of calls) {
      const headers: Record<string, string> = { origin: plan.base };
      if (signedIn) headers.cookie = user.cookie;
      const res = await fetch(`${plan.base}${path}`, { method, headers, redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status >= 500) throw new Error(`warm-up: ${method} ${path} answered ${res.status}`);
    }
  }
  return performance.now() - started;
}
