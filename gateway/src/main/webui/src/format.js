// Numbers and times for people.

export function fmtNumber(v, digits) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  const abs = Math.abs(v);
  const d = digits ?? (abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 3);
  return Number(v).toLocaleString(undefined, { minimumFractionDigits: d, maximumFractionDigits: d });
}

export function fmtTime(ts) {
  if (!ts) return '–';
  const d = new Date(ts);
  return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

export function fmtDateTime(ts) {
  if (!ts) return '–';
  const d = new Date(ts);
  return d.toLocaleString(undefined, { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

export function fmtAgo(ts, now = Date.now()) {
  if (!ts) return 'never';
  const s = Math.round((now - new Date(ts).getTime()) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

/** Value for an <input type="datetime-local"> in local time. */
export function toLocalInput(date) {
  const d = new Date(date);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export const SEVERITIES = ['INFO', 'WARNING', 'MINOR', 'MAJOR', 'CRITICAL'];

export const STATUS_LABEL = {
  ACTIVE_UNACK: 'Active · new',
  ACTIVE_ACK: 'Active · acknowledged',
  CLEARED_UNACK: 'Cleared · not acknowledged',
  CLEARED_ACK: 'Cleared',
};

export function isActive(status) {
  return status === 'ACTIVE_UNACK' || status === 'ACTIVE_ACK';
}

export function isAcknowledged(status) {
  return status === 'ACTIVE_ACK' || status === 'CLEARED_ACK';
}
