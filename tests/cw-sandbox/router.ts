// Matching an API path to a route. Paths are case-insensitive (CW runs on IIS); ids are integers.
// Generic over the route type so the Autotask sandbox shares it.
import type { Route } from './context.ts';

interface RouteLike {
  method: string;
  pattern: string;
}

interface Compiled<R extends RouteLike> {
  route: R;
  regex: RegExp;
  names: string[];
  literals: number;
}

export type Match<R extends RouteLike = Route> =
  | { kind: 'route'; route: R; params: Record<string, string> }
  | { kind: 'method-not-allowed' }
  | { kind: 'none' };

export function createRouter<R extends RouteLike = Route>(
  routes: R[],
): (method: string, path: string) => Match<R> {
  const compiled: Compiled<R>[] = routes.map((route) => {
    const names: string[] = [];
    const segments = route.pattern.split('/').filter(Boolean);
    const source = segments
      .map((s) => {
        if (s.startsWith(':')) {
          names.push(s.slice(1));
          return '(-?\\d+)';
        }
        return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    return {
      route,
      regex: new RegExp(`^/${source}/?$`, 'i'),
      names,
      literals: segments.length - names.length,
    };
  });
  compiled.sort((a, b) => b.literals - a.literals);
  return (method, path) => {
    let pathMatched = false;
    for (const c of compiled) {
      const m = c.regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (c.route.method !== method.toUpperCase()) continue;
      const params: Record<string, string> = {};
      c.names.forEach((n, i) => {
        params[n] = m[i + 1] as string;
      });
      return { kind: 'route', route: c.route, params };
    }
    return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'none' };
  };
}
