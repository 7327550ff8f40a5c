/**
 * `info.description` of the OpenAPI document (Markdown, rendered by the /api/docs page): what the API
 * is, and how another system authenticates (decision 021), in Chinese first, then English.
 */

import { TOKEN_PREFIX } from '../auth/scopes';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from '../auth/session';
import { TOKEN_MAX_DAYS } from '../schemas/tokens';

export function apiDescription(origin: string): string {
  const products = `${origin}/api/v1/products`;
  return `OPC 门户的 JSON API。 / The JSON API of the OPC Portal.

## 认证 / Authentication

### 简体中文

- **门户网页**使用浏览器会话：登录后的 Cookie \`${SECURE_SESSION_COOKIE}\`（本机 HTTP 开发环境为 \`${SESSION_COOKIE}\`）随请求自动发送。
- **其他系统**使用个人访问令牌：在 账号 → 访问令牌（\`/me/tokens\`）创建，或在已登录的会话中调用 \`POST /api/v1/me/tokens\`。令牌只显示一次，请立即保存；不再需要时在同一页面撤销。
- 请求时发送 \`Authorization: Bearer ${TOKEN_PREFIX}…\`。
- 权限范围：\`read\`（/admin 以外的所有 GET，包括自己的记录）、\`write\`（/admin 以外的其他写操作）、\`admin:read\` 和 \`admin:write\`（/admin 下的接口，仅组织者和管理员）。令牌的权限不会超过其所有者。
- 有效期最长 ${TOKEN_MAX_DAYS} 天。令牌有自己的频率限制，超出时返回 429 和 \`Retry-After\`。
- /auth 下的接口（注册、登录、退出、验证邮箱、重置密码）、修改密码或邮箱、注销账号和创建令牌不接受访问令牌，只能在网页上完成：使用令牌会得到 403 \`session_required\`。
- 错误为 \`application/problem+json\`（RFC 9457），语言取决于 \`Accept-Language\`（默认简体中文）。

\`\`\`sh
curl -H "Authorization: Bearer $OPC_TOKEN" -H "Accept-Language: zh-CN" \\
  --get --data-urlencode "q=医疗" "${products}"
\`\`\`

### English

- **The portal's pages** use the browser session: the cookie \`${SECURE_SESSION_COOKIE}\` (\`${SESSION_COOKIE}\` on plain-HTTP localhost) is sent with every request once signed in.
- **Other systems** use a personal access token: create one under Account → Access tokens (\`/en/me/tokens\`), or with \`POST /api/v1/me/tokens\` from a signed-in session. The token is shown once: store it right away; revoke it on the same page when it is no longer needed.
- Send it as \`Authorization: Bearer ${TOKEN_PREFIX}…\`.
- Scopes: \`read\` (every GET outside /admin, your own records included), \`write\` (every other method outside /admin), \`admin:read\` and \`admin:write\` (the /admin routes, organizers and admins only). A token never has more rights than its owner.
- A token lives at most ${TOKEN_MAX_DAYS} days. Tokens have their own rate limit: over it, 429 with \`Retry-After\`.
- The /auth routes (sign-up, sign-in, sign-out, email verification, password reset), changing the password or email, deleting the account and creating tokens refuse access tokens, they are done on the website: a token gets 403 \`session_required\`.
- Errors are \`application/problem+json\` (RFC 9457) in the language of \`Accept-Language\` (Simplified Chinese by default).

\`\`\`sh
curl -H "Authorization: Bearer $OPC_TOKEN" -H "Accept-Language: en" \\
  --get --data-urlencode "q=medical" "${products}"
\`\`\`
`;
}
