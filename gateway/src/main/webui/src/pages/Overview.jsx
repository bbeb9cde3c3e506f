import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api.js';
import { subscribe } from '../live.js';
import { Card, Empty, ErrorNote, Loading, OnlineDot, SeverityBadge, Sparkline, useLoad, useTick } from '../components.jsx';
import { fmtAgo, fmtNumber, isActive, SEVERITIES } from '../format.js';

const SPARK_WINDOW_MS = 15 * 60 * 1000;
const SPARK_MAX = 90;
const KEY_CHANNELS = 3;

function keyChannels(device) {
  return (device.channels ?? []).slice(0, KEY_CHANNELS).map((c) => c.name);
}

/** Sparkline points per device and channel: the last 15 minutes from history, then live readings appended. */
function useSparklines(devices) {
  const [lines, setLines] = useState({});
  const ids = devices?.map((d) => d.id).join(',');
  useEffect(() => {
    if (!devices) return undefined;
    let alive = true;
    const from = new Date(Date.now() - SPARK_WINDOW_MS).toISOString();
    devices.forEach((d) => {
      api.get(`/api/v1/devices/${encodeURIComponent(d.id)}/series`, { from, maxPoints: 60 })
        .then((points) => {
          if (!alive) return;
          const byChannel = {};
          keyChannels(d).forEach((ch) => {
            byChannel[ch] = points.filter((p) => p.values?.[ch] != null).map((p) => ({ t: Date.parse(p.ts), v: p.values[ch] }));
          });
          setLines((prev) => {
            const merged = { ...byChannel };
            // keep live points that arrived while the history was loading
            Object.entries(prev[d.id] ?? {}).forEach(([ch, live]) => {
              const last = merged[ch]?.at(-1)?.t ?? 0;
              merged[ch] = [...(merged[ch] ?? []), ...live.filter((p) => p.t > last)];
            });
            return { ...prev, [d.id]: merged };
          });
        })
        .catch(() => {});
    });
    const off = subscribe((e) => {
      const r = e.data;
      const t = Date.parse(r.ts ?? e.at);
      setLines((prev) => {
        const device = { ...(prev[e.deviceId] ?? {}) };
        Object.entries(r.values ?? {}).forEach(([ch, v]) => {
          const line = device[ch] ?? [];
          if (line.length && line.at(-1).t >= t) return;
          device[ch] = [...line, { t, v }].slice(-SPARK_MAX);
        });
        return { ...prev, [e.deviceId]: device };
      });
    }, (e) => e.type === 'reading');
    return () => {
      alive = false;
      off();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids]);
  return lines;
}

function DeviceCard({ device, lines, alarms, latest }) {
  const channels = keyChannels(device);
  const units = Object.fromEntries((device.channels ?? []).map((c) => [c.name, c.unit]));
  const worst = alarms.reduce((w, a) => Math.max(w, SEVERITIES.indexOf(a.severity)), -1);
  return (
    <Link to={`/devices/${encodeURIComponent(device.id)}`} className={`device-card ${worst >= 3 ? 'alarm-major' : worst >= 0 ? 'alarm-minor' : ''}`}
      data-testid="device-card" data-device={device.id}>
      <div className="device-head">
        <OnlineDot online={device.online} />
        <div className="device-title">
          <strong>{device.name || device.id}</strong>
          <span className="muted small">{device.id} · {device.protocol}</span>
        </div>
        {alarms.length > 0 && <span className="alarm-chip" data-testid="device-alarms">{alarms.length} alarm{alarms.length > 1 ? 's' : ''}</span>}
      </div>
      <div className="spark-grid">
        {channels.map((ch) => {
          const line = lines?.[ch];
          const value = latest?.[ch] ?? line?.at(-1)?.v;
          return (
            <div key={ch} className="spark-row">
              <div className="spark-label"><span>{ch}</span><strong>{fmtNumber(value)} <small>{units[ch] ?? ''}</small></strong></div>
              <Sparkline points={line} color={alarms.some((a) => a.channel === ch) ? 'var(--bad)' : 'var(--accent)'} />
            </div>
          );
        })}
        {channels.length === 0 && <Empty>No channels configured.</Empty>}
      </div>
      {alarms.length > 0 && (
        <ul className="device-alarms">
          {alarms.slice(0, 3).map((a) => (
            <li key={a.id}><SeverityBadge severity={a.severity} /> {a.channel}: {a.message ?? a.type}</li>
          ))}
        </ul>
      )}
      <div className="device-foot muted small">{device.online === false ? `offline · last seen ${fmtAgo(device.lastSeen)}` : `last seen ${fmtAgo(device.lastSeen)}`}</div>
    </Link>
  );
}

export default function Overview() {
  useTick(5000);
  const devicesLoad = useLoad(() => api.get('/api/v1/devices'), []);
  const [devices, setDevices] = useState(null);
  const [alarms, setAlarms] = useState([]);
  const [alarmError, setAlarmError] = useState(null);
  const [latest, setLatest] = useState({});
  const alarmTimer = useRef(null);

  useEffect(() => {
    if (devicesLoad.data) setDevices(devicesLoad.data);
  }, [devicesLoad.data]);

  // active alarms: loaded once, reloaded (debounced) whenever an alarm changes
  useEffect(() => {
    const load = () => api.get('/api/v1/alarms', { active: true, size: 500 })
      .then((a) => (setAlarms(a), setAlarmError(null))).catch(setAlarmError);
    load();
    const off = subscribe(() => {
      clearTimeout(alarmTimer.current);
      alarmTimer.current = setTimeout(load, 300);
    }, (e) => e.type === 'alarm');
    return () => {
      off();
      clearTimeout(alarmTimer.current);
    };
  }, []);

  // online/offline, last seen and latest values from the live feed; registry changes reload the list
  useEffect(() => subscribe((e) => {
    if (e.type === 'status') {
      setDevices((ds) => ds?.map((d) => (d.id === e.deviceId ? { ...d, online: e.data.online, lastSeen: e.data.lastSeen ?? d.lastSeen } : d)));
    } else if (e.type === 'reading') {
      setDevices((ds) => ds?.map((d) => (d.id === e.deviceId ? { ...d, online: true, lastSeen: e.data.ts } : d)));
      setLatest((l) => ({ ...l, [e.deviceId]: { ...(l[e.deviceId] ?? {}), ...e.data.values } }));
    } else if (e.type === 'device') {
      devicesLoad.reload();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, (e) => ['status', 'reading', 'device'].includes(e.type)), []);

  const lines = useSparklines(devices);

  const groups = useMemo(() => {
    const bySite = new Map();
    (devices ?? []).forEach((d) => {
      const site = d.site || 'Unassigned site';
      const line = d.line || 'No line';
      if (!bySite.has(site)) bySite.set(site, new Map());
      const lines2 = bySite.get(site);
      if (!lines2.has(line)) lines2.set(line, []);
      lines2.get(line).push(d);
    });
    return [...bySite.entries()].sort(([a], [b]) => a.localeCompare(b))
      .map(([site, ls]) => [site, [...ls.entries()].sort(([a], [b]) => a.localeCompare(b))]);
  }, [devices]);

  const alarmsByDevice = useMemo(() => {
    const m = {};
    alarms.filter((a) => isActive(a.status)).forEach((a) => (m[a.deviceId] ??= []).push(a));
    return m;
  }, [alarms]);

  if (devicesLoad.loading && !devices) return <Loading label="Loading devices…" />;
  const online = devices?.filter((d) => d.online).length ?? 0;
  const unack = alarms.filter((a) => a.status === 'ACTIVE_UNACK').length;
  const critical = alarms.filter((a) => isActive(a.status) && ['MAJOR', 'CRITICAL'].includes(a.severity)).length;

  return (
    <div className="page">
      <div className="page-head">
        <h1>Plant overview</h1>
        <span className="muted">Devices by site and line, live.</span>
      </div>
      <ErrorNote error={devicesLoad.error} />
      <ErrorNote error={alarmError} />
      <div className="kpis">
        <div className="kpi"><span>Devices online</span><strong data-testid="kpi-online">{online} / {devices?.length ?? 0}</strong></div>
        <div className={`kpi ${unack ? 'kpi-bad' : ''}`}><span>Unacknowledged alarms</span><strong>{unack}</strong></div>
        <div className={`kpi ${critical ? 'kpi-bad' : ''}`}><span>Major / critical active</span><strong>{critical}</strong></div>
        <div className="kpi"><span>Sites</span><strong>{groups.length}</strong></div>
      </div>
      {devices?.length === 0 && <Empty>No devices yet. An admin can add devices on the Admin page, or devices appear when they first send data.</Empty>}
      {groups.map(([site, lineGroups]) => (
        <Card key={site} title={<>Site <span className="accent-text">{site}</span></>} className="site-card" data-testid="site">
          {lineGroups.map(([line, ds]) => (
            <div key={line} className="line-group">
              <h3>{line}</h3>
              <div className="device-grid">
                {ds.sort((a, b) => a.id.localeCompare(b.id)).map((d) => (
                  <DeviceCard key={d.id} device={d} lines={lines[d.id]} alarms={alarmsByDevice[d.id] ?? []} latest={latest[d.id]} />
                ))}
              </div>
            </div>
          ))}
        </Card>
      ))}
    </div>
  );
}
