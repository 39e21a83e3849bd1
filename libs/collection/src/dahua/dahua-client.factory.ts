import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { DeviceSecret } from '../credential-seal';
import { DahuaClient } from './dahua-client';

/** Makes the recordFinder client of one Dahua terminal with the configured timeout. */
@Injectable()
export class DahuaClientFactory {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  create(baseUrl: string, username: string, secret: DeviceSecret): DahuaClient {
    return new DahuaClient(baseUrl, username, secret, this.config.collection.timeoutMs);
  }
}
