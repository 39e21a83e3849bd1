import { Module } from '@nestjs/common';
import { Clock, SystemClock } from '@app/common';
import { AccountService } from './account.service';
import { PasswordHasher } from './password-hasher';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

/**
 * Accounts, tokens and sessions (no HTTP: the API's guard, interceptor and controllers use these, and so
 * does the CLI). Needs ConfigModule and PersistenceModule in the app.
 */
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    PasswordHasher,
    AccountService,
    TokenService,
    SessionService,
  ],
  exports: [AccountService, TokenService, SessionService, PasswordHasher],
})
export class AuthModule {}
