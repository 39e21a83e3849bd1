import { Controller, Get } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { APP_GUARD } from '@nestjs/core';
import { ApiModule } from '../api.module';
import { ApiAuthModule } from './api-auth.module';
import { AuthGuard } from './auth.guard';
import { modulesOf, routesOf } from './route-policies.testing';

describe('every route of the API has a policy', () => {
  const modules = modulesOf(ApiModule);
  const routes = routesOf([...new Set(modules.flatMap((m) => m.controllers))]);

  it('finds the routes (the walk sees the app as Nest does)', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes).toContainEqual(
      expect.objectContaining({ controller: 'SessionController', handler: 'signIn', public: true }),
    );
    expect(routes).toContainEqual(
      expect.objectContaining({
        controller: 'AuditLogController',
        handler: 'list',
        policy: { action: 'read', subject: 'AuditLog' },
      }),
    );
  });

  it('declares the terminal routes with the Device policies (read; register, collect, remove)', () => {
    const devices = routes
      .filter((r) => r.controller === 'DevicesController')
      .map((r) => `${r.method} ${r.path} ${r.policy?.action ?? '-'}:${r.policy?.subject ?? '-'}`)
      .sort();
    expect(devices).toEqual([
      'DELETE /devices/:id delete:Device',
      'GET /devices read:Device',
      'POST /devices create:Device',
      'POST /devices/:id/collect update:Device',
    ]);
  });

  it("declares the case's pickers with the policy of the actions they serve (act:Case; the case's scope and the procedure decide the rest)", () => {
    const pickers = routes
      .filter((r) => r.controller === 'CasesController' && r.path.endsWith('/candidates'))
      .map((r) => `${r.method} ${r.path} ${r.policy?.action ?? '-'}:${r.policy?.subject ?? '-'}`)
      .sort();
    expect(pickers).toEqual([
      'GET /cases/:id/actions/assign/candidates act:Case',
      'GET /cases/:id/actions/schedule-hearing/candidates act:Case',
    ]);
  });

  it('declares the evaluation routes with the Evaluation policies (create; read the stored runs)', () => {
    const evaluations = routes
      .filter((r) => r.controller === 'EvaluationsController')
      .map((r) => `${r.method} ${r.path} ${r.policy?.action ?? '-'}:${r.policy?.subject ?? '-'}`)
      .sort();
    expect(evaluations).toEqual([
      'GET /evaluations read:Evaluation',
      'GET /evaluations/:id read:Evaluation',
      'GET /evaluations/:id/report.pdf read:Evaluation',
      'POST /evaluations create:Evaluation',
    ]);
  });

  it('declares the sign-in routes public: password, the methods offered, single sign-on and its callback', () => {
    const open = routes
      .filter((r) => r.public && ['SessionController', 'SsoController'].includes(r.controller))
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(open).toEqual(['GET /auth/methods', 'GET /auth/sso', 'GET /auth/sso/callback', 'POST /session']);
  });

  it('is guarded by the global AuthGuard', () => {
    expect(modules.map((m) => m.module)).toContain(ApiAuthModule);
    const providers = Reflect.getMetadata(MODULE_METADATA.PROVIDERS, ApiAuthModule) as unknown[];
    expect(providers).toContainEqual({ provide: APP_GUARD, useClass: AuthGuard });
  });

  it('declares @Policy or @Public on every route', () => {
    const bare = routes
      .filter((r) => r.policy === null && !r.public)
      .map((r) => `${r.controller}.${r.handler}`);
    expect(bare).toEqual([]);
  });

  it('would catch a route without one', () => {
    @Controller('x')
    class Careless {
      @Get()
      forgot(): void {}
    }
    expect(routesOf([Careless])).toEqual([
      { controller: 'Careless', handler: 'forgot', method: 'GET', path: '/x', policy: null, public: false },
    ]);
  });
});
