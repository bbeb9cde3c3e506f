import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, hasRole } from '../api.js';
import { subscribe } from '../live.js';
import { Card, Empty, ErrorNote, Loading, SeverityBadge, StatusBadge, useTick } from '../components.jsx';
import { fmtAgo, fmtDateTime, fmtNumber, isActive, isAcknowledged, SEVERITIES } from '../format.js';

const VIEWS = [
  { key: 'active', label: 'Active', query: { active: true } },
  { key: 'unack', label: 'Unacknowledged', query: { status: ['ACTIVE_UNACK', 'CLEARED_UNACK'] } },
  { key: 'all', label: 'All (history)', query: {} },
];

function AlarmDetail({ id, onChanged }) {
  const [detail, setDetail] = useState(null);
  const [error, setError] = useState(null);
  const [note, setNote] = useState('');
  const [assignee, setAssignee] = useState('');
  const [busy, setBusy] = useState(false);
  const canAct = hasRole('admin', 'operator');

  const load = () => api.get(`/api/v1/alarms/${encodeURIComponent(id)}`).then((d) => (setDetail(d), setError(null))).catch(setError);
  useEffect(() => {
    setDetail(null);
    load();
    return subscribe(() => load(), (e) => e.type === 'alarm' && (e.data?.alarmId === id || e.data?.id === id));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  async function act(path, body) {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/v1/alarms/${encodeURIComponent(id)}/${path}`, body);
      setNote('');
      await load();
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (!detail) return error ? <ErrorNote error={error} /> : <Loading />;
  const a = detail.alarm;
  return (
    <Card className="alarm-detail" title={<>{a.deviceName ?? a.deviceId} · {a.channel}</>} data-testid="alarm-detail" data-status={a.status}
      actions={<StatusBadge status={a.status} />}>
      <p className="alarm-message">{a.message}</p>
      <dl className="facts">
        <dt>Severity</dt><dd><SeverityBadge severity={a.severity} /> (peak {a.peakSeverity})</dd>
        <dt>Type</dt><dd>{a.type}</dd>
        <dt>Device</dt><dd><Link to={`/devices/${encodeURIComponent(a.deviceId)}`}>{a.deviceId}</Link> · {a.site ?? '–'} / {a.line ?? '–'}</dd>
        <dt>Value</dt><dd>last {fmtNumber(a.lastValue)} {a.unit ?? ''}, peak {fmtNumber(a.peakValue)}{a.expectedLow != null && <> · expected {fmtNumber(a.expectedLow)} – {fmtNumber(a.expectedHigh)}</>}</dd>
        <dt>Occurrences</dt><dd>{a.count} · first {fmtDateTime(a.firstSeen)} · last {fmtDateTime(a.lastSeen)}</dd>
        <dt>Assignee</dt><dd>{a.assignee ?? 'nobody'}</dd>
        {a.acknowledgedBy && <><dt>Acknowledged</dt><dd>by {a.acknowledgedBy}, {fmtDateTime(a.acknowledgedAt)}</dd></>}
        {a.clearedAt && <><dt>Cleared</dt><dd>{a.clearedBy ? `by ${a.clearedBy}` : 'automatically'}, {fmtDateTime(a.clearedAt)}{a.clearReason ? ` (${a.clearReason})` : ''}</dd></>}
      </dl>
      <ErrorNote error={error} onClose={() => setError(null)} />
      {canAct && (
        <div className="alarm-actions" data-testid="alarm-actions">
          <textarea placeholder="Note or comment (optional for acknowledge and clear)" value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={4000} />
          <div className="row">
            {!isAcknowledged(a.status) && <button className="primary" disabled={busy} data-testid="ack" onClick={() => act('ack', { comment: note || null })}>Acknowledge</button>}
            {isActive(a.status) && <button disabled={busy} data-testid="clear" onClick={() => act('clear', { comment: note || null })}>Clear</button>}
            <button disabled={busy || !note.trim()} onClick={() => act('comments', { text: note.trim() })}>Comment</button>
            <span className="spacer" />
            <input placeholder="username" value={assignee} onChange={(e) => setAssignee(e.target.value)} aria-label="Assign to" size={12} />
            <button disabled={busy || !assignee.trim()} onClick={() => act('assign', { assignee: assignee.trim() })}>Assign</button>
          </div>
        </div>
      )}
      <h3>History</h3>
      <ol className="history">
        {(detail.history ?? []).map((h) => (
          <li key={h.revision}>
            <span className="muted small">{fmtDateTime(h.at)}</span> <strong>{h.action}</strong> {h.actor ? `by ${h.actor}` : ''}
            {h.severity ? <> · {h.severity}</> : null}{h.status ? <> · {h.status}</> : null}
            {h.note && <div className="history-note">“{h.note}”</div>}
          </li>
        ))}
      </ol>
    </Card>
  );
}

export default function Alarms() {
  useTick(10_000);
  const { id } = useParams();
  const navigate = useNavigate();
  const [view, setView] = useState('active');
  const [minSeverity, setMinSeverity] = useState('');
  const [device, setDevice] = useState('');
  const [site, setSite] = useState('');
  const [alarms, setAlarms] = useState(null);
  const [error, setError] = useState(null);
  const timer = useRef(null);

  const load = () => {
    const q = { ...VIEWS.find((v) => v.key === view).query, minSeverity: minSeverity || undefined, deviceId: device.trim() || undefined, site: site.trim() || undefined, size: 200 };
    return api.get('/api/v1/alarms', q).then((a) => (setAlarms(a), setError(null))).catch(setError);
  };
  useEffect(() => {
    load();
    const off = subscribe(() => {
      clearTimeout(timer.current);
      timer.current = setTimeout(load, 300);
    }, (e) => e.type === 'alarm');
    return () => {
      off();
      clearTimeout(timer.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view, minSeverity, device, site]);

  return (
    <div className="page">
      <div className="page-head">
        <h1>Alarms</h1>
        <span className="muted">{hasRole('admin', 'operator') ? 'Acknowledge, clear, assign and comment.' : 'Read only: your role can follow alarms but not act on them.'}</span>
      </div>
      <div className="toolbar">
        {VIEWS.map((v) => <button key={v.key} className={view === v.key ? 'seg active' : 'seg'} onClick={() => setView(v.key)}>{v.label}</button>)}
        <select value={minSeverity} onChange={(e) => setMinSeverity(e.target.value)} aria-label="Minimum severity">
          <option value="">any severity</option>
          {SEVERITIES.map((s) => <option key={s} value={s}>{s} or worse</option>)}
        </select>
        <input placeholder="device id" value={device} onChange={(e) => setDevice(e.target.value)} aria-label="Device" size={14} />
        <input placeholder="site" value={site} onChange={(e) => setSite(e.target.value)} aria-label="Site" size={10} />
      </div>
      <ErrorNote error={error} />
      <div className={id ? 'split' : ''}>
        <Card>
          {alarms === null ? <Loading /> : alarms.length === 0 ? <Empty>No alarms match. All quiet.</Empty> : (
            <table className="table clickable">
              <thead><tr><th>Severity</th><th>Status</th><th>Device</th><th>Channel</th><th>What</th><th>Count</th><th>Last seen</th><th>Assignee</th></tr></thead>
              <tbody>
                {alarms.map((a) => (
                  <tr key={a.id} className={a.id === id ? 'selected' : ''} onClick={() => navigate(`/alarms/${encodeURIComponent(a.id)}`)}
                    data-testid="alarm-row" data-device={a.deviceId} data-status={a.status} data-alarm={a.id}>
                    <td><SeverityBadge severity={a.severity} /></td>
                    <td><StatusBadge status={a.status} /></td>
                    <td>{a.deviceName ?? a.deviceId}</td>
                    <td>{a.channel}</td>
                    <td className="ellipsis">{a.message ?? a.type}</td>
                    <td>{a.count}</td>
                    <td title={fmtDateTime(a.lastSeen)}>{fmtAgo(a.lastSeen)}</td>
                    <td>{a.assignee ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        {id && <AlarmDetail id={id} onChanged={load} />}
      </div>
    </div>
  );
}
