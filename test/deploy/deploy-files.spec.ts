import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

// No Docker engine in CI: these checks catch deploy files drifting away from the code
// (renamed apps, missing services, dangling references) by parsing them.

type EnvForm = Record<string, unknown> | string[];
type VolumeMount = string | { type?: string; source?: string };

interface ComposeService {
  build?: string | { context?: string; dockerfile?: string };
  environment?: EnvForm;
  depends_on?: string[] | Record<string, unknown>;
  volumes?: VolumeMount[];
  entrypoint?: string | string[];
  command?: string | string[];
}

interface ComposeFile {
  services?: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const root = process.cwd();
const deployDir = join(root, 'deploy');
const composePath = join(deployDir, 'docker-compose.yml');
const dockerfilePath = join(deployDir, 'Dockerfile');

/** Apps runnable as their own process; `standalone` is the all-in-one dev entry point. */
const deployableApps = readdirSync(join(root, 'apps'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'standalone' && existsSync(join(root, 'apps', d.name, 'main.ts')))
  .map((d) => d.name)
  .sort();

/** Apps whose main.ts uses the shared service runner, i.e. support `main.js migrate`. */
const appsWithMigrations = deployableApps.filter((app) =>
  readFileSync(join(root, 'apps', app, 'main.ts'), 'utf8').includes('runServiceMain'),
);

// merge: true resolves the `<<: *anchor` keys compose files use (YAML 1.1 merge keys).
const compose = parse(readFileSync(composePath, 'utf8'), { merge: true }) as ComposeFile;
const services = compose.services ?? {};
const serviceEntries = Object.entries(services);

/** Environment as a map, whether written as a map or as a `KEY=value` list. */
function envOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  const pairs = Array.isArray(env)
    ? env.map((entry): [string, string] => {
        const eq = entry.indexOf('=');
        return eq < 0 ? [entry, ''] : [entry.slice(0, eq), entry.slice(eq + 1)];
      })
    : Object.entries(env).map(([k, v]): [string, string] => [k, v == null ? '' : String(v)]);
  return Object.fromEntries(pairs);
}

function dependenciesOf(service: ComposeService): string[] {
  const deps = service.depends_on ?? [];
  return Array.isArray(deps) ? deps : Object.keys(deps);
}

/** Named volumes a service mounts (bind mounts and anonymous volumes excluded). */
function namedVolumesOf(service: ComposeService): string[] {
  return (service.volumes ?? []).flatMap((mount) => {
    if (typeof mount !== 'string') return mount.type === 'volume' && mount.source ? [mount.source] : [];
    const parts = mount.split(':');
    if (parts.length < 2) return []; // anonymous volume: container path only
    return /^[./~$]/.test(parts[0]) ? [] : [parts[0]];
  });
}

const appServices = serviceEntries
  .map(([name, service]) => ({ name, app: envOf(service).APP }))
  .filter((s): s is { name: string; app: string } => Boolean(s.app));

describe('deploy/docker-compose.yml', () => {
  it('parses to a compose file with services and no obsolete version key', () => {
    expect(serviceEntries.length).toBeGreaterThan(0);
    expect(compose).not.toHaveProperty('version');
  });

  it('finds apps to check (guards against an empty, vacuously passing run)', () => {
    expect(deployableApps.length).toBeGreaterThan(0);
  });

  it.each(appServices)('service $name runs app "$app", which exists as apps/$app/main.ts', ({ app }) => {
    expect(existsSync(join(root, 'apps', app, 'main.ts'))).toBe(true);
  });

  it('never deploys the all-in-one standalone app', () => {
    expect(appServices.map((s) => s.app)).not.toContain('standalone');
  });

  it.each(deployableApps)('app %s has a compose service', (app) => {
    expect(appServices.map((s) => s.app)).toContain(app);
  });

  it('the migrate service migrates every app that has a schema', () => {
    const migrate = services.migrate ?? {};
    const script = [migrate.entrypoint, migrate.command].flat().filter(Boolean).join(' ');
    if (appsWithMigrations.length > 0) expect(script).toMatch(/\bmigrate\b/);
    expect(script.split(/[\s;]+/)).toEqual(expect.arrayContaining(appsWithMigrations));
  });

  it.each(serviceEntries.filter(([, s]) => s.build))('service %s builds from an existing Dockerfile', (_name, service) => {
    const build = typeof service.build === 'string' ? { context: service.build } : service.build!;
    const context = resolve(deployDir, build.context ?? '.');
    expect(existsSync(context)).toBe(true);
    expect(existsSync(resolve(context, build.dockerfile ?? 'Dockerfile'))).toBe(true);
  });

  it.each(serviceEntries)('service %s depends only on defined services', (_name, service) => {
    for (const dep of dependenciesOf(service)) expect(Object.keys(services)).toContain(dep);
  });

  it.each(serviceEntries)('service %s mounts only declared named volumes', (_name, service) => {
    for (const volume of namedVolumesOf(service)) expect(Object.keys(compose.volumes ?? {})).toContain(volume);
  });
});

describe('deploy/Dockerfile', () => {
  const dockerfile = existsSync(dockerfilePath) ? readFileSync(dockerfilePath, 'utf8') : '';
  // Instructions only: drop comments so they cannot satisfy the checks.
  const instructions = dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stageStarts = instructions.flatMap((line, i) => (/^FROM\s/i.test(line) ? [i] : []));
  const runtimeStage = instructions.slice(stageStarts.at(-1) ?? 0);

  it('is multi-stage', () => {
    expect(stageStarts.length).toBeGreaterThanOrEqual(2);
  });

  it('runs the final stage as a non-root user', () => {
    const user = runtimeStage.filter((line) => /^USER\s/i.test(line)).at(-1);
    expect(user).toBeDefined();
    const name = user!.split(/\s+/)[1].split(':')[0];
    expect(['root', '0']).not.toContain(name);
  });

  it('starts dist/apps/<APP>/main.js', () => {
    const text = instructions.join('\n');
    expect(text).toContain('dist/apps/');
    expect(text).toMatch(/\bAPP\b/);
  });
});

describe('.dockerignore', () => {
  it('keeps host node_modules and dist out of the build context', () => {
    const path = join(root, '.dockerignore');
    expect(existsSync(path)).toBe(true);
    const entries = readFileSync(path, 'utf8').split(/\r?\n/).map((l) => l.trim());
    expect(entries).toEqual(expect.arrayContaining(['node_modules', 'dist']));
  });
});
