import { EnvVars } from '@app/config';
import { SERVICES } from '@app/contracts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import * as appsV1 from 'kubernetes-models/apps/v1';
import * as autoscalingV2 from 'kubernetes-models/autoscaling/v2';
import * as batchV1 from 'kubernetes-models/batch/v1';
import * as networkingV1 from 'kubernetes-models/networking.k8s.io/v1';
import * as policyV1 from 'kubernetes-models/policy/v1';
import * as coreV1 from 'kubernetes-models/v1';
import { chartDependencies, hasVendoredDependency, renderChart, TemplateError } from './support/helm-lite.js';

// The chart rendered without the helm binary (test/deploy/support/helm-lite.ts says why), every
// manifest validated against the Kubernetes API's JSON schemas (kubernetes-models), and the
// deployment rules of this project checked on top. CRDs without a schema on npm (CloudNativePG)
// are checked structurally, field by field, below.

const root = process.cwd();
const chartDir = join(root, 'deploy/helm/service-network');

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec?: any };
type ModelClass = new (data: unknown) => { validate(): void };

const MODELS: Record<string, Record<string, unknown>> = {
  'apps/v1': appsV1,
  'autoscaling/v2': autoscalingV2,
  'batch/v1': batchV1,
  'networking.k8s.io/v1': networkingV1,
  'policy/v1': policyV1,
  v1: coreV1,
};

/** Throws, naming the manifest, when one does not validate against its Kubernetes schema. */
function validateManifest(doc: Manifest): void {
  const Model = MODELS[doc.apiVersion]?.[doc.kind] as ModelClass | undefined;
  if (!Model) throw new Error(`no schema for ${doc.apiVersion} ${doc.kind} (${doc.metadata?.name})`);
  try {
    new Model(doc).validate();
  } catch (err) {
    throw new Error(`${doc.kind} ${doc.metadata?.name} is invalid: ${err instanceof Error ? err.message : String(err)}`);
  }
}

// CI: the nats dependency is not vendored (its Helm repository is out of reach), so render without it.
const ciValues = { nats: { enabled: false } };
const rendered = renderChart(chartDir, { release: 'sn', namespace: 'service-network', values: ciValues });
const docs = rendered.all as Manifest[];
const byKind = (kind: string) => docs.filter((d) => d.kind === kind);
const apps = ['gateway', ...SERVICES];
const knownEnv = new Set([...Object.keys(new EnvVars()), 'APP']);
const SECRET_ENV = ['DATABASE_URL', 'ADMIN_PASSWORD', 'CURSOR_SECRET', 'PERSONAL_DATA_KEY', 'NATS_PASSWORD'];
const values = rendered.values as any;

describe('deploy/helm/service-network: rendered manifests', () => {
  it('renders documents (guards against an empty, vacuously passing run)', () => {
    expect(docs.length).toBeGreaterThan(20);
  });

  it.each(docs.map((d) => [`${d.kind} ${d.metadata.name}`, d] as const))('%s validates against the Kubernetes schema', (_name, doc) => {
    expect(() => validateManifest(doc)).not.toThrow();
  });

  it('has a Deployment, a PodDisruptionBudget and a NetworkPolicy for every app', () => {
    for (const kind of ['Deployment', 'PodDisruptionBudget', 'NetworkPolicy']) {
      expect(byKind(kind).map((d) => d.metadata.name).sort()).toEqual(apps.map((a) => `sn-${a}`).sort());
    }
  });

  it.each(apps)('%s: requests and limits, probes, non-root, and only declared environment variables', (app) => {
    const d = byKind('Deployment').find((x) => x.metadata.name === `sn-${app}`)!;
    const c = d.spec.template.spec.containers[0];
    expect(c.resources.requests).toEqual(expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }));
    expect(c.resources.limits).toEqual(expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }));
    expect(c.readinessProbe).toBeDefined();
    expect(c.livenessProbe).toBeDefined();
    expect(d.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    const env = c.env as { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
    for (const e of env) expect(knownEnv).toContain(e.name);
    expect(env.find((e) => e.name === 'APP')?.value).toBe(app);
    expect(env.find((e) => e.name === 'STREAM_REPLICAS')?.value).toBe('3');
    // Secrets only by reference.
    for (const e of env.filter((x) => SECRET_ENV.includes(x.name))) {
      expect(e.value).toBeUndefined();
      expect(e.valueFrom?.secretKeyRef?.name).toBeTruthy();
    }
    if (app !== 'gateway') {
      expect(env.find((e) => e.name === 'HEALTH_PORT')?.value).toBe(String(values.healthPort));
      expect(c.readinessProbe.httpGet).toEqual({ path: '/health', port: values.healthPort });
      expect(c.livenessProbe.httpGet).toEqual({ path: '/health/live', port: values.healthPort });
      expect(env.find((e) => e.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef).toBeDefined();
    } else {
      // The gateway's own probes, not its /health (which asks every service).
      expect(c.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: c.ports[0].containerPort });
      expect(c.livenessProbe.httpGet).toEqual({ path: '/health/live', port: c.ports[0].containerPort });
      expect(c.startupProbe.httpGet.path).toBe('/health/live');
    }
  });

  it('gives cases PERSONAL_DATA_KEY and identity ADMIN_PASSWORD, from the app Secret', () => {
    const envOf = (app: string) => byKind('Deployment').find((x) => x.metadata.name === `sn-${app}`)!.spec.template.spec.containers[0].env as any[];
    expect(envOf('cases').find((e) => e.name === 'PERSONAL_DATA_KEY').valueFrom.secretKeyRef.name).toBe(values.secrets.app);
    expect(envOf('identity').find((e) => e.name === 'ADMIN_PASSWORD').valueFrom.secretKeyRef.name).toBe(values.secrets.app);
  });

  it('renders no Secret and no secret-looking value anywhere', () => {
    expect(byKind('Secret')).toHaveLength(0);
    const text = JSON.stringify(docs);
    expect(text).not.toMatch(/[0-9a-f]{64}/i);
    expect(text).not.toMatch(/postgres(ql)?:\/\/[^"]*:[^"]*@/);
  });

  it('autoscales the services values.yaml asks for, with HPA v2 targeting their Deployment', () => {
    const hpas = byKind('HorizontalPodAutoscaler');
    const wanted = Object.entries(values.services as Record<string, any>).filter(([, s]) => s.autoscaling.enabled).map(([n]) => `sn-${n}`);
    expect(hpas.map((h) => h.metadata.name).sort()).toEqual(wanted.sort());
    for (const h of hpas) expect(h.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: h.metadata.name });
    // An autoscaled Deployment leaves replicas to the HPA (helm upgrade would otherwise reset them).
    for (const d of byKind('Deployment')) expect(d.spec.replicas === undefined).toBe(wanted.includes(d.metadata.name));
  });

  it('migrates every schema in a pre-install,pre-upgrade hook Job', () => {
    const [job] = byKind('Job');
    expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    const script = job.spec.template.spec.containers[0].args.join(' ');
    const withSchema = readdirSync(join(root, 'apps')).filter((a) => existsSync(join(root, 'apps', a, 'main.ts')) && readFileSync(join(root, 'apps', a, 'main.ts'), 'utf8').includes('runServiceMain'));
    expect(withSchema.length).toBeGreaterThan(0);
    for (const app of withSchema) expect(script.split(/\s+/)).toContain(app);
    expect(script).toMatch(/main\.js" migrate/);
  });

  it('lets bus services reach NATS and PostgreSQL only, and the gateway NATS only', () => {
    for (const p of byKind('NetworkPolicy')) {
      const ports = (p.spec.egress as any[]).flatMap((e) => e.ports.map((x: { port: number }) => x.port));
      expect(ports).toContain(4222);
      if (p.metadata.name === 'sn-gateway') expect(ports).not.toContain(5432);
      else expect(ports).toContain(5432);
    }
  });
});

describe('deploy/helm/service-network: invalid manifests fail', () => {
  const renderWith = (over: Record<string, unknown>) => renderChart(chartDir, { values: { ...ciValues, ...over } }).all as Manifest[];

  it('a replica count that is not a number fails the schema', () => {
    const bad = renderWith({ services: { ...values.services, catalogue: { ...values.services.catalogue, replicas: 'two' } } });
    expect(() => bad.forEach(validateManifest)).toThrow(/Deployment sn-catalogue is invalid/);
  });

  it('an HPA target that is not an integer fails the schema', () => {
    const cases = values.services.cases;
    const bad = renderWith({ services: { ...values.services, cases: { ...cases, autoscaling: { ...cases.autoscaling, targetCPUUtilizationPercentage: 'seventy' } } } });
    expect(() => bad.forEach(validateManifest)).toThrow(/HorizontalPodAutoscaler sn-cases is invalid/);
  });

  it('a missing secret name stops the rendering', () => {
    expect(() => renderWith({ secrets: { app: values.secrets.app, nats: '' } })).toThrow(TemplateError);
  });

  it('an unknown template function stops the rendering instead of being ignored', () => {
    expect(() => renderChart(join(root, 'test/deploy/fixtures/bad-chart'))).toThrow(/not supported/);
  });
});

describe('deploy/helm/service-network: the NATS dependency', () => {
  const nats = values.nats;

  it('is the official chart, 1.x, switched by nats.enabled', () => {
    const dep = chartDependencies(chartDir).find((d) => d.name === 'nats');
    expect(dep).toMatchObject({ repository: 'https://nats-io.github.io/k8s/helm/charts', condition: 'nats.enabled' });
    expect(dep!.version).toMatch(/^[~^]?1(\.|$)/);
    // When vendored (helm dependency update), it must be that chart.
    if (hasVendoredDependency(chartDir, 'nats')) expect(readdirSync(join(chartDir, 'charts')).some((f) => /^nats-1\./.test(f))).toBe(true);
  });

  it('is a 3-node JetStream cluster on file storage with persistent volumes', () => {
    expect(nats.config.cluster).toMatchObject({ enabled: true, replicas: 3 });
    expect(nats.config.jetstream).toMatchObject({ enabled: true, fileStore: { enabled: true, pvc: { enabled: true } }, memoryStore: { enabled: false } });
    expect(nats.config.jetstream.fileStore.pvc.size).toMatch(/^\d+(Mi|Gi|Ti)$/);
  });

  it('reads every user password from a Secret by reference', () => {
    const users = nats.config.merge.authorization.users as { user: string; password: string }[];
    expect(users.map((u) => u.user).sort()).toEqual([...apps].sort());
    for (const u of users) {
      const m = /^<< \$([A-Z_]+) >>$/.exec(u.password);
      expect(m).not.toBeNull();
      expect(nats.container.env[m![1]].valueFrom.secretKeyRef).toEqual({ name: values.secrets.nats, key: u.user });
    }
  });
});

describe('deploy/k8s/cnpg: CloudNativePG manifests (structural: no CRD schema on npm)', () => {
  const cnpgDocs = parseAllDocuments(readFileSync(join(root, 'deploy/k8s/cnpg/cluster.yaml'), 'utf8')).map((d) => d.toJS() as any);
  const cluster = cnpgDocs.find((d) => d.kind === 'Cluster');
  const scheduled = cnpgDocs.find((d) => d.kind === 'ScheduledBackup');
  const quantity = /^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti)?$/;
  const secretRef = (r: any) => typeof r?.name === 'string' && r.name.length > 0 && typeof r?.key === 'string';

  it('is a postgresql.cnpg.io/v1 Cluster of 3 instances with storage and resources', () => {
    expect(cluster.apiVersion).toBe('postgresql.cnpg.io/v1');
    expect(cluster.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    expect(cluster.spec.instances).toBe(3);
    expect(cluster.spec.storage.size).toMatch(quantity);
    expect(cluster.spec.walStorage.size).toMatch(quantity);
    for (const v of [...Object.values(cluster.spec.resources.requests), ...Object.values(cluster.spec.resources.limits)]) expect(String(v)).toMatch(quantity);
    for (const v of Object.values(cluster.spec.postgresql.parameters)) expect(typeof v).toBe('string');
    expect(cluster.spec.bootstrap.initdb).toMatchObject({ database: expect.any(String), owner: expect.any(String) });
  });

  it('backs up with barmanObjectStore: base backups and WAL archiving, credentials by reference', () => {
    const store = cluster.spec.backup.barmanObjectStore;
    expect(store.destinationPath).toMatch(/^(s3|gs|https?):\/\//);
    expect(secretRef(store.s3Credentials.accessKeyId)).toBe(true);
    expect(secretRef(store.s3Credentials.secretAccessKey)).toBe(true);
    expect(['gzip', 'bzip2', 'snappy', 'lz4', 'xz', 'zstd']).toContain(store.wal.compression);
    expect(cluster.spec.backup.retentionPolicy).toMatch(/^\d+[dwm]$/);
    expect(scheduled.apiVersion).toBe('postgresql.cnpg.io/v1');
    expect(scheduled.spec.cluster.name).toBe(cluster.metadata.name);
    expect(scheduled.spec.schedule.split(' ')).toHaveLength(6);
    expect(JSON.stringify(cnpgDocs)).not.toMatch(/password/i);
  });

  it("the chart's database Secret is the one the operator writes for this cluster", () => {
    expect(values.database.secretName).toBe(`${cluster.metadata.name}-app`);
    expect(values.database.secretKey).toBe('uri');
    expect(values.database.podSelector).toEqual({ 'cnpg.io/cluster': cluster.metadata.name });
  });
});
