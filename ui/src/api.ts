// The only way the console talks to the satellite: /api/v1, as automation does. Errors keep the server's own
// words (problem+json detail and field errors) so the page can show them next to what the user did.

export interface FieldError { field: string; message: string }

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly detail: string,
    readonly fieldErrors: FieldError[] = [],
    readonly retryAfter: string | null = null,
  ) {
    super(detail);
  }

  /** The last path segment of the problem type: `login-failed`, `csrf-token-invalid`... */
  get code(): string {
    const slash = this.type.lastIndexOf('/');
    return slash < 0 ? this.type : this.type.substring(slash + 1);
  }
}

export interface Page<T> { items: T[]; page: number; size: number; total: number }

let csrfToken: string | null = null;
const unauthorisedListeners: Array<() => void> = [];

/** Kept in memory only; after a reload the console reads it again with GET /api/v1/session. */
export function setCsrfToken(token: string | null): void { csrfToken = token; }

export function onUnauthorised(listener: () => void): void { unauthorisedListeners.push(listener); }

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

function headers(method: string, contentType?: string): Record<string, string> {
  // JSON first; files (YAML sync files, XML ACK files) are acceptable too, or the server answers 406.
  const h: Record<string, string> = { Accept: 'application/json, application/problem+json;q=0.9, */*;q=0.8' };
  if (contentType) h['Content-Type'] = contentType;
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) h['X-CSRF-Token'] = csrfToken;
  return h;
}

async function problem(response: Response): Promise<ApiError> {
  let type = `about:blank#${response.status}`;
  let detail = response.statusText || `HTTP ${response.status}`;
  let fieldErrors: FieldError[] = [];
  try {
    const body = await response.json();
    if (body && typeof body === 'object') {
      type = body.type ?? type;
      detail = body.detail ?? body.title ?? detail;
      fieldErrors = Array.isArray(body.errors) ? body.errors : [];
    }
  } catch {
    // Not JSON: keep the status line.
  }
  return new ApiError(response.status, type, detail, fieldErrors, response.headers.get('Retry-After'));
}

export interface CallOptions { query?: Query; body?: unknown; raw?: BodyInit; contentType?: string; quiet401?: boolean }

export async function call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const isJson = options.body !== undefined;
  const response = await fetch(withQuery(`/api/v1${path}`, options.query), {
    method,
    credentials: 'same-origin',
    headers: headers(method, isJson ? 'application/json' : options.contentType),
    body: isJson ? JSON.stringify(options.body) : options.raw,
  });
  if (!response.ok) {
    const error = await problem(response);
    if (response.status === 401 && !options.quiet401) unauthorisedListeners.forEach((l) => l());
    throw error;
  }
  return response;
}

export async function json<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
  const response = await call(method, path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string, query?: Query) => json<T>('GET', path, { query });
export const post = <T>(path: string, body?: unknown, query?: Query) => json<T>('POST', path, { body: body ?? undefined, query });
export const put = <T>(path: string, body: unknown) => json<T>('PUT', path, { body });
export const del = <T>(path: string) => json<T>('DELETE', path);

/** Lists not yet paged on the server come back as arrays; the console treats both as a page. */
export function asPage<T>(body: Page<T> | T[]): Page<T> {
  return Array.isArray(body) ? { items: body, page: 0, size: body.length, total: body.length } : body;
}

/** Saves a response body as a file, named by the server's Content-Disposition when it gives one. */
export async function download(response: Response, fallbackName: string): Promise<string> {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename="?([^";]+)"?/.exec(disposition);
  const name = match ? match[1] : fallbackName;
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** An upload with progress: fetch cannot report upload progress, XMLHttpRequest can. */
export function upload<T>(path: string, file: Blob, contentType: string, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    xhr.withCredentials = true;
    for (const [key, value] of Object.entries(headers('POST', contentType))) xhr.setRequestHeader(key, value);
    xhr.upload.onprogress = (event) => { if (event.lengthComputable) onProgress(event.loaded / event.total); };
    xhr.onerror = () => reject(new ApiError(0, 'about:blank#network', 'network'));
    xhr.onload = () => {
      const response = new Response(xhr.responseText || null, {
        status: xhr.status,
        headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') ?? 'application/json',
          'Retry-After': xhr.getResponseHeader('Retry-After') ?? '' },
      });
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
      } else {
        if (xhr.status === 401) unauthorisedListeners.forEach((l) => l());
        problem(response).then(reject, reject);
      }
    };
    xhr.send(file);
  });
}
