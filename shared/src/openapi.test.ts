import { describe, expect, it } from 'vitest';
import type { Endpoint } from './endpoint';
import { contract } from './contract';
import { buildOpenApiDocument } from './openapi';

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: Record<string, unknown>;
}
interface Operation {
  tags: string[];
  summary: string;
  security: unknown[];
  parameters: Parameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { description: string; content: Record<string, { schema: Record<string, unknown> }> }>;
}

const doc = buildOpenApiDocument();
const paths = doc.paths as Record<string, Record<string, Operation>>;
const endpoints = Object.entries(contract).flatMap(([group, members]) =>
  Object.entries(members as Record<string, Endpoint>).map(([name, endpoint]) => ({
    key: `${group}.${name}`,
    endpoint,
  })),
);

function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}
function operation(method: string, path: string): Operation {
  const op = paths[path]?.[method];
  if (!op) throw new Error(`no ${method.toUpperCase()} ${path} in the document`);
  return op;
}

describe('buildOpenApiDocument', () => {
  it('is an OpenAPI 3.1 document that survives JSON serialization', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('uses the given server URL', () => {
    expect(buildOpenApiDocument('https://union.example.cn').servers).toEqual([{ url: 'https://union.example.cn' }]);
    expect(doc.servers).toEqual([{ url: '/' }]);
  });

  it('contains every endpoint of the contract with its method', () => {
    expect(endpoints.length).toBeGreaterThan(15);
    for (const { key, endpoint } of endpoints) {
      const op = paths[openApiPath(endpoint.path)]?.[endpoint.method];
      expect(op, `${key}: ${endpoint.method} ${endpoint.path}`).toBeDefined();
      expect(op!.summary, key).toBe(endpoint.summary);
      expect(op!.tags, key).toEqual([endpoint.tag]);
    }
  });

  it('has exactly one operation per endpoint, so no two endpoints share a method and path', () => {
    const operations = Object.values(paths).flatMap((byMethod) => Object.keys(byMethod));
    expect(operations).toHaveLength(endpoints.length);
  });

  it('lists the key endpoints reviewers look for', () => {
    expect(operation('post', '/api/auth/wechat-login')).toBeDefined();
    expect(operation('get', '/api/me')).toBeDefined();
    expect(operation('post', '/api/membership/bind')).toBeDefined();
    expect(operation('get', '/api/members/{id}')).toBeDefined();
    expect(operation('post', '/api/join-applications')).toBeDefined();
    expect(operation('get', '/api/staff/join-applications')).toBeDefined();
    expect(operation('post', '/api/staff/join-applications/{id}/approve')).toBeDefined();
    expect(operation('post', '/api/staff/join-applications/{id}/reject')).toBeDefined();
    expect(operation('get', '/api/card/public-keys')).toBeDefined();
    expect(operation('post', '/api/staff/card-verifications')).toBeDefined();
  });

  it('writes paths in {id} style, never :id style', () => {
    for (const path of Object.keys(paths)) expect(path, path).not.toContain(':');
    expect(paths['/api/members/:id']).toBeUndefined();
  });

  it('declares each {param} of a path as a required path parameter', () => {
    for (const { key, endpoint } of endpoints) {
      const path = openApiPath(endpoint.path);
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = operation(endpoint.method, path)
        .parameters.filter((p) => p.in === 'path')
        .map((p) => ({ name: p.name, required: p.required }));
      expect(declared, key).toEqual(names.map((name) => ({ name, required: true })));
    }
    expect(operation('post', '/api/staff/join-applications/{id}/reject').parameters).toContainEqual({
      name: 'id',
      in: 'path',
      required: true,
      schema: { type: 'string' },
    });
  });

  it('gives every endpoint with a body a required JSON request body, and no other endpoint one', () => {
    for (const { key, endpoint } of endpoints) {
      const op = operation(endpoint.method, openApiPath(endpoint.path));
      if (endpoint.body) {
        expect(op.requestBody?.required, key).toBe(true);
        expect(op.requestBody?.content['application/json']?.schema, key).toMatchObject({ type: 'object' });
      } else if (!endpoint.rawBody) {
        expect(op.requestBody, key).toBeUndefined();
      }
    }
  });

  it('describes the fields of POST request bodies', () => {
    const bind = operation('post', '/api/membership/bind').requestBody!.content['application/json']!.schema;
    expect(bind.required).toEqual(expect.arrayContaining(['name', 'idNumber', 'mobile']));
    expect(Object.keys(bind.properties as object)).toEqual(expect.arrayContaining(['name', 'idNumber', 'mobile']));

    const apply = operation('post', '/api/join-applications').requestBody!.content['application/json']!.schema;
    expect(apply.required).toEqual(
      expect.arrayContaining(['orgId', 'name', 'idNumber', 'mobile', 'occupation', 'employer', 'agreeToCharter']),
    );

    const reject = operation('post', '/api/staff/join-applications/{id}/reject').requestBody!.content[
      'application/json'
    ]!.schema;
    expect(reject.properties).toMatchObject({ reason: { type: 'string', minLength: 2, maxLength: 200 } });

    const verify = operation('post', '/api/staff/card-verifications').requestBody!.content['application/json']!.schema;
    // A scanned token or a typed 核验码, one of the two: neither is required on its own.
    expect(Object.keys(verify.properties as object)).toEqual(['token', 'code']);
    expect(verify.required).toBeUndefined();
  });

  it('gives POST actions without input no request body', () => {
    expect(operation('post', '/api/staff/join-applications/{id}/approve').requestBody).toBeUndefined();
    expect(operation('post', '/api/join-applications/{id}/withdraw').requestBody).toBeUndefined();
    expect(operation('post', '/api/card/qr').requestBody).toBeUndefined();
  });

  it('lists the query parameters of the review queue, all optional with their defaults', () => {
    const query = operation('get', '/api/staff/join-applications').parameters.filter((p) => p.in === 'query');
    expect(query.map((p) => p.name).sort()).toEqual(['cursor', 'limit', 'status']);
    for (const p of query) expect(p.required, p.name).toBe(false);
    const byName = Object.fromEntries(query.map((p) => [p.name, p.schema]));
    expect(byName.status).toMatchObject({ default: 'pending', enum: ['pending', 'approved', 'rejected', 'withdrawn'] });
    expect(byName.limit).toMatchObject({ default: 20, minimum: 1, maximum: 50 });
  });

  it('lists query parameters only for endpoints that take a query', () => {
    for (const { key, endpoint } of endpoints) {
      const query = operation(endpoint.method, openApiPath(endpoint.path)).parameters.filter((p) => p.in === 'query');
      if (!endpoint.query) expect(query, key).toEqual([]);
      else expect(query.length, key).toBeGreaterThan(0);
    }
  });

  it('requires a bearer token except for public endpoints', () => {
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    for (const { key, endpoint } of endpoints) {
      const op = operation(endpoint.method, openApiPath(endpoint.path));
      expect(op.security, key).toEqual(endpoint.access === 'public' ? [] : [{ bearer: [] }]);
    }
    expect(operation('post', '/api/auth/wechat-login').security).toEqual([]);
    expect(operation('post', '/api/staff/card-verifications').security).toEqual([{ bearer: [] }]);
  });

  it('defines the ErrorBody component with code and message required', () => {
    const errorBody = doc.components.schemas.ErrorBody as Record<string, any>;
    expect(errorBody.type).toBe('object');
    expect(errorBody.required).toEqual(['error']);
    expect(errorBody.properties.error.required).toEqual(expect.arrayContaining(['code', 'message']));
    expect(Object.keys(errorBody.properties.error.properties)).toEqual(
      expect.arrayContaining(['code', 'message', 'requestId', 'details']),
    );
  });

  it('documents a 200 response and the error responses, which point at ErrorBody', () => {
    for (const { key, endpoint } of endpoints) {
      const responses = operation(endpoint.method, openApiPath(endpoint.path)).responses;
      const contentType = endpoint.rawResponse?.contentType ?? 'application/json';
      expect(responses['200']?.content[contentType]?.schema, key).toBeDefined();
      for (const status of ['400', '401', '403', '404', '409', '429']) {
        const schema = responses[status]?.content['application/json']?.schema;
        if (endpoint.errorBody) expect((schema as any)?.properties?.code, `${key} ${status}`).toBeDefined();
        else expect(schema, `${key} ${status}`).toEqual({ $ref: '#/components/schemas/ErrorBody' });
      }
    }
  });

  it('documents WeChat Pay callbacks as refused in WeChat Pay’s own protocol', () => {
    const notify = (operation('post', '/api/payments/wechat/notify') as any).responses;
    expect(notify['400'].content['application/json'].schema).toMatchObject({
      properties: { code: { const: 'FAIL' }, message: { type: 'string' } },
    });
    expect(notify['400'].description).toMatch(/微信支付/);
    // The router refuses a wrong method before the callback is reached: the common shape.
    expect(notify['405'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorBody' });
  });

  it('says which staff roles may call and how often, as the BFF enforces them from the same entry', () => {
    const verify = operation('post', '/api/staff/card-verifications') as Operation & { description?: string };
    expect(verify.description).toMatch(/调用者：工会工作人员、工会管理员、驿站管理员、商户店员/);
    expect(verify.description).toMatch(/每 600 秒最多 30 次（仅计带 code 的请求）/);
    expect(operation('get', '/api/card') as { description?: string }).not.toHaveProperty('description');
  });

  it('documents a 202 only where work may go on in the background (the long station import)', () => {
    const with202 = endpoints
      .filter(({ endpoint }) => operation(endpoint.method, openApiPath(endpoint.path)).responses['202'])
      .map(({ key }) => key);
    expect(with202).toEqual(['stationAdmin.importSheet']);
    const accepted = (operation('post', '/api/staff/stations/import') as any).responses['202'];
    expect(accepted.description).toMatch(/后台/);
    expect(accepted.content['application/json'].schema.properties.job).toBeDefined();
  });
});

describe('binary endpoints', () => {
  it('documents uploads and downloads by their content types instead of JSON', () => {
    const doc = buildOpenApiDocument() as any;
    const upload = doc.paths['/api/staff/stations/{id}/photos'].post;
    expect(Object.keys(upload.requestBody.content)).toEqual(['image/jpeg', 'image/png', 'image/webp']);
    const poster = doc.paths['/api/staff/stations/{id}/qr-poster'].get;
    expect(Object.keys(poster.responses['200'].content)).toEqual(['image/png']);
  });
});
