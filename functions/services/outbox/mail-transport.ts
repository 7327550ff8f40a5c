/**
 * How a due outbox message leaves: printed to the console outside production (read it at
 * /dev/outbox), POSTed to MAIL_API_URL in production. Used by deliver-pending; not a verb itself.
 */
import type { Config } from '../../config';

export interface OutboxMessage {
  id: number;
  toEmail: string;
  subject: string;
  body: string;
  attempts: number;
}

/** Sends one message or throws. */
export type MailTransport = (message: OutboxMessage) => Promise<void>;

export function defaultTransport(config: Config): MailTransport {
  return config.isProduction ? httpTransport(config.mail) : consoleTransport;
}

export const consoleTransport: MailTransport = async (message) => {
  console.log(
    `[outbox] #${message.id} to ${message.toEmail}: ${message.subject}\n${message.body}\n[outbox] end`,
  );
};

/** POSTs `{ from, to, subject, text }` as JSON with a bearer key (a generic transactional mail API). */
export function httpTransport(mail: Config['mail'], fetcher: typeof fetch = fetch): MailTransport {
  return async (message) => {
    if (!mail.apiUrl) throw new Error('MAIL_API_URL is not set');
    const response = await fetcher(mail.apiUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(mail.apiKey ? { authorization: `Bearer ${mail.apiKey}` } : {}),
      },
      body: JSON.stringify({
        from: mail.from,
        to: message.toEmail,
        subject: message.subject,
        text: message.body,
      }),
    });
    if (!response.ok) throw new Error(`mail API answered ${response.status}`);
  };
}
