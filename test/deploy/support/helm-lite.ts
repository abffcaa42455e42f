import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';

/**
 * A small interpreter of the Go-template subset our Helm chart uses, so CI can render the chart
 * without the `helm` binary (neither npm nor Debian bookworm ship it, and nothing else is reachable).
 * It refuses, with an error, any construct or function it does not know: the chart cannot quietly
 * depend on something this renderer would get wrong. `.ci/validate-deploy.sh` renders with the
 * real helm wherever it is installed.
 *
 * Supported: {{ }} with - trimming, comments, pipelines, parentheses, variables ($, $x :=, $x =),
 * if / else if / else, range (lists, maps; `$i, $v :=`), with, define, include, template, and the
 * functions in FUNCS.
 */

type Value = unknown;
type Scope = { vars: Map<string, Value>; parent?: Scope };

interface Text { kind: 'text'; text: string }
interface Action { kind: 'action'; pipe: Pipe }
interface If { kind: 'if'; branches: { cond: Pipe; body: Node[] }[]; otherwise?: Node[] }
interface Range { kind: 'range'; pipe: Pipe; body: Node[]; otherwise?: Node[] }
interface With { kind: 'with'; pipe: Pipe; body: Node[]; otherwise?: Node[] }
interface TemplateCall { kind: 'template'; name: string; arg?: Pipe }
type Node = Text | Action | If | Range | With | TemplateCall;

interface Pipe { decl?: { names: string[]; assign: boolean }; cmds: Operand[][] }
type Operand =
  | { t: 'field'; base: 'dot' | string; path: string[] }
  | { t: 'lit'; v: Value }
  | { t: 'fn'; name: string }
  | { t: 'paren'; pipe: Pipe; path: string[] };

export class TemplateError extends Error {}

// ---------------------------------------------------------------- lexing

interface Tok { kind: 'text' | 'action'; text: string }

function lex(src: string, file: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let trimNext = false;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    let text = open < 0 ? src.slice(i) : src.slice(i, open);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (open < 0) {
      toks.push({ kind: 'text', text });
      break;
    }
    const close = src.indexOf('}}', open);
    if (close < 0) throw new TemplateError(`${file}: unclosed action`);
    let inner = src.slice(open + 2, close);
    if (inner.startsWith('-') && /\s/.test(inner[1] ?? '')) {
      text = text.replace(/\s+$/, '');
      inner = inner.slice(1);
    }
    trimNext = false;
    if (inner.endsWith('-') && /\s/.test(inner.at(-2) ?? '')) {
      trimNext = true;
      inner = inner.slice(0, -1);
    }
    toks.push({ kind: 'text', text });
    inner = inner.trim();
    if (!(inner.startsWith('/*') && inner.endsWith('*/'))) toks.push({ kind: 'action', text: inner });
    i = close + 2;
  }
  return toks;
}

function words(s: string, file: string): string[] {
  const out: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|`[^`]*`|:=|=|\||\(|\)(?:\.[\w.]+)?|,|[^\s|(),]+)/y;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < s.length && (m = re.exec(s))) {
    out.push(m[1]);
    pos = re.lastIndex;
    if (/^\s*$/.test(s.slice(pos))) break;
  }
  if (pos < s.trimEnd().length) throw new TemplateError(`${file}: cannot read "${s}"`);
  return out;
}

// ---------------------------------------------------------------- parsing

function parsePipe(src: string, file: string): Pipe {
  const w = words(src, file);
  let decl: Pipe['decl'];
  const declAt = w.findIndex((x) => x === ':=' || x === '=');
  if (declAt > 0 && w.slice(0, declAt).every((x) => x === ',' || x.startsWith('$'))) {
    decl = { names: w.slice(0, declAt).filter((x) => x !== ','), assign: w[declAt] === '=' };
    w.splice(0, declAt + 1);
  }
  const [pipe, rest] = parseCmds(w, 0, file);
  if (rest !== w.length) throw new TemplateError(`${file}: unexpected ")" in "${src}"`);
  return { decl, cmds: pipe };
}

function parseCmds(w: string[], i: number, file: string): [Operand[][], number] {
  const cmds: Operand[][] = [[]];
  while (i < w.length && !w[i].startsWith(')')) {
    const x = w[i];
    if (x === '|') {
      cmds.push([]);
      i++;
      continue;
    }
    if (x === '(') {
      const [inner, j] = parseCmds(w, i + 1, file);
      if (!w[j]?.startsWith(')')) throw new TemplateError(`${file}: missing ")"`);
      // `(x).Field` (no space) reads a field of the result; `(x) .Field` is another argument.
      const path = w[j].slice(1).split('.').filter(Boolean);
      i = j + 1;
      cmds.at(-1)!.push({ t: 'paren', pipe: { cmds: inner }, path });
      continue;
    }
    cmds.at(-1)!.push(operand(x, file));
    i++;
  }
  if (cmds.some((c) => c.length === 0)) throw new TemplateError(`${file}: empty command in pipeline`);
  return [cmds, i];
}

function operand(x: string, file: string): Operand {
  if (x.startsWith('"')) return { t: 'lit', v: JSON.parse(x) };
  if (x.startsWith('`')) return { t: 'lit', v: x.slice(1, -1) };
  if (/^-?\d+(\.\d+)?$/.test(x)) return { t: 'lit', v: Number(x) };
  if (x === 'true' || x === 'false') return { t: 'lit', v: x === 'true' };
  if (x === 'nil') return { t: 'lit', v: null };
  if (x === '.') return { t: 'field', base: 'dot', path: [] };
  if (x.startsWith('.')) return { t: 'field', base: 'dot', path: x.split('.').filter(Boolean) };
  if (x.startsWith('$')) {
    const [name, ...path] = x.split('.');
    return { t: 'field', base: name, path };
  }
  if (/^[a-zA-Z][a-zA-Z0-9]*$/.test(x)) {
    if (!(x in FUNCS)) throw new TemplateError(`${file}: function "${x}" is not supported by helm-lite`);
    return { t: 'fn', name: x };
  }
  throw new TemplateError(`${file}: cannot read operand "${x}"`);
}

function parseTemplate(src: string, file: string, defines: Map<string, Node[]>): Node[] {
  const toks = lex(src, file);
  let i = 0;
  const block = (ends: string[]): [Node[], string] => {
    const nodes: Node[] = [];
    while (i < toks.length) {
      const tok = toks[i++];
      if (tok.kind === 'text') {
        if (tok.text) nodes.push({ kind: 'text', text: tok.text });
        continue;
      }
      const a = tok.text;
      const kw = a.split(/\s+/)[0];
      if (ends.includes(kw) || (kw === 'else' && ends.includes('else'))) return [nodes, a];
      if (kw === 'if') {
        const node: If = { kind: 'if', branches: [] };
        let cond = a.slice(2);
        for (;;) {
          const [body, end] = block(['else', 'end']);
          node.branches.push({ cond: parsePipe(cond, file), body });
          if (end === 'end') break;
          if (/^else\s+if\s/.test(end)) {
            cond = end.replace(/^else\s+if\s/, '');
            continue;
          }
          const [other] = block(['end']);
          node.otherwise = other;
          break;
        }
        nodes.push(node);
      } else if (kw === 'range' || kw === 'with') {
        const pipe = parsePipe(a.slice(kw.length), file);
        const [body, end] = block(['else', 'end']);
        const node: Range | With = { kind: kw, pipe, body };
        if (end !== 'end') [node.otherwise] = block(['end']);
        nodes.push(node);
      } else if (kw === 'define') {
        const name = JSON.parse(a.slice(6).trim()) as string;
        const [body] = block(['end']);
        defines.set(name, body);
      } else if (kw === 'template') {
        const m = /^template\s+("(?:[^"\\]|\\.)*")\s*(.*)$/.exec(a);
        if (!m) throw new TemplateError(`${file}: bad template call "${a}"`);
        nodes.push({ kind: 'template', name: JSON.parse(m[1]) as string, arg: m[2] ? parsePipe(m[2], file) : undefined });
      } else if (['end', 'else', 'block', 'break', 'continue'].includes(kw)) {
        throw new TemplateError(`${file}: unexpected or unsupported "${kw}"`);
      } else {
        nodes.push({ kind: 'action', pipe: parsePipe(a, file) });
      }
    }
    if (ends.length) throw new TemplateError(`${file}: missing {{ end }}`);
    return [nodes, ''];
  };
  return block([])[0];
}

// ---------------------------------------------------------------- evaluation

function truthy(v: Value): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

function field(v: Value, path: string[]): Value {
  let cur = v;
  for (const key of path) {
    if (cur === undefined || cur === null) return undefined;
    if (typeof cur !== 'object') throw new TemplateError(`cannot read .${key} of a ${typeof cur}`);
    cur = (cur as Record<string, Value>)[key];
  }
  return cur;
}

function str(v: Value): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function printf(format: string, ...args: Value[]): string {
  let n = 0;
  return format.replace(/%[sdvq%]/g, (spec) => {
    if (spec === '%%') return '%';
    const a = args[n++];
    if (spec === '%q') return JSON.stringify(str(a));
    if (spec === '%d') return String(Math.trunc(Number(a)));
    return str(a);
  });
}

const toYaml = (v: Value) => (v === undefined || v === null ? 'null' : stringify(v, { lineWidth: 0 }).replace(/\n$/, ''));
const indentBy = (n: number, s: string) => s.split('\n').map((l) => ' '.repeat(n) + l).join('\n');

class Renderer {
  readonly defines = new Map<string, Node[]>();

  include(name: string, dot: Value): string {
    const body = this.defines.get(name);
    if (!body) throw new TemplateError(`template "${name}" is not defined`);
    try {
      return this.run(body, dot, { vars: new Map([['$', dot]]) });
    } catch (err) {
      throw new TemplateError(`in "${name}": ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  run(nodes: Node[], dot: Value, scope: Scope): string {
    let out = '';
    for (const n of nodes) {
      switch (n.kind) {
        case 'text':
          out += n.text;
          break;
        case 'action': {
          const v = this.pipe(n.pipe, dot, scope);
          if (!n.pipe.decl) out += str(v);
          break;
        }
        case 'if': {
          const inner: Scope = { vars: new Map(), parent: scope };
          const hit = n.branches.find((b) => truthy(this.pipe(b.cond, dot, inner)));
          if (hit) out += this.run(hit.body, dot, inner);
          else if (n.otherwise) out += this.run(n.otherwise, dot, inner);
          break;
        }
        case 'with': {
          const inner: Scope = { vars: new Map(), parent: scope };
          const v = this.pipe(n.pipe, dot, inner);
          if (truthy(v)) out += this.run(n.body, v, inner);
          else if (n.otherwise) out += this.run(n.otherwise, dot, inner);
          break;
        }
        case 'range': {
          const outer: Scope = { vars: new Map(), parent: scope };
          const v = this.pipe({ cmds: n.pipe.cmds }, dot, outer);
          const entries: [Value, Value][] = Array.isArray(v)
            ? v.map((x, i) => [i, x])
            : v && typeof v === 'object'
              ? Object.keys(v).sort().map((k) => [k, (v as Record<string, Value>)[k]])
              : typeof v === 'number'
                ? Array.from({ length: v }, (_, i) => [i, i])
                : [];
          if (v !== undefined && v !== null && typeof v !== 'object' && typeof v !== 'number') throw new TemplateError(`range over a ${typeof v}`);
          if (entries.length === 0 && n.otherwise) out += this.run(n.otherwise, dot, outer);
          for (const [k, x] of entries) {
            const inner: Scope = { vars: new Map(), parent: outer };
            const names = n.pipe.decl?.names ?? [];
            if (names.length === 1) inner.vars.set(names[0], x);
            if (names.length === 2) {
              inner.vars.set(names[0], k);
              inner.vars.set(names[1], x);
            }
            out += this.run(n.body, x, inner);
          }
          break;
        }
        case 'template':
          out += this.include(n.name, n.arg ? this.pipe(n.arg, dot, scope) : undefined);
          break;
      }
    }
    return out;
  }

  private lookup(scope: Scope, name: string): Scope | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) if (s.vars.has(name)) return s;
    return undefined;
  }

  pipe(p: Pipe, dot: Value, scope: Scope): Value {
    let piped: Value;
    let first = true;
    for (const cmd of p.cmds) {
      piped = this.command(cmd, dot, scope, first ? [] : [piped]);
      first = false;
    }
    if (p.decl) {
      const name = p.decl.names[0];
      if (p.decl.assign) {
        const s = this.lookup(scope, name);
        if (!s) throw new TemplateError(`undefined variable ${name}`);
        s.vars.set(name, piped);
      } else scope.vars.set(name, piped);
    }
    return piped;
  }

  private command(cmd: Operand[], dot: Value, scope: Scope, piped: Value[]): Value {
    const [head, ...rest] = cmd;
    if (head.t === 'fn') {
      const args = [...rest.map((o) => this.operand(o, dot, scope)), ...piped];
      return head.name === 'include'
        ? this.include(str(args[0]), args[1])
        : head.name === 'tpl'
          ? (() => {
              throw new TemplateError('tpl is not supported');
            })()
          : FUNCS[head.name](...args);
    }
    if (rest.length || piped.length) throw new TemplateError('only functions take arguments');
    return this.operand(head, dot, scope);
  }

  private operand(o: Operand, dot: Value, scope: Scope): Value {
    switch (o.t) {
      case 'lit':
        return o.v;
      case 'fn':
        return FUNCS[o.name]();
      case 'paren':
        return field(this.pipe(o.pipe, dot, scope), o.path);
      case 'field': {
        if (o.base === 'dot') return field(dot, o.path);
        const s = this.lookup(scope, o.base);
        if (!s) throw new TemplateError(`undefined variable ${o.base}`);
        return field(s.vars.get(o.base), o.path);
      }
    }
  }
}

const FUNCS: Record<string, (...a: Value[]) => Value> = {
  include: () => undefined, // handled by the renderer
  tpl: () => undefined, // refused by the renderer
  toYaml: (v) => toYaml(v),
  toJson: (v) => JSON.stringify(v ?? null),
  nindent: (n, s) => '\n' + indentBy(Number(n), str(s)),
  indent: (n, s) => indentBy(Number(n), str(s)),
  quote: (...a) => a.map((x) => JSON.stringify(str(x))).join(' '),
  default: (d, v) => (truthy(v) ? v : d),
  required: (msg, v) => {
    if (v === undefined || v === null || v === '') throw new TemplateError(`required: ${str(msg)}`);
    return v;
  },
  fail: (msg) => {
    throw new TemplateError(`fail: ${str(msg)}`);
  },
  printf: (f, ...a) => printf(str(f), ...a),
  eq: (a, ...b) => b.some((x) => x === a),
  ne: (a, b) => a !== b,
  not: (a) => !truthy(a),
  and: (...a) => a.reduce((acc, x) => (truthy(acc) ? x : acc)),
  or: (...a) => a.find((x) => truthy(x)) ?? a.at(-1),
  empty: (a) => !truthy(a),
  ternary: (a, b, cond) => (truthy(cond) ? a : b),
  list: (...a) => a,
  dict: (...a) => Object.fromEntries(Array.from({ length: a.length / 2 }, (_, i) => [str(a[2 * i]), a[2 * i + 1]])),
  hasKey: (m, k) => typeof m === 'object' && m !== null && Object.hasOwn(m, str(k)),
  trunc: (n, s) => str(s).slice(0, Number(n)),
  trimSuffix: (suf, s) => (str(s).endsWith(str(suf)) ? str(s).slice(0, -str(suf).length) : str(s)),
  upper: (s) => str(s).toUpperCase(),
  lower: (s) => str(s).toLowerCase(),
  replace: (a, b, s) => str(s).split(str(a)).join(str(b)),
  join: (sep, l) => (l as Value[]).map(str).join(str(sep)),
  int: (v) => Math.trunc(Number(v)),
};

// ---------------------------------------------------------------- charts

export interface RenderedChart {
  /** Rendered manifests by template file (documents with content only). */
  files: Map<string, unknown[]>;
  all: Record<string, unknown>[];
  chart: Record<string, unknown>;
  values: Record<string, unknown>;
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (base && over && typeof base === 'object' && typeof over === 'object' && !Array.isArray(base) && !Array.isArray(over)) {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(over)) out[k] = v === null ? undefined : deepMerge(out[k], v);
    return out;
  }
  return over;
}

/** Like `helm template <release> <dir> -n <namespace> -f overrides`, without dependencies' templates. */
export function renderChart(dir: string, opts: { release?: string; namespace?: string; values?: Record<string, unknown> } = {}): RenderedChart {
  const chart = parse(readFileSync(join(dir, 'Chart.yaml'), 'utf8')) as Record<string, unknown>;
  const values = deepMerge(parse(readFileSync(join(dir, 'values.yaml'), 'utf8')), opts.values) as Record<string, unknown>;
  const tdir = join(dir, 'templates');
  const names = readdirSync(tdir).sort();
  const r = new Renderer();
  const parsed = new Map<string, Node[]>();
  for (const name of names) {
    const src = readFileSync(join(tdir, name), 'utf8');
    const nodes = parseTemplate(src, name, r.defines);
    if (!name.startsWith('_') && /\.ya?ml$/.test(name)) parsed.set(name, nodes);
  }
  const root = {
    Values: values,
    Release: { Name: opts.release ?? 'sn', Namespace: opts.namespace ?? 'default', Service: 'Helm', IsInstall: true, IsUpgrade: false, Revision: 1 },
    Chart: { Name: chart.name, Version: chart.version, AppVersion: chart.appVersion },
    Capabilities: { KubeVersion: { Version: 'v1.30.0' } },
  };
  const files = new Map<string, unknown[]>();
  const all: Record<string, unknown>[] = [];
  for (const [name, nodes] of parsed) {
    let text: string;
    try {
      text = r.run(nodes, root, { vars: new Map([['$', root]]) });
    } catch (err) {
      throw new TemplateError(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const docs = parseAllDocuments(text).map((d) => {
      if (d.errors.length) throw new TemplateError(`${name}: rendered YAML is invalid: ${d.errors[0].message}\n${text}`);
      return d.toJS() as unknown;
    });
    const real = docs.filter((d) => d !== null && d !== undefined);
    files.set(name, real);
    all.push(...(real as Record<string, unknown>[]));
  }
  return { files, all, chart, values };
}

export function chartDependencies(dir: string): { name: string; version: string; repository: string; condition?: string }[] {
  const chart = parse(readFileSync(join(dir, 'Chart.yaml'), 'utf8')) as { dependencies?: [] };
  return chart.dependencies ?? [];
}

export const hasVendoredDependency = (dir: string, name: string) =>
  existsSync(join(dir, 'charts')) && readdirSync(join(dir, 'charts')).some((f) => f.startsWith(`${name}-`) || f === name);
