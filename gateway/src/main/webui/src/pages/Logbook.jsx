import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, currentSession, hasRole } from '../api.js';
import { Card, Empty, ErrorNote, Loading } from '../components.jsx';
import { fmtDateTime } from '../format.js';

function Follows({ devices }) {
  const [follows, setFollows] = useState(null);
  const [error, setError] = useState(null);
  const [kind, setKind] = useState('device');
  const [target, setTarget] = useState('');
  const load = () => api.get('/api/v1/follows').then((f) => (setFollows(f), setError(null))).catch(setError);
  useEffect(() => {
    load();
  }, []);
  async function add(e) {
    e.preventDefault();
    try {
      await api.post('/api/v1/follows', { targetKind: kind, targetId: target.trim() });
      setTarget('');
      load();
    } catch (err) {
      setError(err);
    }
  }
  async function remove(f) {
    try {
      await api.del(`/api/v1/follows/${encodeURIComponent(f.targetKind)}/${encodeURIComponent(f.targetId)}`);
      load();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Card title="You follow">
      <ErrorNote error={error} onClose={() => setError(null)} />
      {follows === null ? <Loading /> : follows.length === 0 ? <Empty>You follow nothing yet. Follow a device, a site or a colleague to get their news.</Empty> : (
        <ul className="plain-list">
          {follows.map((f) => (
            <li key={f.id}>
              <span className="badge">{f.targetKind}</span>{' '}
              {f.targetKind === 'device' ? <Link to={`/devices/${encodeURIComponent(f.targetId)}`}>{f.targetId}</Link> : f.targetId}
              <span className="muted small"> since {fmtDateTime(f.since)}</span>{' '}
              <button className="link" onClick={() => remove(f)}>unfollow</button>
            </li>
          ))}
        </ul>
      )}
      <form className="form-row" onSubmit={add}>
        <select value={kind} onChange={(e) => setKind(e.target.value)} aria-label="Kind">
          <option value="device">device</option><option value="site">site</option><option value="user">user</option>
        </select>
        <input list="follow-targets" placeholder={kind === 'user' ? 'username' : kind === 'site' ? 'site' : 'device id'} value={target} onChange={(e) => setTarget(e.target.value)} required />
        <datalist id="follow-targets">
          {kind === 'device' && devices.map((d) => <option key={d.id} value={d.id} />)}
          {kind === 'site' && [...new Set(devices.map((d) => d.site).filter(Boolean))].map((s) => <option key={s} value={s} />)}
        </datalist>
        <button type="submit">Follow</button>
      </form>
    </Card>
  );
}

export default function Logbook() {
  const [posts, setPosts] = useState(null);
  const [error, setError] = useState(null);
  const [devices, setDevices] = useState([]);
  const [filter, setFilter] = useState({ deviceId: '', site: '' });
  const [draft, setDraft] = useState({ text: '', deviceId: '', site: '' });
  const [editing, setEditing] = useState(null);
  const canWrite = hasRole('admin', 'operator');
  const me = currentSession()?.user;

  const load = () => api.get('/api/v1/posts', { deviceId: filter.deviceId || undefined, site: filter.site || undefined, size: 100 })
    .then((p) => (setPosts(p), setError(null))).catch(setError);
  useEffect(() => {
    load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filter.deviceId, filter.site]);
  useEffect(() => {
    api.get('/api/v1/devices').then(setDevices).catch(() => {});
  }, []);

  async function save(e) {
    e.preventDefault();
    try {
      const body = { text: draft.text.trim(), deviceId: draft.deviceId || null, site: draft.site || null, alarmId: null };
      if (editing) await api.put(`/api/v1/posts/${encodeURIComponent(editing)}`, body);
      else await api.post('/api/v1/posts', body);
      setDraft({ text: '', deviceId: '', site: '' });
      setEditing(null);
      load();
    } catch (err) {
      setError(err);
    }
  }

  async function remove(p) {
    try {
      await api.del(`/api/v1/posts/${encodeURIComponent(p.id)}`);
      load();
    } catch (err) {
      setError(err);
    }
  }

  const sites = [...new Set(devices.map((d) => d.site).filter(Boolean))];
  return (
    <div className="page">
      <div className="page-head">
        <h1>Logbook</h1>
        <span className="muted">Shift notes about devices, sites and alarms.</span>
      </div>
      <ErrorNote error={error} onClose={() => setError(null)} />
      <div className="two-col wide-left">
        <div>
          {canWrite && (
            <Card title={editing ? 'Edit entry' : 'New entry'}>
              <form onSubmit={save} className="stack">
                <textarea rows={3} placeholder="What happened? e.g. 'Replaced the seal on pump 2, pressure back to normal.'" value={draft.text}
                  onChange={(e) => setDraft({ ...draft, text: e.target.value })} required maxLength={4000} />
                <div className="form-row">
                  <select value={draft.deviceId} onChange={(e) => setDraft({ ...draft, deviceId: e.target.value })} aria-label="Device">
                    <option value="">no device</option>
                    {devices.map((d) => <option key={d.id} value={d.id}>{d.name || d.id}</option>)}
                  </select>
                  <select value={draft.site} onChange={(e) => setDraft({ ...draft, site: e.target.value })} aria-label="Site">
                    <option value="">no site</option>
                    {sites.map((s) => <option key={s}>{s}</option>)}
                  </select>
                  <button className="primary" type="submit">{editing ? 'Save' : 'Post'}</button>
                  {editing && <button type="button" onClick={() => (setEditing(null), setDraft({ text: '', deviceId: '', site: '' }))}>Cancel</button>}
                </div>
              </form>
            </Card>
          )}
          <Card title="Entries" actions={(
            <>
              <select value={filter.deviceId} onChange={(e) => setFilter({ ...filter, deviceId: e.target.value })} aria-label="Filter by device">
                <option value="">all devices</option>
                {devices.map((d) => <option key={d.id} value={d.id}>{d.name || d.id}</option>)}
              </select>
              <select value={filter.site} onChange={(e) => setFilter({ ...filter, site: e.target.value })} aria-label="Filter by site">
                <option value="">all sites</option>
                {sites.map((s) => <option key={s}>{s}</option>)}
              </select>
            </>
          )}>
            {posts === null ? <Loading /> : posts.length === 0 ? <Empty>No entries yet.</Empty> : (
              <ul className="posts">
                {posts.map((p) => (
                  <li key={p.id} className="post">
                    <div className="post-head">
                      <strong>{p.author}</strong>
                      <span className="muted small">{fmtDateTime(p.createdAt)}{p.editedAt ? ' · edited' : ''}</span>
                      {p.deviceId && <Link className="badge" to={`/devices/${encodeURIComponent(p.deviceId)}`}>{p.deviceId}</Link>}
                      {p.site && <span className="badge">{p.site}</span>}
                      {p.alarmId && <Link className="badge" to={`/alarms/${encodeURIComponent(p.alarmId)}`}>alarm</Link>}
                      <span className="spacer" />
                      {canWrite && (hasRole('admin') || p.authorId === me?.id) && (
                        <>
                          <button className="link" onClick={() => (setEditing(p.id), setDraft({ text: p.text, deviceId: p.deviceId ?? '', site: p.site ?? '' }))}>edit</button>
                          <button className="link" onClick={() => remove(p)}>delete</button>
                        </>
                      )}
                    </div>
                    <p>{p.text}</p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
        <Follows devices={devices} />
      </div>
    </div>
  );
}
