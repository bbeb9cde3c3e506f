import { useEffect, useState } from 'react';
import { Line, LineChart, ResponsiveContainer, YAxis } from 'recharts';
import { STATUS_LABEL } from './format.js';

export function Card({ title, actions, children, className = '', ...rest }) {
  return (
    <section className={`card ${className}`} {...rest}>
      {(title || actions) && (
        <header className="card-head">
          {title && <h2>{title}</h2>}
          {actions && <div className="card-actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}

export function ErrorNote({ error, onClose }) {
  if (!error) return null;
  return (
    <div className="note note-error" role="alert">
      <span>{error.message ?? String(error)}</span>
      {onClose && <button className="link" onClick={onClose} aria-label="Dismiss">✕</button>}
    </div>
  );
}

export function InfoNote({ children }) {
  return <div className="note note-info">{children}</div>;
}

export function Loading({ label = 'Loading…' }) {
  return <div className="loading"><span className="spinner" aria-hidden="true" />{label}</div>;
}

export function Empty({ children }) {
  return <div className="empty">{children}</div>;
}

export function SeverityBadge({ severity }) {
  return <span className={`badge sev-${(severity || 'info').toLowerCase()}`}>{severity ?? '–'}</span>;
}

export function StatusBadge({ status }) {
  return <span className={`badge st-${(status || '').toLowerCase()}`} data-status={status}>{STATUS_LABEL[status] ?? status}</span>;
}

export function OnlineDot({ online }) {
  const cls = online === true ? 'online' : online === false ? 'offline' : 'unknown';
  const label = online === true ? 'online' : online === false ? 'offline' : 'no status yet';
  return <span className={`dot ${cls}`} title={label} aria-label={label} data-online={String(online)} />;
}

export function Sparkline({ points, color = 'var(--accent)', height = 34 }) {
  if (!points || points.length < 2) return <div className="spark-empty" style={{ height }}>no data yet</div>;
  return (
    <div style={{ height }} className="spark" data-points={points.length}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
          <YAxis hide domain={['auto', 'auto']} />
          <Line type="monotone" dataKey="v" stroke={color} strokeWidth={1.6} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Re-renders every `ms` so that "x s ago" labels stay true. */
export function useTick(ms = 5000) {
  const [, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(t);
  }, [ms]);
}

/** Loads data with an async function; returns {data, error, loading, reload, setData}. */
export function useLoad(fn, deps) {
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const [loading, setLoading] = useState(true);
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let alive = true;
    setLoading(true);
    fn()
      .then((d) => alive && (setData(d), setError(null)))
      .catch((e) => alive && setError(e))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, nonce]);
  return { data, error, loading, reload: () => setNonce((n) => n + 1), setData };
}
