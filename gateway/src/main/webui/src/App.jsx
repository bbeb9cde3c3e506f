import { useEffect, useState } from 'react';
import { NavLink, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { currentSession, hasRole, logout, onSessionChange } from './api.js';
import { onLiveState, liveState, startLive, subscribe } from './live.js';
import { api } from './api.js';
import Login from './pages/Login.jsx';
import Overview from './pages/Overview.jsx';
import DevicePage from './pages/DevicePage.jsx';
import Alarms from './pages/Alarms.jsx';
import Reports from './pages/Reports.jsx';
import Models from './pages/Models.jsx';
import Logbook from './pages/Logbook.jsx';
import Admin from './pages/Admin.jsx';

function useSession() {
  const [session, setSession] = useState(currentSession());
  useEffect(() => onSessionChange(setSession), []);
  return session;
}

function useTheme() {
  const [theme, setTheme] = useState(() => (window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark'));
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return [theme, () => setTheme((t) => (t === 'dark' ? 'light' : 'dark'))];
}

const LIVE_LABEL = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…', off: 'Offline' };

function LiveIndicator() {
  const [state, setState] = useState(liveState());
  useEffect(() => onLiveState(setState), []);
  return (
    <span className={`live-pill live-${state}`} data-testid="live-state" data-state={state}>
      <span className="pulse" />
      {LIVE_LABEL[state] ?? state}
    </span>
  );
}

/** Unacknowledged active alarms, for the navigation badge; kept fresh by alarm events. */
function useOpenAlarmCount(enabled) {
  const [count, setCount] = useState(null);
  useEffect(() => {
    if (!enabled) return undefined;
    let timer = null;
    const load = () => api.get('/api/v1/alarms', { status: 'ACTIVE_UNACK', size: 500 }).then((a) => setCount(a.length)).catch(() => {});
    load();
    const off = subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(load, 400);
    }, (e) => e.type === 'alarm');
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [enabled]);
  return count;
}

export default function App() {
  const session = useSession();
  const [theme, toggleTheme] = useTheme();
  const location = useLocation();
  const openAlarms = useOpenAlarmCount(Boolean(session));

  useEffect(() => {
    if (session) startLive();
  }, [session]);

  if (!session) {
    return (
      <Routes>
        <Route path="*" element={<Login from={location.pathname} theme={theme} toggleTheme={toggleTheme} />} />
      </Routes>
    );
  }

  const user = session.user ?? {};
  const roles = user.roles ?? [];
  const mainRole = ['admin', 'operator', 'viewer'].find((r) => roles.includes(r)) ?? roles[0];

  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true"><rect width="32" height="32" rx="7" fill="var(--accent)" /><path d="M5 19h5l3-9 5 14 3-8h6" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" /></svg>
          <span>PlantWatch</span>
        </div>
        <nav>
          <NavLink to="/" end>Overview</NavLink>
          <NavLink to="/alarms">
            Alarms {openAlarms > 0 && <span className="count" data-testid="open-alarms">{openAlarms}</span>}
          </NavLink>
          <NavLink to="/reports">Reports</NavLink>
          <NavLink to="/models">Models</NavLink>
          <NavLink to="/logbook">Logbook</NavLink>
          {hasRole('admin') && <NavLink to="/admin">Admin</NavLink>}
        </nav>
        <div className="sidebar-foot">
          <a href="/api/docs" target="_blank" rel="noreferrer">API docs ↗</a>
        </div>
      </aside>
      <div className="main">
        <header className="topbar">
          <LiveIndicator />
          <div className="spacer" />
          <button className="ghost" onClick={toggleTheme} title="Switch light/dark">{theme === 'dark' ? '☀ Light' : '☾ Dark'}</button>
          <span className="who" data-testid="who">
            <strong>{user.username}</strong> <span className={`role role-${mainRole}`}>{mainRole}</span>
          </span>
          <button className="ghost" onClick={() => logout()} data-testid="logout">Sign out</button>
        </header>
        <main className="content">
          <Routes>
            <Route path="/" element={<Overview />} />
            <Route path="/devices/:id" element={<DevicePage />} />
            <Route path="/alarms" element={<Alarms />} />
            <Route path="/alarms/:id" element={<Alarms />} />
            <Route path="/reports" element={<Reports />} />
            <Route path="/models" element={<Models />} />
            <Route path="/logbook" element={<Logbook />} />
            <Route path="/admin" element={hasRole('admin') ? <Admin /> : <Navigate to="/" replace />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </main>
      </div>
    </div>
  );
}
