// Hash routing: #/path?query. Deep links survive a reload because the server only ever serves index.html at /.

export interface Route { path: string; params: URLSearchParams }

export function currentRoute(): Route {
  const hash = location.hash.replace(/^#/, '') || '/';
  const q = hash.indexOf('?');
  return q < 0 ? { path: hash, params: new URLSearchParams() }
    : { path: hash.substring(0, q), params: new URLSearchParams(hash.substring(q + 1)) };
}

export function href(path: string, params?: Record<string, string | number | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== null && value !== undefined && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

export function navigate(path: string, params?: Record<string, string | number | null | undefined>, replace = false): void {
  const target = href(path, params);
  if (replace) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  window.dispatchEvent(new Event('ls-route'));
}

export function onRouteChange(listener: () => void): void {
  window.addEventListener('hashchange', listener);
  window.addEventListener('popstate', listener);
  window.addEventListener('ls-route', listener);
}
