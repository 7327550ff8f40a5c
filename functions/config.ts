/**
 * Runtime configuration, validated once from the Worker's env (or process.env in scripts), in the
 * style of create-t3-app: nothing deeper in functions/ reads env directly.
 */
import { z } from 'zod';

const onOff = z.enum(['on', 'off']).default('on');

export const EnvSchema = z.object({
  ENVIRONMENT: z.enum(['production', 'development', 'test']).default('production'),
  TURSO_DATABASE_URL: z.string().min(1, 'TURSO_DATABASE_URL is required: the libSQL/Turso database URL'),
  TURSO_AUTH_TOKEN: z.string().optional(),
  PASSWORD_PEPPER: z.string().min(16, 'PASSWORD_PEPPER must be a secret of at least 16 characters'),
  ICP_NUMBER: z.string().default(''),
  RATE_LIMITS: onOff,
  TEST_NOW: z.string().optional(),
  SITE_URL: z.url().optional(),
  MAIL_API_URL: z.url().optional(),
  MAIL_API_KEY: z.string().optional(),
  MAIL_FROM: z.string().default('OPC Portal <no-reply@example.com>'),
});
export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  environment: Env['ENVIRONMENT'];
  isProduction: boolean;
  passwordPepper: string;
  icpNumber: string;
  rateLimits: boolean;
  siteUrl: string | undefined;
  mail: { apiUrl: string | undefined; apiKey: string | undefined; from: string };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseEnv(raw: Record<string, unknown>): Env {
  const result = EnvSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`Invalid environment:\n${lines}`);
  }
  if (result.data.ENVIRONMENT === 'production' && result.data.RATE_LIMITS === 'off') {
    throw new ConfigError('RATE_LIMITS=off is only allowed outside production');
  }
  return result.data;
}

export function configFromEnv(env: Env): Config {
  return {
    environment: env.ENVIRONMENT,
    isProduction: env.ENVIRONMENT === 'production',
    passwordPepper: env.PASSWORD_PEPPER,
    icpNumber: env.ICP_NUMBER,
    rateLimits: env.RATE_LIMITS === 'on',
    siteUrl: env.SITE_URL,
    mail: { apiUrl: env.MAIL_API_URL, apiKey: env.MAIL_API_KEY, from: env.MAIL_FROM },
  };
}
