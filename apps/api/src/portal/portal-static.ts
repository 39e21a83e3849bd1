import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';

/**
 * Where `npm run build` writes the portal (vite, apps/portal/vite.config.mts): dist/portal, found from the compiled
 * server (dist/apps/api/src/portal) and from the sources the tests run (apps/api/src/portal).
 */
export function portalRoot(): string | null {
  const candidates = [
    path.resolve(__dirname, '..', '..', '..', '..', 'portal'),
    path.resolve(__dirname, '..', '..', '..', '..', 'dist', 'portal'),
  ];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? null;
}

/**
 * The portal's own code only: scripts and connections to this origin, no frames, no plugins. Styles allow inline
 * because the UI kit (antd) writes its CSS-in-JS into style elements at run time.
 */
export const PORTAL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function setPortalHeaders(res: Response, file: string): void {
  res.setHeader('Content-Security-Policy', PORTAL_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  // Hashed asset names never change content; the page itself is always revalidated so a release is seen at once.
  res.setHeader(
    'Cache-Control',
    /[\\/]assets[\\/]/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
}

/** Paths that are the API's, never the portal's (its client-side routes are everything else). */
const API_PATHS = /^\/(api|health)(\/|$)/;

/**
 * The built portal at `/` (every unknown non-API GET answers its index.html, for the client-side router), mounted on
 * the app before Nest's routes, so the API and health checks stay the API's. Done in `configureApiApp` rather than
 * with @nestjs/serve-static, whose loader is picked before a testing module has its HTTP adapter (and so is a no-op
 * in the tests that must run the same app). Without a build there is nothing to serve and `/` is a 404 problem.
 * The portal's files are compressed for clients that accept it (the UI kit's chunk is 1.2 MB raw, about a third
 * gzipped); the API's responses are not, so its event streams are never held in a compression buffer.
 */
export function mountPortal(app: INestApplication, rootPath: string | null = portalRoot()): boolean {
  if (!rootPath) return false;
  const index = path.join(rootPath, 'index.html');
  const files = express.static(rootPath, { index: false, setHeaders: setPortalHeaders, fallthrough: true });
  const compress = compression();
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (API_PATHS.test(req.path) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    compress(req, res, () => {
      void files(req, res, () => {
        if (/\.[a-z0-9]+$/i.test(req.path)) return next(); // a missing asset is a 404, not the page
        setPortalHeaders(res, index);
        res.sendFile(index);
      });
    });
  });
  return true;
}
