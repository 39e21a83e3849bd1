import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import cookieParser from 'cookie-parser';
import { AuthModule } from '@app/auth';
import { Clock, SystemClock } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { AuditLogController } from '../audit-log/audit-log.controller';
import { AuditLogInterceptor } from '../audit-log/audit-log.interceptor';
import { RequestAuditor } from '../audit-log/request-auditor';
import { AuthGuard } from './auth.guard';
import { CsrfService } from './csrf.service';
import { LOGIN_THROTTLER, LoginThrottlerGuard } from './login-throttler.guard';
import { OidcRelyingParty } from './oidc-relying-party';
import { SessionController } from './session.controller';
import { SessionStarter } from './session-starter';
import { SsoController } from './sso.controller';
import { TokensController } from './tokens.controller';
import { UsersController } from './users.controller';
import { PersistenceModule } from '@app/persistence';

/**
 * The API's authentication and authorization: the global guard (every route @Public or checked against its
 * @Policy), the global audit-log interceptor, the session (password and single sign-on), users, tokens and audit-log routes, and the
 * cookie parser they need. The configuration is global (read once at the app's root).
 */
@Module({
  imports: [
    PersistenceModule,
    AuthModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: LOGIN_THROTTLER, ttl: 60_000, limit: config.auth.loginRatePerMinute }],
      }),
    }),
  ],
  controllers: [SessionController, SsoController, UsersController, TokensController, AuditLogController],
  providers: [
    { provide: Clock, useClass: SystemClock },
    RequestAuditor,
    CsrfService,
    SessionStarter,
    OidcRelyingParty,
    LoginThrottlerGuard,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditLogInterceptor },
  ],
  exports: [RequestAuditor],
})
export class ApiAuthModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(cookieParser()).forRoutes('*path');
  }
}
