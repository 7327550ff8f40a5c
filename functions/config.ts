/**
 * Runtime configuration, validated once from the Worker's env (or process.env in scripts), in the
 * style of create-t3-app: nothing deeper in functions/ reads env directly.
 */
import { z } from 'zod';
import type { Localized } from './schemas/common';

const onOff = z.enum(['on', 'off']).default('on');

/** A fixed-window rate limit written `limit/windowSeconds`, e.g. `10/300` (functions/lib/rate-limit.ts). */
export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

const rateRule = (fallback: string) =>
  z
    .string()
    .regex(/^\d+\/\d+$/, 'expected "<limit>/<windowSeconds>", e.g. "10/300"')
    .default(fallback)
    .transform((value): RateLimitRule => {
      const [limit, windowSeconds] = value.split('/').map(Number);
      return { limit: limit ?? 0, windowSeconds: Math.max(1, windowSeconds ?? 1) };
    });

/** Defaults are generous per IP (campus and carrier NAT) and tight per account or email. */
const RATE_LIMIT_ENV = {
  /** Failed sign-ins per address, and per account from one address (successes are not counted). */
  RATE_LIMIT_SIGNIN_IP: rateRule('30/300'),
  RATE_LIMIT_SIGNIN_ACCOUNT: rateRule('10/900'),
  RATE_LIMIT_SIGNUP_IP: rateRule('10/3600'),
  /** Sign-up mails per address (a link, or "someone tried"): a cap on mails, never a refusal. */
  RATE_LIMIT_SIGNUP_EMAIL: rateRule('3/3600'),
  RATE_LIMIT_RESET_IP: rateRule('10/3600'),
  /** Reset mails per address: a cap on mails, never a refusal (decision 008). */
  RATE_LIMIT_RESET_EMAIL: rateRule('3/3600'),
  RATE_LIMIT_VERIFY_RESEND: rateRule('3/3600'),
  /** Email verification and reset confirmation (guessing a token), per address. */
  RATE_LIMIT_TOKEN_IP: rateRule('30/3600'),
  /** Team joins (guessing an invite code), per account and per address. */
  RATE_LIMIT_TEAM_JOIN_ACCOUNT: rateRule('20/3600'),
  RATE_LIMIT_TEAM_JOIN_IP: rateRule('120/3600'),
  /** Companies, membership applications, products and product edits, per account. */
  RATE_LIMIT_SUBMIT: rateRule('30/3600'),
  /** API requests per personal access token (decision 021), apart from the limits above. */
  RATE_LIMIT_TOKEN_REQUESTS: rateRule('600/60'),
};

export const EnvSchema = z.object({
  ENVIRONMENT: z.enum(['production', 'development', 'test']).default('production'),
  TURSO_DATABASE_URL: z.string().min(1, 'TURSO_DATABASE_URL is required: the libSQL/Turso database URL'),
  TURSO_AUTH_TOKEN: z.string().optional(),
  PASSWORD_PEPPER: z.string().min(16, 'PASSWORD_PEPPER must be a secret of at least 16 characters'),
  ICP_NUMBER: z.string().default(''),
  /** Who runs the portal, named on the About page (PRC sites name their operator and contact). */
  OPERATOR_NAME: z.string().default('OPC Portal 运营团队（示例）'),
  OPERATOR_NAME_EN: z.string().default('OPC Portal operations team (sample)'),
  OPERATOR_ADDRESS: z.string().default('湖北省武汉市江岸区示例路 1 号（示例地址）'),
  OPERATOR_ADDRESS_EN: z.string().default("1 Sample Road, Jiang'an District, Wuhan, Hubei (sample address)"),
  CONTACT_EMAIL: z.email().default('hello@example.com'),
  RATE_LIMITS: onOff,
  TEST_NOW: z.string().optional(),
  /** The public origin (`https://opc.example.cn`): every absolute link is built from it. */
  SITE_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .url({ protocol: /^https?$/, error: 'SITE_URL must be an http(s) URL such as https://opc.example.cn' })
      .transform((value) => new URL(value).origin)
      .optional(),
  ),
  MAIL_API_URL: z.url().optional(),
  MAIL_API_KEY: z.string().optional(),
  MAIL_FROM: z.string().default('OPC Portal <no-reply@example.com>'),
  ...RATE_LIMIT_ENV,
});
export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  environment: Env['ENVIRONMENT'];
  isProduction: boolean;
  passwordPepper: string;
  icpNumber: string;
  /** The operator, its address and contact, in both languages (the About page). */
  operator: { name: Localized; address: Localized; email: string };
  rateLimits: boolean;
  /** Per-action limits, from RATE_LIMIT_* env settings. */
  rateLimitRules: RateLimitRules;
  siteUrl: string | undefined;
  mail: { apiUrl: string | undefined; apiKey: string | undefined; from: string };
}

export type RateLimitRules = {
  signinIp: RateLimitRule;
  signinAccount: RateLimitRule;
  signupIp: RateLimitRule;
  signupEmail: RateLimitRule;
  resetIp: RateLimitRule;
  resetEmail: RateLimitRule;
  verifyResend: RateLimitRule;
  tokenIp: RateLimitRule;
  teamJoinAccount: RateLimitRule;
  teamJoinIp: RateLimitRule;
  submit: RateLimitRule;
  tokenRequests: RateLimitRule;
};

/** The rules when no RATE_LIMIT_* setting is given (also what tests use). */
export const DEFAULT_RATE_LIMIT_RULES: RateLimitRules = rateLimitRulesFromEnv(
  z.object(RATE_LIMIT_ENV).parse({}),
);

function rateLimitRulesFromEnv(env: { [K in keyof typeof RATE_LIMIT_ENV]: RateLimitRule }): RateLimitRules {
  return {
    signinIp: env.RATE_LIMIT_SIGNIN_IP,
    signinAccount: env.RATE_LIMIT_SIGNIN_ACCOUNT,
    signupIp: env.RATE_LIMIT_SIGNUP_IP,
    signupEmail: env.RATE_LIMIT_SIGNUP_EMAIL,
    resetIp: env.RATE_LIMIT_RESET_IP,
    resetEmail: env.RATE_LIMIT_RESET_EMAIL,
    verifyResend: env.RATE_LIMIT_VERIFY_RESEND,
    tokenIp: env.RATE_LIMIT_TOKEN_IP,
    teamJoinAccount: env.RATE_LIMIT_TEAM_JOIN_ACCOUNT,
    teamJoinIp: env.RATE_LIMIT_TEAM_JOIN_IP,
    submit: env.RATE_LIMIT_SUBMIT,
    tokenRequests: env.RATE_LIMIT_TOKEN_REQUESTS,
  };
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
  if (result.data.ENVIRONMENT === 'production' && !result.data.SITE_URL) {
    throw new ConfigError(
      'SITE_URL is not set. In production every absolute link (mail, feeds, canonical URLs, the sitemap) is built from SITE_URL, never from the request: set it in wrangler.jsonc "vars" or deploy with SITE_URL=https://… npm run deploy',
    );
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
    operator: {
      name: { zh: env.OPERATOR_NAME, en: env.OPERATOR_NAME_EN },
      address: { zh: env.OPERATOR_ADDRESS, en: env.OPERATOR_ADDRESS_EN },
      email: env.CONTACT_EMAIL,
    },
    rateLimits: env.RATE_LIMITS === 'on',
    rateLimitRules: rateLimitRulesFromEnv(env),
    siteUrl: env.SITE_URL,
    mail: { apiUrl: env.MAIL_API_URL, apiKey: env.MAIL_API_KEY, from: env.MAIL_FROM },
  };
}
