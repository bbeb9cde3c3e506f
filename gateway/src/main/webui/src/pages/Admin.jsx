import { useEffect, useState } from 'react';
import { api } from '../api.js';
import { Card, Empty, ErrorNote, InfoNote, Loading, OnlineDot } from '../components.jsx';
import { fmtAgo, fmtDateTime } from '../format.js';

const ROLES = ['admin', 'operator', 'viewer'];
const PROTOCOLS = ['http', 'mqtt', 'modbus', 'opcua', 's7', 'serial', 'simulator'];

function Users() {
  const [users, setUsers] = useState(null);
  const [error, setError] = useState(null);
  const [info, setInfo] = useState(null);
  const [form, setForm] = useState({ username: '', email: '', password: '', roles: ['viewer'], sites: '' });
  const load = () => api.get('/api/v1/users', { size: 200 }).then((u) => (setUsers(u), setError(null))).catch(setError);
  useEffect(() => {
    load();
  }, []);

  const run = async (fn, message) => {
    setError(null);
    setInfo(null);
    try {
      await fn();
      if (message) setInfo(message);
      load();
    } catch (e) {
      setError(e);
    }
  };

  const create = (e) => {
    e.preventDefault();
    run(() => api.post('/api/v1/users', {
      username: form.username.trim(), email: form.email.trim(), password: form.password, roles: form.roles,
      sites: form.sites.split(',').map((s) => s.trim()).filter(Boolean),
    }).then(() => setForm({ username: '', email: '', password: '', roles: ['viewer'], sites: '' })), `User ${form.username} created.`);
  };
  const toggleRole = (u, role) => {
    const roles = u.roles.includes(role) ? u.roles.filter((r) => r !== role) : [...u.roles, role];
    run(() => api.put(`/api/v1/users/${u.id}/roles`, { roles }));
  };

  return (
    <Card title="Users">
      <ErrorNote error={error} onClose={() => setError(null)} />
      {info && <InfoNote>{info}</InfoNote>}
      {users === null ? <Loading /> : (
        <table className="table">
          <thead><tr><th>User</th><th>E-mail</th><th>Roles</th><th>Sites</th><th>Since</th><th /></tr></thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className={u.disabled ? 'dim' : ''}>
                <td><strong>{u.username}</strong>{u.disabled && <span className="muted small"> (disabled)</span>}</td>
                <td>{u.email}</td>
                <td>
                  <div className="role-toggles">
                    {ROLES.map((r) => (
                      <label key={r} className="check small"><input type="checkbox" checked={u.roles.includes(r)} onChange={() => toggleRole(u, r)} />{r}</label>
                    ))}
                  </div>
                </td>
                <td>{u.sites?.length ? u.sites.join(', ') : <span className="muted">all</span>}</td>
                <td>{fmtDateTime(u.createdAt)}</td>
                <td>
                  {u.disabled
                    ? <button onClick={() => run(() => api.post(`/api/v1/users/${u.id}/enable`))}>Enable</button>
                    : <button onClick={() => run(() => api.post(`/api/v1/users/${u.id}/disable`))}>Disable</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>New user</h3>
      <form className="form-row" onSubmit={create}>
        <input placeholder="username" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} required />
        <input placeholder="e-mail" type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} required />
        <input placeholder="password" type="password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required autoComplete="new-password" />
        <select value={form.roles[0]} onChange={(e) => setForm({ ...form, roles: [e.target.value] })} aria-label="Role">
          {ROLES.map((r) => <option key={r}>{r}</option>)}
        </select>
        <input placeholder="sites (comma-separated, empty: all)" value={form.sites} onChange={(e) => setForm({ ...form, sites: e.target.value })} />
        <button className="primary" type="submit">Create</button>
      </form>
    </Card>
  );
}

const EMPTY_DEVICE = { id: '', name: '', site: '', line: '', protocol: 'http', enabled: true, channels: 'pressure:bar' };

/** "pressure:bar:0:10, temperature:°C" → channel drafts (name:unit:alarmLow:alarmHigh). */
function parseChannels(text) {
  return text.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const [name, unit, low, high] = s.split(':').map((x) => x?.trim());
    return { name, unit: unit || null, alarmLow: low ? Number(low) : null, alarmHigh: high ? Number(high) : null };
  });
}

function channelsText(channels) {
  return (channels ?? []).map((c) => [c.name, c.unit ?? '', c.alarmLow ?? '', c.alarmHigh ?? ''].join(':').replace(/:+$/, '')).join(', ');
}

function Devices() {
  const [devices, setDevices] = useState(null);
  const [error, setError] = useState(null);
  const [form, setForm] = useState(EMPTY_DEVICE);
  const [editing, setEditing] = useState(null);
  const load = () => api.get('/api/v1/devices').then((d) => (setDevices(d), setError(null))).catch(setError);
  useEffect(() => {
    load();
  }, []);

  async function save(e) {
    e.preventDefault();
    setError(null);
    const body = {
      id: form.id.trim(), name: form.name.trim() || null, site: form.site.trim() || null, line: form.line.trim() || null,
      protocol: form.protocol, enabled: form.enabled, channels: parseChannels(form.channels),
    };
    try {
      if (editing) {
        const existing = devices.find((d) => d.id === editing);
        await api.put(`/api/v1/devices/${encodeURIComponent(editing)}`, { ...body, connection: existing?.connection, pollIntervalMs: existing?.pollIntervalMs });
      } else {
        await api.post('/api/v1/devices', body);
      }
      setForm(EMPTY_DEVICE);
      setEditing(null);
      load();
    } catch (err) {
      setError(err);
    }
  }

  async function remove(d) {
    if (!window.confirm(`Delete device ${d.id}? Its history stays in the reports.`)) return;
    try {
      await api.del(`/api/v1/devices/${encodeURIComponent(d.id)}`);
      load();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Card title="Devices">
      <ErrorNote error={error} onClose={() => setError(null)} />
      {devices === null ? <Loading /> : devices.length === 0 ? <Empty>No devices.</Empty> : (
        <table className="table">
          <thead><tr><th /><th>Device</th><th>Site / line</th><th>Protocol</th><th>Channels</th><th>Last seen</th><th /></tr></thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.id} className={d.enabled ? '' : 'dim'}>
                <td><OnlineDot online={d.online} /></td>
                <td><strong>{d.name || d.id}</strong><div className="muted small">{d.id}{d.discovered ? ' · discovered' : ''}</div></td>
                <td>{d.site ?? '–'} / {d.line ?? '–'}</td>
                <td>{d.protocol}</td>
                <td className="small">{(d.channels ?? []).map((c) => c.name).join(', ')}</td>
                <td>{fmtAgo(d.lastSeen)}</td>
                <td className="nowrap">
                  <button className="link" onClick={() => (setEditing(d.id), setForm({
                    id: d.id, name: d.name ?? '', site: d.site ?? '', line: d.line ?? '', protocol: d.protocol, enabled: d.enabled, channels: channelsText(d.channels),
                  }))}>edit</button>{' '}
                  <button className="link danger" onClick={() => remove(d)}>delete</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{editing ? `Edit ${editing}` : 'New device'}</h3>
      <form className="form-row" onSubmit={save}>
        <input placeholder="id" value={form.id} onChange={(e) => setForm({ ...form, id: e.target.value })} required disabled={Boolean(editing)} />
        <input placeholder="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <input placeholder="site" value={form.site} onChange={(e) => setForm({ ...form, site: e.target.value })} />
        <input placeholder="line" value={form.line} onChange={(e) => setForm({ ...form, line: e.target.value })} />
        <select value={form.protocol} onChange={(e) => setForm({ ...form, protocol: e.target.value })} aria-label="Protocol">
          {PROTOCOLS.map((p) => <option key={p}>{p}</option>)}
        </select>
        <input className="grow" placeholder="channels: name:unit:alarmLow:alarmHigh, …" value={form.channels} onChange={(e) => setForm({ ...form, channels: e.target.value })} />
        <label className="check"><input type="checkbox" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} />enabled</label>
        <button className="primary" type="submit">{editing ? 'Save' : 'Add'}</button>
        {editing && <button type="button" onClick={() => (setEditing(null), setForm(EMPTY_DEVICE))}>Cancel</button>}
      </form>
    </Card>
  );
}

export default function Admin() {
  return (
    <div className="page">
      <div className="page-head">
        <h1>Admin</h1>
        <span className="muted">Users, roles and devices.</span>
      </div>
      <Users />
      <Devices />
    </div>
  );
}
