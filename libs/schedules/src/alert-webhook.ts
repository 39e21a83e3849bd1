import { Inject, Injectable, Logger } from '@nestjs/common';
import { request } from 'urllib';
import { APP_CONFIG, type AppConfig } from '@app/config';

/** Long enough for a chat or paging gateway; short enough that a dead one never holds a job up. */
const TIMEOUT_MS = 5_000;

/**
 * POSTs alerts as JSON to BIOAUDIT_ALERT_WEBHOOK_URL. Never throws: a failed delivery is logged and reported
 * back (`failed: <reason>`) for the run's record. The URL itself (it may carry a token) is never logged.
 */
@Injectable()
export class AlertWebhook {
  private readonly logger = new Logger('schedules');
  private readonly url: string | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.url = config.schedules.alertWebhookUrl;
  }

  async deliver(payload: Record<string, unknown>): Promise<string> {
    if (!this.url) return 'not configured';
    try {
      const res = await request(this.url, {
        method: 'POST',
        data: payload,
        contentType: 'json',
        dataType: 'text',
        timeout: TIMEOUT_MS,
        followRedirect: false,
      });
      if (res.status >= 200 && res.status < 300) return 'sent';
      return this.failed(`HTTP ${res.status}`);
    } catch (e) {
      return this.failed(
        (e as Error).name === 'HttpClientRequestTimeoutError' ? 'timed out' : (e as Error).message,
      );
    }
  }

  private failed(reason: string): string {
    this.logger.warn(`alert webhook delivery failed: ${reason}`);
    return `failed: ${reason}`;
  }
}
