import { describe, expect, it } from 'vitest';
import { hostAllowed, resolveAuthMode } from './mode';

describe('auth mode', () => {
  it('is local on localhost with SQLite, team beyond localhost or on PostgreSQL', () => {
    expect(resolveAuthMode({}).team).toBe(false);
    expect(resolveAuthMode({ HOST: '127.0.0.1' }).team).toBe(false);
    expect(resolveAuthMode({ HOST: '0.0.0.0' }).team).toBe(true);
    expect(resolveAuthMode({ HOST: '10.1.2.3' }).team).toBe(true);
    expect(resolveAuthMode({ DATABASE_URL: 'postgresql://u@h/db' }).team).toBe(true);
    expect(resolveAuthMode({ DATABASE_URL: 'file:/tmp/x.db' }).team).toBe(false);
    expect(resolveAuthMode({ PARETO_AUTH: 'team' }).team).toBe(true);
    expect(resolveAuthMode({ PARETO_AUTH: 'local', DATABASE_URL: 'postgres://x/y' }).team).toBe(false);
  });
  it('local mode answers only to loopback host names (DNS rebinding)', () => {
    const local = resolveAuthMode({});
    expect(hostAllowed('localhost:3000', local)).toBe(true);
    expect(hostAllowed('127.0.0.1:3000', local)).toBe(true);
    expect(hostAllowed('[::1]:3000', local)).toBe(true);
    expect(hostAllowed('evil.example:3000', local)).toBe(false);
    expect(hostAllowed(null, local)).toBe(false);
  });
  it('team mode answers to PARETO_ALLOWED_HOSTS when set', () => {
    const team = resolveAuthMode({ HOST: '0.0.0.0', PARETO_ALLOWED_HOSTS: 'studio.lab.example' });
    expect(hostAllowed('studio.lab.example', team)).toBe(true);
    expect(hostAllowed('studio.lab.example:3000', team)).toBe(true);
    expect(hostAllowed('evil.example', team)).toBe(false);
    expect(hostAllowed('anything', resolveAuthMode({ HOST: '0.0.0.0' }))).toBe(true);
  });
});
