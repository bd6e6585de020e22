/**
 * The page half of team mode (server components): pages read lib/db directly,
 * so each checks the Host (DNS rebinding) and the viewer before rendering, as
 * API routes do in the route wrapper.
 */
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { hostAllowed, resolveAuthMode } from '../auth/mode';
import type { Role } from '../auth/tokens';
import { currentViewer, viewerMay, type Viewer } from './session';

/** The viewer, if they may see this page with `role`; otherwise a redirect to sign in (or 404 for a foreign Host). */
export async function requireViewer(role: Role, returnTo: string): Promise<Viewer> {
  if (!hostAllowed((await headers()).get('host'), resolveAuthMode())) notFound();
  const viewer = await currentViewer();
  if (!viewerMay(viewer, role)) redirect(`/signin?next=${encodeURIComponent(returnTo)}`);
  return viewer;
}
