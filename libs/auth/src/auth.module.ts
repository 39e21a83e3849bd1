import { Module } from '@nestjs/common';
import { Clock, SystemClock } from '@app/common';
import { AccountService } from './account.service';
import { PasswordHasher } from './password-hasher';
import { SessionService } from './session.service';
import { TokenService } from './token.service';
import { PersistenceModule } from '@app/persistence';

/**
 * Accounts, tokens and sessions (no HTTP: the API's guard, interceptor and controllers use these, and so
 * does the CLI). The configuration is global (read once at the app's root).
 */
@Module({
  imports: [PersistenceModule],
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
