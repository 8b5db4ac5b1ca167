/** Builds the OpenAPI 3.1 document from the contract; never written by hand. */
import { z } from 'zod';
import type { Endpoint } from './endpoint';
import { STAFF_ROLES, type Role } from './roles';
import { ErrorBodySchema } from './common';
import { contract } from './contract';

const ERROR_RESPONSES: Record<string, string> = {
  '400': '请求参数有误（details 列出每个字段的问题）',
  '401': '未登录或登录已过期',
  '403': '无权执行此操作',
  '404': '对象不存在或不在您的管辖范围内',
  '405': '该路径不支持此请求方法（Allow 头列出支持的方法）',
  '409': '状态冲突（例如已被他人处理）',
  '413': '请求体过大（JSON 不超过 64 KB；上传文件见各接口说明）',
  '415': '请求体格式不支持（须为 application/json，上传接口见其说明）',
  '429': '请求过于频繁',
  '431': '请求头或地址过长',
};

/** Refusals made by the server before any endpoint is reached: always the common ErrorBody. */
const ANSWERED_BEFORE_ENDPOINT = new Set(['405', '431']);

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
}

function requestBodyOf(endpoint: Endpoint) {
  if (endpoint.rawBody) {
    const binary = { schema: { type: 'string', format: 'binary' } };
    const content = Object.fromEntries(endpoint.rawBody.contentTypes.map((type) => [type, binary]));
    return {
      requestBody: {
        required: true,
        description: `最大 ${Math.round(endpoint.rawBody.maxBytes / 1024 / 1024)} MB`,
        content,
      },
    };
  }
  if (!endpoint.body) return {};
  return {
    requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(endpoint.body, 'input') } } },
  };
}

function operationOf(endpoint: Endpoint) {
  const parameters: unknown[] = [];
  for (const name of endpoint.path.match(/:(\w+)/g) ?? []) {
    parameters.push({ name: name.slice(1), in: 'path', required: true, schema: { type: 'string' } });
  }
  if (endpoint.query) {
    const query = jsonSchema(endpoint.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema });
    }
  }
  const errors = Object.fromEntries(
    Object.entries(ERROR_RESPONSES).map(([status, description]) => {
      const own = endpoint.errorBody && !ANSWERED_BEFORE_ENDPOINT.has(status) ? endpoint.errorBody : null;
      const schema = own ? jsonSchema(own.schema, 'output') : { $ref: '#/components/schemas/ErrorBody' };
      return [
        status,
        {
          description: own ? `${description}（${own.description}）` : description,
          content: { 'application/json': { schema } },
        },
      ];
    }),
  );
  return {
    tags: [endpoint.tag],
    summary: endpoint.summary,
    ...describeAccess(endpoint),
    security: endpoint.access === 'public' ? [] : [{ bearer: [] }],
    parameters,
    ...requestBodyOf(endpoint),
    responses: {
      '200': endpoint.rawResponse
        ? {
            description: '成功',
            content: { [endpoint.rawResponse.contentType]: { schema: { type: 'string', format: 'binary' } } },
          }
        : { description: '成功', content: { 'application/json': { schema: jsonSchema(endpoint.response, 'output') } } },
      ...(endpoint.accepted
        ? {
            '202': {
              description: `已受理，在后台进行：${endpoint.accepted}`,
              content: { 'application/json': { schema: jsonSchema(endpoint.response, 'output') } },
            },
          }
        : {}),
      ...errors,
    },
  };
}

const ROLE_NAMES: Record<Role, string> = {
  member: '会员',
  union_staff: '工会工作人员',
  union_admin: '工会管理员',
  station_keeper: '驿站管理员',
  merchant_staff: '商户店员',
};

/** Who may call and how often, as the BFF enforces them from the same entry. */
function describeAccess(endpoint: Endpoint) {
  const lines: string[] = [];
  if (endpoint.access === 'staff') {
    lines.push(`调用者：${(endpoint.roles ?? STAFF_ROLES).map((role) => ROLE_NAMES[role]).join('、')}`);
  }
  const limit = endpoint.rateLimit;
  if (limit) {
    const who = endpoint.access === 'public' ? '每个地址' : '每个账号';
    const only = limit.onlyWithBodyField ? `（仅计带 ${limit.onlyWithBodyField} 的请求）` : '';
    lines.push(`频率限制：${who}每 ${limit.durationSeconds} 秒最多 ${limit.points} 次${only}，超出时 429`);
  }
  return lines.length > 0
    ? {
        description: lines.join('\n\n'),
        ...(limit ? { 'x-rate-limit': { points: limit.points, durationSeconds: limit.durationSeconds } } : {}),
      }
    : {};
}

export function buildOpenApiDocument(serverUrl = '/') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const group of Object.values(contract)) {
    for (const endpoint of Object.values(group) as Endpoint[]) {
      const openApiPath = endpoint.path.replace(/:(\w+)/g, '{$1}');
      paths[openApiPath] ??= {};
      paths[openApiPath][endpoint.method] = operationOf(endpoint);
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: '工会会员服务 API', version: '0.1.0', description: '由 shared/ 中的 zod 契约自动生成' },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { ErrorBody: jsonSchema(ErrorBodySchema, 'output') },
    },
    paths,
  };
}
