import { z } from 'zod';

/**
 * zod's built-in messages (for rules without a message of our own), in plain Chinese a
 * member can read: "请填写此项" rather than zod's "无效输入：期望 string，实际接收 undefined".
 * Issues not worded here fall back to zod's own Simplified Chinese locale. Messages the
 * contract sets itself always win over these.
 */
const zodChinese = z.locales.zhCN().localeError;

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是或否',
  array: '列表',
  object: '对象',
  date: '日期',
  bigint: '整数',
};

const FORMAT_NAMES: Record<string, string> = {
  email: '邮箱地址',
  url: '网址',
  date: '日期（YYYY-MM-DD）',
  datetime: '日期时间',
  time: '时间',
  duration: '时长',
  uuid: '编号',
  cuid: '编号',
  cuid2: '编号',
  ulid: '编号',
  nanoid: '编号',
  ipv4: 'IP 地址',
  ipv6: 'IP 地址',
  base64: '编码内容',
  base64url: '编码内容',
  jwt: '凭证',
  e164: '手机号码',
};

type Issue = z.core.$ZodRawIssue;

function sizeMessage(issue: Issue & { code: 'too_small' | 'too_big' }): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  const bound = small ? (issue.inclusive === false ? limit + 1 : limit) : issue.inclusive === false ? limit - 1 : limit;
  switch (issue.origin) {
    case 'string':
      return small ? (bound <= 1 ? '请填写此项' : `至少填写 ${bound} 个字`) : `最多填写 ${bound} 个字`;
    case 'array':
    case 'set':
      return small ? (bound <= 1 ? '请至少选择一项' : `请至少选择 ${bound} 项`) : `最多只能有 ${bound} 项`;
    case 'file':
      return small ? '文件内容为空' : '文件过大';
    case 'date':
      return small ? '日期太早' : '日期太晚';
    default:
      if (issue.inclusive === false) return small ? `应大于 ${limit}` : `应小于 ${limit}`;
      return small ? `不能小于 ${limit}` : `不能大于 ${limit}`;
  }
}

export const chineseValidationMessage = (issue: Issue): string => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '请填写此项';
      if (issue.input === null) return '此项不能为空';
      return `应为${TYPE_NAMES[issue.expected] ?? '正确的类型'}`;
    case 'too_small':
    case 'too_big':
      return sizeMessage(issue);
    case 'invalid_format':
      if (issue.format === 'regex' || issue.format === 'template_literal') return '格式不正确';
      if (issue.format === 'starts_with' || issue.format === 'ends_with' || issue.format === 'includes') {
        return '格式不正确';
      }
      return `${FORMAT_NAMES[issue.format] ?? ''}格式不正确`;
    case 'invalid_value':
      return issue.values.length === 1 ? '取值不正确' : '请从给出的选项中选择';
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的倍数`;
    case 'unrecognized_keys':
      return `包含无法识别的字段：${issue.keys.join('、')}`;
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return '内容不正确';
    default: {
      const fallback = zodChinese(issue);
      return typeof fallback === 'string' ? fallback : (fallback?.message ?? '内容不正确');
    }
  }
};

/** Installs the messages above for every zod schema in this process (mini-program and BFF alike). */
export function useChineseValidationMessages(): void {
  z.config({ localeError: chineseValidationMessage });
}
