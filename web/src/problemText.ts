// Server problems are in English; in Chinese mode the common ones are shown translated.

export type MessageLang = 'zh' | 'en';

let current: MessageLang = 'zh';

/** Set by the I18nProvider so errors caught anywhere come out in the chosen language. */
export function setMessageLang(lang: MessageLang): void {
  current = lang;
}

const CODE_ZH: Record<string, string> = {
  invalid_credentials: '邮箱或密码错误',
  unauthenticated: '请先登录',
  forbidden: '没有权限执行此操作',
  not_found: '内容不存在或已被移除',
  rate_limited: '操作太频繁，请稍后再试',
  network: '网络连接失败，请检查网络',
  internal: '服务器开小差了，请稍后再试',
  payload_too_large: '文件太大了',
  unsupported_media_type: '不支持的文件格式',
};

const PATTERNS_ZH: [RegExp, (m: RegExpExecArray) => string][] = [
  [/must match format "email"/, () => '邮箱格式不正确'],
  [/must NOT have fewer than (\d+) characters/, (m) => `至少需要 ${m[1]} 个字符`],
  [/must NOT have more than (\d+) characters/, (m) => `最多 ${m[1]} 个字符`],
  [/must NOT have fewer than (\d+) items/, (m) => `至少需要 ${m[1]} 项`],
  [/must NOT have more than (\d+) items/, (m) => `最多 ${m[1]} 项`],
  [/must be >= (\d+)/, (m) => `不能小于 ${m[1]}`],
  [/must be <= (\d+)/, (m) => `不能大于 ${m[1]}`],
  [/must be integer/, () => '必须是整数'],
  [/must match pattern/, () => '格式不正确'],
  [/(^| )is required$/, () => '必填'],
  [/unknown field/, () => '不支持的字段'],
  [/already registered/i, () => '该邮箱已注册'],
  [/No such category/i, () => '类目不存在'],
  [/Each pool must be larger than the one before/i, () => '每一级流量池都要比上一级大'],
  [/Email or password is wrong/i, () => '邮箱或密码错误'],
];

/** A field or detail message in the current language (unknown messages pass through). */
export function localizeMessage(message: string): string {
  if (current === 'en') return message;
  for (const [re, fn] of PATTERNS_ZH) {
    const m = re.exec(message);
    if (m) return fn(m);
  }
  return message;
}

export function localizeProblem(code: string, detail: string): string {
  if (current === 'zh' && CODE_ZH[code]) return CODE_ZH[code];
  return localizeMessage(detail);
}
