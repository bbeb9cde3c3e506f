// The one HTTP client of the dashboard. The session (access + refresh token) lives only in memory: a reload asks
// for the password again, and nothing is left in localStorage for another script to read.

let session = null;
let refreshing = null;
let refreshTimer = null;
const listeners = new Set();

/** An API failure with a sentence for people (the API's ApiError `message`, else one made from the status). */
export class ApiError extends Error {
  constructor(status, message, fields = []) {
    super(message);
    this.status = status;
    this.fields = fields;
  }
}

export function currentSession() {
  return session;
}

export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setSession(next) {
  session = next;
  clearTimeout(refreshTimer);
  if (next?.expiresIn) {
    // renew a minute before the access token runs out (at least every 10 s, for very short lifetimes)
    const inMs = Math.max(10_000, (next.expiresIn - 60) * 1000);
    refreshTimer = setTimeout(() => refreshSession().catch(() => {}), inMs);
  }
  listeners.forEach((l) => l(next));
}

export function hasRole(...roles) {
  const mine = session?.user?.roles ?? [];
  return roles.some((r) => mine.includes(r));
}

export async function login(loginName, password) {
  const s = await request('/api/v1/auth/login', { method: 'POST', body: { login: loginName, password }, anonymous: true });
  setSession(s);
  return s;
}

export async function logout() {
  const refreshToken = session?.refreshToken;
  setSession(null);
  if (refreshToken) {
    await request('/api/v1/auth/logout', { method: 'POST', body: { refreshToken }, anonymous: true }).catch(() => {});
  }
}

/** Exchanges the refresh token for a new pair; concurrent callers share one exchange. */
export function refreshSession() {
  if (!session?.refreshToken) {
    return Promise.reject(new ApiError(401, 'Your session has ended. Please sign in again.'));
  }
  if (!refreshing) {
    const refreshToken = session.refreshToken;
    refreshing = request('/api/v1/auth/refresh', { method: 'POST', body: { refreshToken }, anonymous: true })
      .then((s) => {
        setSession(s);
        return s;
      })
      .catch((e) => {
        setSession(null);
        throw new ApiError(401, 'Your session has ended. Please sign in again.');
      })
      .finally(() => {
        refreshing = null;
      });
  }
  return refreshing;
}

export function buildUrl(path, query) {
  const params = new URLSearchParams();
  Object.entries(query ?? {}).forEach(([k, v]) => {
    if (v === undefined || v === null || v === '') return;
    (Array.isArray(v) ? v : [v]).forEach((one) => params.append(k, String(one)));
  });
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}

function statusSentence(status, retryAfter) {
  switch (status) {
    case 400: return 'The request was not accepted. Check the fields and try again.';
    case 401: return 'Your session has ended. Please sign in again.';
    case 403: return 'Your role does not allow this action.';
    case 404: return 'Not found.';
    case 409: return 'Someone changed this in the meantime. Reload and try again.';
    case 413: return 'That is too large for the server.';
    case 429: return `Too many requests. Try again in ${retryAfter || 'a few'} seconds.`;
    case 502: case 503: case 504: return 'A PlantWatch service is not answering right now. Try again shortly.';
    default: return `The server could not do this (HTTP ${status}).`;
  }
}

async function failure(res) {
  let body = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: keep the sentence made from the status
  }
  const fields = body?.fields ?? [];
  let message = body?.message || statusSentence(res.status, res.headers.get('Retry-After'));
  if (fields.length) {
    message += ': ' + fields.map((f) => `${f.field} ${f.message}`).join('; ');
  }
  return new ApiError(res.status, message, fields);
}

/**
 * Calls the API: JSON in and out, bearer token added, one refresh-and-retry on 401.
 * `raw: true` returns the Response (downloads); `query` values may be arrays (repeated parameters).
 */
export async function request(path, { method = 'GET', body, query, raw = false, anonymous = false, retried = false } = {}) {
  const headers = { Accept: raw ? '*/*' : 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (!anonymous && session?.accessToken) headers.Authorization = `Bearer ${session.accessToken}`;
  let res;
  try {
    res = await fetch(buildUrl(path, query), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'Cannot reach the PlantWatch gateway. Check the network and try again.');
  }
  if (res.status === 401 && !anonymous && !retried && session?.refreshToken) {
    await refreshSession();
    return request(path, { method, body, query, raw, anonymous, retried: true });
  }
  if (!res.ok) throw await failure(res);
  if (raw) return res;
  if (res.status === 204) return null;
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

export const api = {
  get: (path, query) => request(path, { query }),
  post: (path, body, query) => request(path, { method: 'POST', body: body ?? {}, query }),
  put: (path, body) => request(path, { method: 'PUT', body }),
  del: (path) => request(path, { method: 'DELETE' }),
};

/** Fetches a file with the token and hands it to the browser as a download; returns the file name. */
export async function download(path, query, fallbackName) {
  const res = await request(path, { query, raw: true });
  const disposition = res.headers.get('Content-Disposition') || '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1]) : fallbackName;
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { name, size: blob.size };
}
