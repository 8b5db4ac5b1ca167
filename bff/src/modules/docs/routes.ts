import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import type Router from '@koa/router';
import { buildOpenApiDocument } from '@union/shared/openapi';
import { apiRouter } from '../../http/api-router';

const SWAGGER_FILES = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js']);

const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>工会会员服务 API 文档</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui' });</script>
</body></html>`;

/** The generated OpenAPI document, and Swagger UI served from the package (no CDN). */
export function docsRoutes(): Router {
  const router = apiRouter();
  const document = buildOpenApiDocument();
  const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

  router.get('/api/openapi.json', (ctx) => {
    ctx.body = document;
  });
  router.get('/api/docs', (ctx) => {
    ctx.type = 'html';
    ctx.body = PAGE;
  });
  router.get('/api/docs/assets/:file', async (ctx) => {
    const { file } = ctx.params;
    if (!file || !SWAGGER_FILES.has(file)) return;
    ctx.type = file.endsWith('.css') ? 'css' : 'js';
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.body = await readFile(normalize(join(swaggerDir, file)));
  });
  return router;
}
