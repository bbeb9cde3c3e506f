import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Area, CartesianGrid, ComposedChart, Line, ReferenceArea, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis,
} from 'recharts';
import { api, hasRole } from '../api.js';
import { subscribe } from '../live.js';
import { Card, Empty, ErrorNote, Loading, OnlineDot, SeverityBadge, StatusBadge, useLoad, useTick } from '../components.jsx';
import { fmtAgo, fmtDateTime, fmtNumber, fmtTime, toLocalInput } from '../format.js';

const RANGES = [
  { key: 'live', label: 'Live (10 min)', ms: 10 * 60 * 1000 },
  { key: '1h', label: '1 h', ms: 3600 * 1000 },
  { key: '6h', label: '6 h', ms: 6 * 3600 * 1000 },
  { key: '24h', label: '24 h', ms: 24 * 3600 * 1000 },
  { key: '7d', label: '7 days', ms: 7 * 24 * 3600 * 1000 },
  { key: 'custom', label: 'Custom' },
];
const LIVE_MAX_POINTS = 1200;

function toPoint(p) {
  return { t: Date.parse(p.ts), values: p.values ?? {}, min: p.min, max: p.max };
}

const ChannelChart = memo(function ChannelChart({ channel, unit, points, anomalies, band, live }) {
  // one data array: readings carry v (and the bucket's min/max range), anomalies carry a; lines skip the gaps
  const { data, readings, marks } = useMemo(() => {
    const rs = points.filter((p) => p.values[channel] != null).map((p) => ({
      t: p.t,
      v: p.values[channel],
      range: p.min?.[channel] != null && p.max?.[channel] != null ? [p.min[channel], p.max[channel]] : undefined,
    }));
    const first = rs[0]?.t ?? Infinity;
    // a mark sits on the line: at the reading nearest the anomaly (a multivariate or missing-data verdict carries
    // another channel's value or none), or at the anomaly's own value for a bucketed history
    const nearest = (t) => {
      let lo = 0;
      let hi = rs.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (rs[mid].t < t) lo = mid + 1; else hi = mid;
      }
      const cands = [rs[lo - 1], rs[lo]].filter(Boolean);
      return cands.sort((x, y) => Math.abs(x.t - t) - Math.abs(y.t - t))[0];
    };
    const ms = anomalies.filter((a) => a.channel === channel || a.channels?.includes(channel))
      .map((a) => {
        const t = Date.parse(a.ts);
        const own = a.channel === channel && a.type !== 'MISSING' && a.value != null;
        const near = nearest(t);
        const onLine = near && Math.abs(near.t - t) <= 90_000 && !near.range ? near.v : undefined;
        return { t, a: own ? a.value : onLine };
      })
      .filter((a) => a.t >= first && a.a != null);
    return { data: [...rs, ...ms].sort((x, y) => x.t - y.t), readings: rs.length, marks: ms.length };
  }, [points, anomalies, channel]);
  const hasRange = data.some((d) => d.range);
  const last = [...data].reverse().find((d) => d.v != null)?.v;
  return (
    <Card className="chart-card" title={<>{channel} <span className="muted small">{unit}</span></>}
      actions={<span className="chart-value">{fmtNumber(last)} <small>{unit}</small></span>}
      data-testid="channel-chart" data-channel={channel} data-points={readings} data-anomalies={marks}>
      {readings === 0 ? <Empty>No readings in this range.</Empty> : (
        <div className="chart-box">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
              <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
              <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={(t) => fmtTime(t)}
                stroke="var(--muted)" fontSize={11} minTickGap={48} />
              <YAxis domain={['auto', 'auto']} stroke="var(--muted)" fontSize={11} width={52} tickFormatter={(v) => fmtNumber(v)} />
              {band && <ReferenceArea y1={band.low} y2={band.high} fill="var(--band)" fillOpacity={0.08} stroke="var(--band)" strokeOpacity={0.35} strokeDasharray="4 4"
                ifOverflow="extendDomain" label={{ value: 'expected', position: 'insideTopRight', fill: 'var(--muted)', fontSize: 10 }} />}
              {hasRange && <Area dataKey="range" stroke="none" fill="var(--accent)" fillOpacity={0.14} connectNulls isAnimationActive={false} name="min – max" />}
              <Line dataKey="v" stroke="var(--accent)" strokeWidth={1.8} dot={false} connectNulls isAnimationActive={false} name={channel} />
              <Scatter dataKey="a" fill="var(--bad)" isAnimationActive={false} name="anomaly" />
              <Tooltip labelFormatter={(t) => fmtDateTime(t)} formatter={(v, n) => [Array.isArray(v) ? `${fmtNumber(v[0])} – ${fmtNumber(v[1])}` : fmtNumber(v), n]}
                contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)' }} />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
      <div className="chart-foot muted small">
        {live ? 'live' : 'history'} · {readings} points
        {band && <> · <span className="band-key" /> expected {band.low == null ? `≤ ${fmtNumber(band.high)}` : band.high == null ? `≥ ${fmtNumber(band.low)}` : `${fmtNumber(band.low)} – ${fmtNumber(band.high)}`} {unit}</>}
        {marks > 0 && <> · <span className="bad-text">● {marks} anomal{marks > 1 ? 'ies' : 'y'}</span></>}
      </div>
    </Card>
  );
});

export default function DevicePage() {
  useTick(5000);
  const { id } = useParams();
  const [range, setRange] = useState('live');
  const [custom, setCustom] = useState({ from: toLocalInput(Date.now() - 3600_000), to: toLocalInput(Date.now()) });
  const [points, setPoints] = useState(null);
  const [anomalies, setAnomalies] = useState([]);
  const [latest, setLatest] = useState({});
  const [error, setError] = useState(null);
  const deviceLoad = useLoad(() => api.get(`/api/v1/devices/${encodeURIComponent(id)}`), [id]);
  const alarmsLoad = useLoad(() => api.get('/api/v1/alarms', { deviceId: id, active: true }), [id]);
  const [device, setDevice] = useState(null);
  useEffect(() => setDevice(deviceLoad.data), [deviceLoad.data]);
  const live = range === 'live';

  const window_ = useMemo(() => {
    if (range === 'custom') return { from: new Date(custom.from).toISOString(), to: new Date(custom.to).toISOString() };
    const r = RANGES.find((x) => x.key === range);
    return { from: new Date(Date.now() - r.ms).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [range, custom.from, custom.to]);

  // history of the chosen range (and, live, the start the live points are appended to)
  useEffect(() => {
    let alive = true;
    setPoints(null);
    setError(null);
    Promise.all([
      api.get(`/api/v1/devices/${encodeURIComponent(id)}/series`, { ...window_, maxPoints: live ? 800 : 600 }),
      api.get('/api/v1/anomalies', { deviceId: id, from: window_.from, to: window_.to, size: 500 }).catch(() => []),
    ]).then(([series, anoms]) => {
      if (!alive) return;
      setPoints((prev) => {
        const loaded = series.map(toPoint);
        const lastT = loaded.at(-1)?.t ?? 0;
        return [...loaded, ...(prev ?? []).filter((p) => p.t > lastT)];
      });
      setAnomalies(Array.isArray(anoms) ? anoms : anoms?.items ?? []);
    }).catch((e) => alive && (setError(e), setPoints([])));
    return () => {
      alive = false;
    };
  }, [id, window_, live]);

  useEffect(() => {
    api.get('/api/v1/data/latest', { deviceId: id })
      .then((vs) => setLatest(Object.fromEntries(vs.map((v) => [v.channel, v])))).catch(() => {});
  }, [id]);

  // live: readings append points (in batches, once a second, so that the charts redraw at a steady pace),
  // refresh latest values; anomalies add marks; alarm changes reload the alarms
  // expected band per channel: the latest anomaly's expected range, else the alarm limits of the device's channel
  const bands = useMemo(() => {
    const out = {};
    (device?.channels ?? []).forEach((ch) => {
      const a = anomalies.find((x) => x.channel === ch.name && x.expectedLow != null && x.expectedHigh != null);
      if (a) out[ch.name] = { low: a.expectedLow, high: a.expectedHigh };
      else if (ch.alarmLow != null || ch.alarmHigh != null) out[ch.name] = { low: ch.alarmLow ?? undefined, high: ch.alarmHigh ?? undefined };
    });
    return out;
  }, [anomalies, device?.channels]);

  const pending = useRef([]);
  useEffect(() => {
    pending.current = [];
    const flush = setInterval(() => {
      const batch = pending.current;
      if (!batch.length) return;
      pending.current = [];
      setPoints((ps) => {
        if (!ps) return ps;
        const lastT = ps.at(-1)?.t ?? 0;
        const fresh = batch.filter((p) => p.t > lastT);
        return fresh.length ? [...ps, ...fresh].slice(-LIVE_MAX_POINTS) : ps;
      });
    }, 1000);
    const off = subscribe((e) => {
      if (e.type === 'reading') {
        const r = e.data;
        setLatest((l) => {
          const next = { ...l };
          Object.entries(r.values ?? {}).forEach(([ch, v]) => (next[ch] = { channel: ch, value: v, ts: r.ts }));
          return next;
        });
        setDevice((d) => d && { ...d, online: true, lastSeen: r.ts });
        if (live) {
          const merged = r.samples > 1;
          pending.current.push({ t: Date.parse(r.ts), values: r.values ?? {}, min: merged ? r.min : undefined, max: merged ? r.max : undefined });
        }
      } else if (e.type === 'anomaly') {
        setAnomalies((as) => (as.some((a) => a.id === e.data.id) ? as : [e.data, ...as]));
      } else if (e.type === 'alarm') {
        alarmsLoad.reload();
      } else if (e.type === 'status') {
        setDevice((d) => d && { ...d, online: e.data.online });
      }
    }, (e) => e.deviceId === id);
    return () => {
      off();
      clearInterval(flush);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, live]);

  if (deviceLoad.loading && !device) return <Loading label="Loading device…" />;
  if (deviceLoad.error) return <div className="page"><ErrorNote error={deviceLoad.error} /><Link to="/">← Back to the overview</Link></div>;
  if (!device) return null;

  const channels = device.channels?.length ? device.channels : Object.keys(latest).map((name) => ({ name }));


  return (
    <div className="page">
      <div className="page-head">
        <Link to="/" className="muted">← Overview</Link>
        <h1><OnlineDot online={device.online} /> {device.name || device.id}</h1>
        <span className="muted">{device.id} · {device.site ?? 'no site'} / {device.line ?? 'no line'} · {device.protocol} · {device.online === false ? 'offline' : 'online'}, last seen {fmtAgo(device.lastSeen)}</span>
      </div>
      <div className="latest-grid" data-testid="latest-values">
        {channels.map((ch) => (
          <div key={ch.name} className="latest">
            <span>{ch.name}</span>
            <strong>{fmtNumber(latest[ch.name]?.value)} <small>{ch.unit ?? ''}</small></strong>
            <span className="muted small">{latest[ch.name] ? fmtTime(latest[ch.name].ts) : 'no value yet'}</span>
          </div>
        ))}
      </div>
      {alarmsLoad.data?.length > 0 && (
        <Card title="Active alarms">
          <ul className="plain-list">
            {alarmsLoad.data.map((a) => (
              <li key={a.id}><SeverityBadge severity={a.severity} /> <StatusBadge status={a.status} /> <Link to={`/alarms/${encodeURIComponent(a.id)}`}>{a.channel}: {a.message ?? a.type}</Link> <span className="muted small">{fmtAgo(a.lastSeen)}</span></li>
            ))}
          </ul>
        </Card>
      )}
      <div className="toolbar" role="group" aria-label="Time range">
        {RANGES.map((r) => (
          <button key={r.key} className={range === r.key ? 'seg active' : 'seg'} onClick={() => setRange(r.key)} data-range={r.key}>{r.label}</button>
        ))}
        {range === 'custom' && (
          <span className="custom-range">
            <input type="datetime-local" value={custom.from} onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))} aria-label="From" />
            <span>→</span>
            <input type="datetime-local" value={custom.to} onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))} aria-label="To" />
          </span>
        )}
      </div>
      <ErrorNote error={error} />
      {points === null ? <Loading label="Loading readings…" /> : (
        <div className="chart-grid">
          {channels.map((ch) => (
            <ChannelChart key={ch.name} channel={ch.name} unit={ch.unit ?? ''} points={points} anomalies={anomalies} band={bands[ch.name]} live={live} />
          ))}
        </div>
      )}
      <Card title="Anomalies in this range">
        {anomalies.length === 0 ? <Empty>No anomalies in this range.</Empty> : (
          <table className="table">
            <thead><tr><th>Time</th><th>Channel</th><th>Severity</th><th>Type</th><th>Value</th><th>Expected</th><th>What happened</th></tr></thead>
            <tbody>
              {anomalies.slice(0, 50).map((a) => (
                <tr key={a.id}>
                  <td>{fmtDateTime(a.ts)}</td><td>{a.channel}</td><td><SeverityBadge severity={a.severity} /></td><td>{a.type}</td>
                  <td>{fmtNumber(a.value)}</td><td>{a.expectedLow != null ? `${fmtNumber(a.expectedLow)} – ${fmtNumber(a.expectedHigh)}` : '–'}</td><td>{a.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {hasRole('admin', 'operator') && <p className="muted small">Operators act on alarms on the <Link to="/alarms">Alarms</Link> page.</p>}
    </div>
  );
}
