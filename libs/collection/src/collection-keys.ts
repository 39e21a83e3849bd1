import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { loadKeyring, type Keyring } from '@app/crypto';

/** The deployment's master keys, loaded on first use (a process that never opens a credential reads no key). */
@Injectable()
export class CollectionKeys {
  private ring: Keyring | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get keyring(): Keyring {
    this.ring ??= loadKeyring(this.config.keys);
    return this.ring;
  }

  /** Forget the loaded keys (after `keys rotate` rewrote the key file). */
  reload(): void {
    this.ring = null;
  }
}
