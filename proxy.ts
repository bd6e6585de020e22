/**
 * Runs before Next routes a request. Next answers a path with broken percent
 * encoding (`/api/runs/%`) with a bare 500 from its router; it is the
 * client's mistake, so say so with a 400 before routing is attempted.
 */
import { NextResponse, type NextRequest } from 'next/server';

export function proxy(req: NextRequest) {
  const raw = req.nextUrl.pathname;
  try {
    decodeURIComponent(raw);
  } catch {
    return NextResponse.json({ error: 'the URL path is not validly percent-encoded' }, { status: 400 });
  }
  return NextResponse.next();
}
