/**
 * The deployment files under deploy/ are written for machines this repository's tests never
 * reach, so the facts they copy from the code are checked here instead: the environment
 * template names exactly the variables the configuration reads, nginx lets through what
 * the contract accepts (upload sizes, WeChat Pay's notification paths), and the image runs
 * node with the flags the benchmarks measured.
 */
import { readFileSync } from 'node:fs';
import { contract, type Endpoint } from '@union/shared';
import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS } from './config';

const deployFile = (name: string) => readFileSync(new URL(`../../deploy/${name}`, import.meta.url), 'utf8');

interface TemplateEntry {
  name: string;
  value: string;
  /** Written as `# NAME=`: not wanted in production, shown so the list is complete. */
  disabled: boolean;
  /** The comment lines right above it. */
  comment: string[];
}

function templateEntries(text: string): TemplateEntry[] {
  const entries: TemplateEntry[] = [];
  let comment: string[] = [];
  for (const line of text.split('\n')) {
    const entry = /^(# )?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (entry) {
      entries.push({ name: entry[2]!, value: entry[3]!, disabled: Boolean(entry[1]), comment });
      comment = [];
    } else if (line.startsWith('#')) {
      comment.push(line);
    } else {
      comment = [];
    }
  }
  return entries;
}

const endpoints = Object.values(contract).flatMap((group) => Object.values<Endpoint>(group));

describe('deploy/env.example', () => {
  const entries = templateEntries(deployFile('env.example'));

  it('names every configuration variable once, and nothing the configuration does not read', () => {
    const names = entries.map((entry) => entry.name);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
    expect([...names].sort()).toEqual(Object.keys(CONFIG_FIELDS).sort());
  });

  it('explains each variable in Chinese', () => {
    const unexplained = entries.filter((entry) => !entry.comment.some((line) => /[\u4e00-\u9fff]/.test(line)));
    expect(unexplained.map((entry) => entry.name)).toEqual([]);
  });

  it('leaves secrets empty (to be filled) and gives only values the configuration accepts', () => {
    const fields = CONFIG_FIELDS as Record<string, { safeParse(value: unknown): { success: boolean } }>;
    const refused = entries
      .filter((entry) => entry.value !== '' && !fields[entry.name]!.safeParse(entry.value).success)
      .map((entry) => `${entry.name}=${entry.value}`);
    expect(refused).toEqual([]);
    for (const secret of ['JWT_SECRET', 'FIELD_ENCRYPTION_KEY', 'BLIND_INDEX_KEY', 'CARD_SIGNING_KEY']) {
      expect(entries.find((entry) => entry.name === secret)).toMatchObject({ value: '', disabled: false });
    }
  });

  it('keeps what production refuses switched off', () => {
    const active = new Map(entries.filter((entry) => !entry.disabled).map((entry) => [entry.name, entry.value]));
    expect(active.get('NODE_ENV')).toBe('production');
    for (const refused of ['SEED_DEMO_DATA', 'WECHAT_PAY_EMULATOR', 'STATION_BENCH_DATASET', 'STATION_SEARCH']) {
      expect(active.has(refused), refused).toBe(false);
    }
    expect(active.get('WECHAT_API_BASE_URL')).toBe('https://api.weixin.qq.com');
    expect(active.get('FILE_STORE')).not.toBe('memory');
  });
});

describe('deploy/nginx.conf', () => {
  const nginx = deployFile('nginx.conf');
  const locationBody = (selector: string) => {
    const start = nginx.indexOf(`location ${selector} {`);
    expect(start, `location ${selector}`).toBeGreaterThan(-1);
    return nginx.slice(start, nginx.indexOf('}', start));
  };
  const megabytes = (body: string) => Number(/client_max_body_size (\d+)m;/.exec(body)?.[1]);

  it("lets the API's largest upload through, and no more", () => {
    const largest = Math.max(...endpoints.map((endpoint) => endpoint.rawBody?.maxBytes ?? 0));
    expect(megabytes(locationBody('/api')) * 1024 * 1024).toBe(largest);
  });

  it("sends WeChat Pay's notifications to the BFF uncompressed, within the contract's size", () => {
    const notifications = endpoints.filter((endpoint) => endpoint.path.startsWith('/api/payments/wechat/'));
    expect(notifications.length).toBeGreaterThan(0);
    for (const endpoint of notifications) {
      const body = locationBody(`= ${endpoint.path}`);
      expect(body).toContain('proxy_pass http://bff;');
      expect(body).toContain('gzip off;');
      expect(Number(/client_max_body_size (\d+)k;/.exec(body)?.[1]) * 1024).toBe(endpoint.rawBody?.maxBytes);
    }
  });

  it('keeps metrics and readiness away from the public', () => {
    expect(locationBody('= /metrics')).toContain('deny all;');
    expect(locationBody('= /readyz')).toContain('deny all;');
  });

  it('sets the client address for the BFF rather than appending to what the client sent', () => {
    expect(nginx).toContain('proxy_set_header X-Forwarded-For $remote_addr;');
    expect(nginx).not.toContain('$proxy_add_x_forwarded_for');
  });
});

describe('deploy/Dockerfile', () => {
  const nodeFlags = (command: string[]) =>
    command.filter((word) => word.startsWith('--') && word.includes('semi-space'));

  it('runs the BFF with the young generation `pnpm start:prod` (and so the benchmarks) runs it with', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(deployFile('Dockerfile'))?.[1];
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const imageFlags = nodeFlags(JSON.parse(cmd!) as string[]);
    expect(imageFlags).toEqual(nodeFlags(pkg.scripts['start:prod']!.split(' ')));
    // Both ends fixed: a young generation V8 shrank while idle halved throughput after a quiet minute.
    expect(imageFlags).toEqual(['--min-semi-space-size=32', '--max-semi-space-size=32']);
  });
});
