import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { DeviceSecret } from '../credential-seal';
import { IsapiClient } from './isapi-client';

/** Makes the client of one terminal with the configured timeout (a seam for the service, not a mock point). */
@Injectable()
export class IsapiClientFactory {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  create(baseUrl: string, username: string, secret: DeviceSecret): IsapiClient {
    return new IsapiClient(baseUrl, username, secret, this.config.collection.timeoutMs);
  }
}
