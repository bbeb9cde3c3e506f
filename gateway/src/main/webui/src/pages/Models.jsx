import { useEffect, useState } from 'react';
import { api, hasRole } from '../api.js';
import { Card, Empty, ErrorNote, InfoNote, Loading } from '../components.jsx';
import { fmtDateTime, fmtNumber } from '../format.js';

// the multivariate detectors a model can be trained with (detection-service POST /api/v1/models/train)
const ALGORITHMS = ['mewma', 'pca', 'ocsvm'];
// a model is QUEUED, TRAINING, READY or FAILED (with failureReason)
const FINISHED = ['READY', 'FAILED'];

/** 0..1 from a model's progress, which the detection service reports in % (0..100). */
function progressOf(job) {
  const p = job?.progress;
  return p == null ? null : p / 100;
}

/** Devices the model is bound to (GET /api/v1/models lists them in selectedOn). */
function selectedOn(model) {
  return model?.selectedOn ?? [];
}

export default function Models() {
  const [models, setModels] = useState(null);
  const [error, setError] = useState(null);
  const [missing, setMissing] = useState(false);
  const [devices, setDevices] = useState([]);
  const [form, setForm] = useState({ deviceId: '', algorithm: 'ocsvm', hours: 24 });
  const [job, setJob] = useState(null);
  const canTrain = hasRole('admin', 'operator');

  const load = () => api.get('/api/v1/models')
    .then((m) => (setModels(Array.isArray(m) ? m : []), setError(null), setMissing(false)))
    .catch((e) => (e.status === 404 ? setMissing(true) : setError(e)));

  useEffect(() => {
    load();
    api.get('/api/v1/devices').then(setDevices).catch(() => {});
  }, []);

  // follow a training job until it finishes
  useEffect(() => {
    if (!job?.id || FINISHED.includes(String(job.status).toUpperCase())) return undefined;
    const t = setInterval(() => {
      api.get(`/api/v1/models/${encodeURIComponent(job.id)}`).then((j) => {
        setJob(j);
        if (FINISHED.includes(String(j.status).toUpperCase())) load();
      }).catch((e) => setError(e));
    }, 1000);
    return () => clearInterval(t);
  }, [job?.id, job?.status]);

  async function train(e) {
    e.preventDefault();
    setError(null);
    try {
      const to = new Date();
      const from = new Date(to.getTime() - form.hours * 3600_000);
      // a model is multivariate: it is trained on the device's channels (at least two)
      const device = devices.find((d) => d.id === form.deviceId);
      const channels = (device?.channels ?? []).map((c) => c.name);
      const started = await api.post('/api/v1/models/train', { deviceId: form.deviceId, channels, algorithm: form.algorithm, from: from.toISOString(), to: to.toISOString() });
      setJob(started);
    } catch (err) {
      setError(err.status === 404 ? new Error('Training is not available on this server yet (the detection service has no /api/v1/models/train).') : err);
    }
  }

  async function select(model) {
    setError(null);
    try {
      // on the device chosen above, else the device the model was trained for (presets: choose a device first)
      await api.post(`/api/v1/models/${encodeURIComponent(model.id)}/select`, { deviceId: form.deviceId || model.deviceId });
      load();
    } catch (err) {
      setError(err);
    }
  }

  const progress = progressOf(job);
  return (
    <div className="page">
      <div className="page-head">
        <h1>Models</h1>
        <span className="muted">Anomaly models per device: train on history, then select the one detection uses.</span>
      </div>
      {missing && (
        <InfoNote>
          <strong>Model management is not available on this server yet.</strong> The detection service does not offer
          <code> /api/v1/models</code> (it answered 404). The statistical detectors keep running meanwhile.
        </InfoNote>
      )}
      <ErrorNote error={error} onClose={() => setError(null)} />
      {!missing && canTrain && (
        <Card title="Train a model">
          <form className="form-row" onSubmit={train}>
            <label>Device
              <select value={form.deviceId} onChange={(e) => setForm({ ...form, deviceId: e.target.value })} required>
                <option value="">choose…</option>
                {devices.map((d) => <option key={d.id} value={d.id}>{d.name || d.id}</option>)}
              </select>
            </label>
            <label>Algorithm
              <select value={form.algorithm} onChange={(e) => setForm({ ...form, algorithm: e.target.value })}>
                {ALGORITHMS.map((a) => <option key={a}>{a}</option>)}
              </select>
            </label>
            <label>History (hours)<input type="number" min="1" max="720" value={form.hours} onChange={(e) => setForm({ ...form, hours: Number(e.target.value) })} /></label>
            <button className="primary" type="submit">Train</button>
          </form>
          {job && (
            <div className="progress-box">
              <div className="muted small">Training {job.name ?? job.id ?? ''}: {job.status ?? 'QUEUED'} {job.progress != null ? `${job.progress} %` : ''} {job.failureReason ? `· ${job.failureReason}` : ''}</div>
              <div className="progress"><div style={{ width: `${Math.round((progress ?? 0.05) * 100)}%` }} /></div>
            </div>
          )}
        </Card>
      )}
      {!missing && (
        <Card title="Models">
          {models === null ? <Loading /> : models.length === 0 ? <Empty>No models trained yet.</Empty> : (
            <table className="table">
              <thead><tr><th>Model</th><th>Device</th><th>Algorithm</th><th>Status</th><th>Trained</th><th>False-alarm rate</th><th /></tr></thead>
              <tbody>
                {models.map((m) => (
                  <tr key={m.id}>
                    <td>{m.name ?? m.id} <span className="muted small">v{m.version}{m.preset ? ' · preset' : ''}</span>{selectedOn(m).length > 0 && <span className="badge st-active_ack"> in use on {selectedOn(m).join(', ')}</span>}</td>
                    <td>{m.deviceId ?? '–'}</td>
                    <td>{m.algorithm ?? '–'}</td>
                    <td>{m.status ?? '–'}{m.status === 'TRAINING' && m.progress != null ? ` ${m.progress} %` : ''}{m.failureReason ? ` · ${m.failureReason}` : ''}</td>
                    <td>{fmtDateTime(m.trainedAt ?? m.createdAt)}</td>
                    <td>{fmtNumber(m.metrics?.falseAlarmRate)}</td>
                    <td>{canTrain && m.status === 'READY' && !selectedOn(m).includes(form.deviceId || m.deviceId) && <button onClick={() => select(m)}>Select</button>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      )}
    </div>
  );
}
