import { useState } from 'react';
import { api, download } from '../api.js';
import { Card, ErrorNote, InfoNote, Loading, useLoad } from '../components.jsx';
import { toLocalInput } from '../format.js';

const PRESETS = [
  { label: 'Last hour', ms: 3600_000 },
  { label: 'Last 24 h', ms: 24 * 3600_000 },
  { label: 'Last 7 days', ms: 7 * 24 * 3600_000 },
];

const FILES = [
  { key: 'pdf', label: 'PDF report', path: '/api/v1/reports/pdf', ext: 'pdf', hint: 'charts, statistics and anomalies per device' },
  { key: 'readings-csv', label: 'Readings · CSV', path: '/api/v1/reports/export/readings.csv', ext: 'csv', hint: 'every reading, one row per sample' },
  { key: 'readings-xlsx', label: 'Readings · XLSX', path: '/api/v1/reports/export/readings.xlsx', ext: 'xlsx', hint: 'the same as a workbook' },
  { key: 'anomalies-csv', label: 'Anomalies · CSV', path: '/api/v1/reports/export/anomalies.csv', ext: 'csv', hint: 'every anomaly in the range' },
  { key: 'anomalies-xlsx', label: 'Anomalies · XLSX', path: '/api/v1/reports/export/anomalies.xlsx', ext: 'xlsx', hint: 'the same as a workbook' },
];

export default function Reports() {
  const devices = useLoad(() => api.get('/api/v1/devices'), []);
  const [from, setFrom] = useState(toLocalInput(Date.now() - 24 * 3600_000));
  const [to, setTo] = useState(toLocalInput(Date.now() + 60_000));
  const [selected, setSelected] = useState([]);
  const [busy, setBusy] = useState(null);
  const [error, setError] = useState(null);
  const [done, setDone] = useState(null);

  const toggle = (id) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));

  async function get(file) {
    setBusy(file.key);
    setError(null);
    setDone(null);
    try {
      const query = { deviceId: selected, from: new Date(from).toISOString(), to: new Date(to).toISOString() };
      const result = await download(file.path, query, `plantwatch-report.${file.ext}`);
      setDone(`${result.name} downloaded (${Math.max(1, Math.round(result.size / 1024))} KB).`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="page">
      <div className="page-head">
        <h1>Reports</h1>
        <span className="muted">Choose a range and devices, then download.</span>
      </div>
      <div className="two-col">
        <Card title="Range">
          <div className="toolbar">
            {PRESETS.map((p) => (
              <button key={p.label} className="seg" onClick={() => { setFrom(toLocalInput(Date.now() - p.ms)); setTo(toLocalInput(Date.now() + 60_000)); }}>{p.label}</button>
            ))}
          </div>
          <div className="form-grid">
            <label>From<input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
            <label>To<input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} /></label>
          </div>
        </Card>
        <Card title={`Devices (${selected.length ? selected.length + ' chosen' : 'all'})`}
          actions={<><button className="link" onClick={() => setSelected((devices.data ?? []).map((d) => d.id))}>all</button> <button className="link" onClick={() => setSelected([])}>none</button></>}>
          <ErrorNote error={devices.error} />
          {devices.loading ? <Loading /> : (
            <div className="check-list">
              {(devices.data ?? []).map((d) => (
                <label key={d.id} className="check">
                  <input type="checkbox" checked={selected.includes(d.id)} onChange={() => toggle(d.id)} data-device={d.id} />
                  <span>{d.name || d.id}</span> <span className="muted small">{d.id} · {d.site ?? '–'} / {d.line ?? '–'}</span>
                </label>
              ))}
            </div>
          )}
        </Card>
      </div>
      <Card title="Download">
        <div className="download-grid">
          {FILES.map((f) => (
            <button key={f.key} className="download" onClick={() => get(f)} disabled={busy !== null} data-testid={`download-${f.key}`}>
              <strong>{busy === f.key ? 'Preparing…' : f.label}</strong>
              <span className="muted small">{f.hint}</span>
            </button>
          ))}
        </div>
        <ErrorNote error={error} onClose={() => setError(null)} />
        {done && <InfoNote><span data-testid="download-done">{done}</span></InfoNote>}
        {!selected.length && <p className="muted small">No device chosen: the report covers every device you may see.</p>}
      </Card>
    </div>
  );
}
